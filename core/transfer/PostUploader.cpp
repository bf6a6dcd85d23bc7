#include "PostUploader.h"

#include "catalogue/Catalogue.h"

namespace tardigrade {

Result<Delivery> PostUploader::send(const Shipment &shipment, const Progress &progress)
{
    if (progress)
        progress(0, shipment.size);
    auto outcome = m_catalogue.uploadFile(shipment.description, shipment.localPath,
                                          [&](qint64 sent, qint64) {
                                              // Qt counts the multipart framing too: report file bytes only.
                                              if (progress)
                                                  progress(qMin(sent, shipment.size), shipment.size);
                                          },
                                          m_reads);
    if (!outcome)
        return outcome.error();
    if (progress && !outcome->alreadyExists)
        progress(shipment.size, shipment.size); // small bodies finish before Qt reports their progress
    return Delivery{outcome->datafileId, outcome->alreadyExists};
}

} // namespace tardigrade
