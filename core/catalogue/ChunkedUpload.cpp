#include "ChunkedUpload.h"

#include "util/Log.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#ifdef TARDIGRADE_HAVE_XXHASH
#define XXH_INLINE_ALL
#include <xxhash.h>
#endif

#include <algorithm>

namespace tardigrade {

bool ChunkedUpload::isAvailable()
{
#ifdef TARDIGRADE_HAVE_XXHASH
    return true;
#else
    return false;
#endif
}

QString ChunkedUpload::xxh3Hex(const QByteArray &data)
{
#ifdef TARDIGRADE_HAVE_XXHASH
    const XXH64_hash_t h = XXH3_64bits(data.constData(), static_cast<size_t>(data.size()));
    return QStringLiteral("%1").arg(static_cast<qulonglong>(h), 16, 16, QLatin1Char('0'));
#else
    Q_UNUSED(data);
    return {};
#endif
}

qint64 ChunkedUpload::chunkSizeFor(qint64 fileSize)
{
    const qint64 step = 10 * 1024 * 1024;
    qint64 size = step;
    while (size < 10 * step && (fileSize + size - 1) / size >= 100)
        size += step;
    return size;
}

Result<QJsonObject> ChunkedUpload::call(ApiRequest request, const QString &doing)
{
    auto r = m_client.send(std::move(request));
    if (!r)
        return r.error();
    if (r->status == 404)
        return Error::permanent(QStringLiteral("The MyTardis server has no chunked upload (mydata_upload answers HTTP "
                                               "404) while %1; use HTTP POST or staging instead.")
                                    .arg(doing),
                                404);
    if (r->status != 200 && r->status != 201)
        return m_client.errorFor(*r, doing);
    const QJsonObject o = r->json().object();
    // Errors of this API come back as HTTP 200 with {success: false, error}.
    if (!o.value(QLatin1String("success")).toBool()) {
        const QString why = o.value(QLatin1String("error")).toString();
        Error e = Error::permanent(QStringLiteral("The MyTardis server refused a chunk while %1: %2").arg(doing, why));
        if (!e.message.endsWith(QLatin1Char('.')))
            e.message += QLatin1Char('.');
        return e;
    }
    return o;
}

Result<ChunkStatus> ChunkedUpload::status(qint64 replicaId)
{
    ApiRequest req;
    req.url = m_client.urlFor(QStringLiteral("/api/v1/mydata_upload/%1/").arg(replicaId));
    auto o = call(std::move(req), QStringLiteral("asking where upload %1 stands").arg(replicaId));
    if (!o)
        return o.error();
    ChunkStatus s;
    s.completed = o->value(QLatin1String("completed")).toBool();
    s.offset = json::toInt64(o->value(QLatin1String("offset")));
    s.chunkSize = json::toInt64(o->value(QLatin1String("size")));
    s.checksum = o->value(QLatin1String("checksum")).toString();
    return s;
}

Status ChunkedUpload::sendChunk(qint64 replicaId, const QByteArray &data, qint64 start, qint64 total)
{
    ApiRequest req;
    req.method = "POST";
    req.url = m_client.urlFor(QStringLiteral("/api/v1/mydata_upload/%1/upload/").arg(replicaId), {}, false);
    req.body = data;
    req.contentType = "application/octet-stream";
    req.headers = {{"Checksum", xxh3Hex(data).toLatin1()},
                   {"Content-Range", QByteArray::number(start) + '-' + QByteArray::number(start + data.size()) + '/' +
                                         QByteArray::number(total)}};
    // A repeated chunk is refused as "already uploaded": safe to send again.
    req.retry = ResendRule::Idempotent;
    auto o = call(std::move(req), QStringLiteral("sending bytes %1–%2").arg(start).arg(start + data.size()));
    if (!o) {
        if (o.error().message.contains(QStringLiteral("Chunk already uploaded")))
            return {};
        return o.error();
    }
    return {};
}

Result<bool> ChunkedUpload::complete(qint64 replicaId)
{
    ApiRequest req;
    req.url = m_client.urlFor(QStringLiteral("/api/v1/mydata_upload/%1/complete/").arg(replicaId));
    auto o = call(std::move(req), QStringLiteral("finishing upload %1").arg(replicaId));
    if (!o)
        return o.error();
    return o->value(QLatin1String("verified")).toBool();
}

Result<UploadOutcome> ChunkedUpload::upload(const NewDataFile &file, const QString &localPath,
                                            const QString &uploaderUuid, const QString &fingerprint,
                                            const MyTardisClient::Progress &progress)
{
    if (!isAvailable())
        return Error::internal(QStringLiteral(
            "This build of Tardigrade has no chunked upload (built without xxhash); use HTTP POST or staging."));
    QFile in(localPath);
    if (!in.open(QIODevice::ReadOnly))
        return Error::permanent(
            QStringLiteral("Could not read %1; check that it exists and is readable.").arg(localPath));
    const qint64 total = in.size();

    UploadOutcome out;
    auto reg = m_client.registerForStaging(file, uploaderUuid, fingerprint);
    if (!reg)
        return reg.error();
    qint64 datafileId = reg->datafileId;
    if (reg->alreadyExists || datafileId == 0) {
        out.alreadyExists = reg->alreadyExists;
        auto existing = m_client.findDataFile(json::idFromUri(file.datasetUri), file.directory, file.filename);
        if (!existing)
            return existing.error();
        if (!existing->has_value())
            return Error::permanent(
                QStringLiteral("The server neither registered nor lists \"%1\"; try again later.").arg(file.filename));
        datafileId = (*existing)->id;
    }
    out.datafileId = datafileId;
    auto record = m_client.dataFile(datafileId);
    if (!record)
        return record.error();
    if (record->isVerified())
        return out;
    if (record->replicas.isEmpty())
        return Error::permanent(
            QStringLiteral("Datafile %1 has no replica to upload into; ask the server's administrator.")
                .arg(datafileId));
    const qint64 replicaId = record->replicas.first().id;

    auto st = status(replicaId);
    if (!st)
        return st.error();
    if (!st->completed) {
        const qint64 chunk = st->chunkSize > 0 ? st->chunkSize : chunkSizeFor(total);
        qint64 offset = std::clamp<qint64>(st->offset, 0, total);
        if (!in.seek(offset))
            return Error::permanent(QStringLiteral("Could not read %1 from byte %2.").arg(localPath).arg(offset));
        if (progress)
            progress(offset, total);
        while (offset < total) {
            const QByteArray data = in.read(std::min(chunk, total - offset));
            if (data.isEmpty())
                return Error::permanent(
                    QStringLiteral("Could not read %1 at byte %2 (did it shrink?).").arg(localPath).arg(offset));
            if (Status s = sendChunk(replicaId, data, offset, total); !s)
                return s.error();
            offset += data.size();
            if (progress)
                progress(offset, total);
        }
    }
    auto done = complete(replicaId);
    if (!done)
        return done.error();
    qCInfo(lcCatalogue) << "chunked upload of datafile" << datafileId << (*done ? "verified" : "being assembled");
    return out;
}

} // namespace tardigrade
