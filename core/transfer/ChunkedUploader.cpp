#include "ChunkedUploader.h"

#include "catalogue/Catalogue.h"
#include "catalogue/ChunkChecksum.h"
#include "util/Log.h"

#include <QFile>

#include <algorithm>

namespace tardigrade {

Result<Delivery> ChunkedUploader::send(const Shipment &shipment, const Progress &progress)
{
    if (!registersFirst(shipment.size)) // below the threshold: POST registers and sends in one
        return m_post.send(shipment, progress);
    if (shipment.datafileId == 0)
        return Error::internal(QStringLiteral("%1 was not registered before its chunks; it is uploaded in the next "
                                              "run.")
                                   .arg(shipment.localPath));
    return sendChunks(shipment, progress);
}

Result<Delivery> ChunkedUploader::sendChunks(const Shipment &shipment, const Progress &progress)
{
    const Delivery delivered{shipment.datafileId, false};
    auto record = m_catalogue.dataFile(shipment.datafileId);
    if (!record)
        return record.error();
    if (record->isVerified())
        return delivered;
    if (record->replicas.isEmpty())
        return Error::permanent(
            QStringLiteral("Datafile %1 has no replica to upload into; ask the server's administrator.")
                .arg(shipment.datafileId));
    const qint64 replicaId = record->replicas.first().id;

    QFile in(shipment.localPath);
    if (!in.open(QIODevice::ReadOnly))
        return Error::permanent(
            QStringLiteral("Could not read %1; check that it exists and is readable.").arg(shipment.localPath));
    const qint64 total = shipment.size;
    auto status = m_catalogue.chunkStatus(replicaId);
    if (!status)
        return status.error();
    if (!status->completed) {
        const qint64 chunk = status->chunkSize > 0 ? status->chunkSize : chunks::sizeFor(total);
        qint64 offset = std::clamp<qint64>(status->offset, 0, total);
        if (!in.seek(offset))
            return Error::permanent(
                QStringLiteral("Could not read %1 from byte %2.").arg(shipment.localPath).arg(offset));
        if (progress)
            progress(offset, total);
        while (offset < total) {
            if (m_catalogue.config().cancel && m_catalogue.config().cancel->load())
                return Error::cancelled();
            const QByteArray data = in.read(std::min(chunk, total - offset));
            if (data.isEmpty())
                return Error::permanent(QStringLiteral("Could not read %1 at byte %2 (did it shrink?); it is "
                                                       "uploaded in a later run.")
                                            .arg(shipment.localPath)
                                            .arg(offset));
            if (Status s = m_catalogue.sendChunk(replicaId, data, offset, total); !s)
                return s.error();
            offset += data.size();
            if (progress)
                progress(offset, total);
        }
    } else if (progress) {
        progress(total, total);
    }
    auto verified = m_catalogue.completeChunks(replicaId);
    if (!verified)
        return verified.error();
    qCInfo(lcTransfer) << "chunked upload of datafile" << shipment.datafileId
                       << (*verified ? "verified" : "being assembled");
    return delivered;
}

} // namespace tardigrade
