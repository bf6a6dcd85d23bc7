#include "ChunkedUploader.h"

#include "catalogue/Catalogue.h"
#include "catalogue/ChunkChecksum.h"
#include "util/LocalFile.h"
#include "util/Log.h"

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

    LocalFile::Failure failure = LocalFile::Failure::None;
    QString why;
    const std::unique_ptr<LocalFile> in = LocalFile::open(shipment.localPath, &failure, &why, m_reads);
    if (!in && failure == LocalFile::Failure::Busy) // the instrument still writes it
        return Error::transient(
            QStringLiteral("%1 is open in another program; it is sent once it is free.").arg(shipment.localPath));
    if (!in)
        return Error::permanent(QStringLiteral("Could not read %1 (%2); check that it exists and is readable.")
                                    .arg(shipment.localPath, why));
    const qint64 total = shipment.size;
    auto status = m_catalogue.chunkStatus(replicaId);
    if (!status)
        return status.error();
    if (!status->completed) {
        const qint64 chunk = status->chunkSize > 0 ? status->chunkSize : chunks::sizeFor(total);
        qint64 offset = std::clamp<qint64>(status->offset, 0, total);
        if (progress)
            progress(offset, total);
        while (offset < total) {
            if (m_catalogue.config().cancel && m_catalogue.config().cancel->load())
                return Error::cancelled();
            QByteArray data(int(std::min(chunk, total - offset)), Qt::Uninitialized);
            if (!in->readFullyAt(offset, data.data(), data.size()))
                return Error::permanent(QStringLiteral("Could not read %1 at byte %2 (%3; did it shrink?); it is "
                                                       "uploaded in a later run.")
                                            .arg(shipment.localPath)
                                            .arg(offset)
                                            .arg(in->errorString()));
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
