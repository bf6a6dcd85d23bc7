#include "ChunkUploadResource.h"

#include "CatalogueDb.h"
#include "Verifier.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QUuid>

#ifdef TARDIGRADE_STANDIN_HAVE_XXHASH
#define XXH_INLINE_ALL
#include <xxhash.h>
#endif

namespace tardigrade::standin {

namespace {
constexpr qint64 kChunkMin = 10LL * 1024 * 1024;
constexpr qint64 kChunkMax = 100LL * 1024 * 1024;
} // namespace

qint64 ChunkUploadResource::chunkSize(qint64 fileSize)
{
    qint64 size = kChunkMin;
    while (true) {
        const qint64 count = (fileSize + size - 1) / size;
        if (count < 100)
            return size;
        size += kChunkMin;
        if (size > kChunkMax)
            return kChunkMax;
    }
}

QString ChunkUploadResource::xxh3Hex(const QByteArray &data)
{
#ifdef TARDIGRADE_STANDIN_HAVE_XXHASH
    const XXH64_hash_t h = XXH3_64bits(data.constData(), static_cast<size_t>(data.size()));
    return QStringLiteral("%1").arg(static_cast<qulonglong>(h), 16, 16, QLatin1Char('0'));
#else
    Q_UNUSED(data);
    return {};
#endif
}

ApiResponse ChunkUploadResource::error(const QString &message)
{
    QJsonObject o;
    o.insert(QStringLiteral("success"), false);
    o.insert(QStringLiteral("error"), message);
    return ApiResponse::json(o);
}

ApiResponse ChunkUploadResource::handle(const ApiRequest &request)
{
    if (request.segments.size() < 2)
        return methodNotAllowed();
    const qint64 replicaId = request.segments.at(1).toLongLong();
    const QVariant datasetId = m_ctx.db().scalar(
        QStringLiteral("SELECT f.dataset_id FROM replicas r JOIN datafiles f ON f.id = r.datafile_id WHERE r.id = ?"),
        {replicaId});
    if (!datasetId.isValid() || !m_ctx.canSeeDataset(request.userId, datasetId.toLongLong()))
        return error(QStringLiteral("Invalid object or access denied."));
    const QString action = request.segments.value(2);
    if (action.isEmpty() && request.method == QLatin1String("GET"))
        return status(replicaId);
    if (action == QLatin1String("upload") && request.method == QLatin1String("POST"))
        return upload(request, replicaId);
    if (action == QLatin1String("complete") && request.method == QLatin1String("GET"))
        return complete(replicaId);
    return methodNotAllowed();
}

ApiResponse ChunkUploadResource::status(qint64 replicaId)
{
    QSqlQuery q = m_ctx.db().exec(QStringLiteral("SELECT r.verified, f.size FROM replicas r JOIN datafiles f ON "
                                                 "f.id = r.datafile_id WHERE r.id = ?"),
                                  {replicaId});
    q.next();
    const bool verified = q.value(0).toBool();
    const qint64 fileSize = q.value(1).toLongLong();
    QJsonObject o;
    o.insert(QStringLiteral("success"), true);
    o.insert(QStringLiteral("completed"), true);
    if (!verified) {
        QSqlQuery last = m_ctx.db().exec(
            QStringLiteral("SELECT offset + size FROM chunks WHERE replica_id = ? ORDER BY offset DESC LIMIT 1"),
            {replicaId});
        const qint64 offset = last.next() ? qMin(last.value(0).toLongLong(), fileSize) : 0;
        if (offset != fileSize) {
            o.insert(QStringLiteral("completed"), false);
            o.insert(QStringLiteral("offset"), offset);
            o.insert(QStringLiteral("size"), chunkSize(fileSize));
            o.insert(QStringLiteral("checksum"), QStringLiteral("xxh3_64"));
        }
    }
    return ApiResponse::json(o);
}

ApiResponse ChunkUploadResource::upload(const ApiRequest &request, qint64 replicaId)
{
    const QString checksum = QString::fromLatin1(request.header("Checksum"));
    if (checksum.isEmpty())
        return error(QStringLiteral("Missing 'Checksum' in header."));
    const QString range = QString::fromLatin1(request.header("Content-Range"));
    if (range.isEmpty())
        return error(QStringLiteral("Missing 'Content-Range' in header."));
    static const QRegularExpression re(QStringLiteral("^(\\d+)\\-(\\d+)\\/(\\d+)$"));
    const QRegularExpressionMatch m = re.match(range);
    if (!m.hasMatch())
        return error(QStringLiteral("Invalid 'Content-Range' in header."));
    const qint64 start = m.captured(1).toLongLong();
    const qint64 length = m.captured(2).toLongLong() - start;
    if (length > kChunkMax)
        return error(QStringLiteral("Chunk size is larger than max allowed."));
    CatalogueDb &db = m_ctx.db();
    if (db.scalar(QStringLiteral("SELECT id FROM chunks WHERE replica_id = ? AND offset = ?"), {replicaId, start})
            .isValid())
        return error(QStringLiteral("Chunk already uploaded."));
    const QString actual = xxh3Hex(request.body);
    if (actual.isEmpty() || actual != checksum)
        return error(QStringLiteral("Checksum does not match. xxh3_64:%1").arg(actual));
    const QString dir = db.config(QStringLiteral("store")) + QStringLiteral("/chunks/") + QString::number(replicaId);
    QDir().mkpath(dir);
    const QString path = dir + QLatin1Char('/') + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(request.body) != request.body.size())
        return error(QStringLiteral("Cannot store the chunk."));
    f.close();
    const qint64 id =
        db.insert(QStringLiteral("INSERT INTO chunks (replica_id, offset, size, path) VALUES (?, ?, ?, ?)"),
                  {replicaId, start, length, path});
    QJsonObject o;
    o.insert(QStringLiteral("success"), true);
    o.insert(QStringLiteral("id"), id);
    return ApiResponse::json(o);
}

ApiResponse ChunkUploadResource::complete(qint64 replicaId)
{
    const bool verified =
        m_ctx.db().scalar(QStringLiteral("SELECT verified FROM replicas WHERE id = ?"), {replicaId}).toBool();
    // Like the real server: assembly runs in the background; ask again.
    if (!verified)
        m_ctx.verifier().scheduleChunkAssembly(replicaId);
    QJsonObject o;
    o.insert(QStringLiteral("success"), true);
    o.insert(QStringLiteral("verified"), verified);
    return ApiResponse::json(o);
}

} // namespace tardigrade::standin
