#include "DatafileResource.h"

#include "CatalogueDb.h"
#include "IsoTime.h"
#include "MultipartForm.h"
#include "Verifier.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUrl>

namespace tardigrade::standin {

QStringList DatafileResource::names() const
{
    return {QStringLiteral("mydata_dataset_file"), QStringLiteral("dataset_file"), QStringLiteral("mydata_replica")};
}

ApiResponse DatafileResource::handle(const ApiRequest &request)
{
    const QString &name = request.segments.first();
    if (name == QLatin1String("mydata_replica"))
        return replica(request);
    if (name == QLatin1String("dataset_file")) {
        if (request.segments.size() == 3 && request.segments.at(2) == QLatin1String("verify"))
            return verify(request);
        if (request.method != QLatin1String("GET") || request.segments.size() != 2)
            return methodNotAllowed();
    }
    if (request.method == QLatin1String("POST") && request.segments.size() == 1)
        return create(request);
    if (request.method != QLatin1String("GET"))
        return methodNotAllowed();
    if (request.segments.size() > 1) {
        const qint64 id = request.segments.at(1).toLongLong();
        const QVariant datasetId =
            m_ctx.db().scalar(QStringLiteral("SELECT dataset_id FROM datafiles WHERE id = ?"), {id});
        if (!datasetId.isValid())
            return ApiContext::notFound();
        if (!m_ctx.canSeeDataset(request.userId, datasetId.toLongLong()))
            return ApiResponse::empty(401);
        return ApiResponse::json(m_ctx.shapes().datafile(id));
    }
    return lookup(request);
}

ApiResponse DatafileResource::lookup(const ApiRequest &request)
{
    QString sql = QStringLiteral("SELECT f.id AS id FROM datafiles f JOIN dataset_experiments de ON "
                                 "de.dataset_id = f.dataset_id WHERE de.experiment_id IN (") +
                  ApiContext::visibleExperimentsSql() + QLatin1Char(')');
    QVariantList binds{request.userId, request.userId};
    if (request.hasParam(QStringLiteral("dataset__id"))) {
        sql += QStringLiteral(" AND f.dataset_id = ?");
        binds << request.param(QStringLiteral("dataset__id")).toLongLong();
    }
    if (request.hasParam(QStringLiteral("filename"))) {
        sql += QStringLiteral(" AND f.filename = ?");
        binds << request.param(QStringLiteral("filename"));
    }
    if (request.hasParam(QStringLiteral("directory"))) {
        sql += QStringLiteral(" AND f.directory = ?");
        binds << request.param(QStringLiteral("directory"));
    }
    if (request.hasParam(QStringLiteral("directory__startswith"))) {
        sql += QStringLiteral(" AND substr(f.directory, 1, length(?)) = ?");
        binds << request.param(QStringLiteral("directory__startswith"))
              << request.param(QStringLiteral("directory__startswith"));
    }
    return m_ctx.list(request, sql, binds, [this](qint64 id) { return m_ctx.shapes().datafile(id); });
}

QString DatafileResource::replicaUri(qint64 datafileId)
{
    // <description, URL-quoted>-<dataset id>/<directory>/<filename>, as
    // MyTardis names a datafile object's path in its storage box.
    const QVariantList f = m_ctx.db().row(QStringLiteral("SELECT d.description, d.id, f.directory, f.filename "
                                                         "FROM datafiles f JOIN datasets d ON d.id = f.dataset_id "
                                                         "WHERE f.id = ?"),
                                          {datafileId});
    if (f.isEmpty())
        return {};
    // --dataset-folder-suffix: a server that names another folder than the
    // one a client predicts from these rules (the client must move its bytes).
    QString uri = QString::fromLatin1(QUrl::toPercentEncoding(f.at(0).toString())) + QLatin1Char('-') +
                  f.at(1).toString() + m_ctx.db().config(QStringLiteral("dataset_folder_suffix")) + QLatin1Char('/');
    const QString directory = f.at(2).toString();
    if (!directory.isEmpty())
        uri += directory + QLatin1Char('/');
    return uri + f.at(3).toString();
}

qint64 DatafileResource::insertDatafile(const ApiRequest &request, const QJsonObject &fields, ApiResponse *failure)
{
    CatalogueDb &db = m_ctx.db();
    const qint64 datasetId = ApiContext::idFromUri(fields.value(QLatin1String("dataset")).toString());
    const QString filename = fields.value(QLatin1String("filename")).toString();
    const QString directory = fields.value(QLatin1String("directory")).toString();
    if (!db.scalar(QStringLiteral("SELECT id FROM datasets WHERE id = ?"), {datasetId}).isValid() ||
        filename.isEmpty()) {
        *failure = ApiContext::badRequest(QStringLiteral("A datafile needs an existing dataset and a filename."));
        return 0;
    }
    if (!m_ctx.canSeeDataset(request.userId, datasetId)) {
        *failure = ApiResponse::empty(401);
        return 0;
    }
    // The mydata app's duplicate rule: 409, unless the existing record has no
    // stored copy (no replica), in which case it is replaced.
    const QVariant existing =
        db.scalar(QStringLiteral("SELECT id FROM datafiles WHERE dataset_id = ? AND directory = ? "
                                 "AND filename = ? AND version = 1"),
                  {datasetId, directory, filename});
    if (existing.isValid()) {
        if (db.scalar(QStringLiteral("SELECT COUNT(*) FROM replicas WHERE datafile_id = ?"), {existing}).toLongLong() >
            0) {
            *failure = ApiResponse::empty(409);
            return 0;
        }
        db.exec(QStringLiteral("DELETE FROM datafiles WHERE id = ?"), {existing});
    }
    // Old servers sent size as a string; accept both.
    const qint64 size = fields.value(QLatin1String("size")).toVariant().toLongLong();
    const QString now = isoNow();
    auto time = [&](const char *key) {
        const QString t = fields.value(QLatin1String(key)).toString();
        return t.isEmpty() ? now : t;
    };
    const qint64 id = db.insert(
        QStringLiteral("INSERT INTO datafiles (dataset_id, directory, filename, size, md5sum, mimetype, "
                       "created_time, modification_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {datasetId, directory, filename, size, fields.value(QLatin1String("md5sum")).toString(),
         fields.value(QLatin1String("mimetype")).toString(), time("created_time"), time("modification_time")});
    if (!id)
        *failure = ApiResponse::empty(500);
    return id;
}

ApiResponse DatafileResource::create(const ApiRequest &request)
{
    CatalogueDb &db = m_ctx.db();
    ApiResponse failure;
    if (request.contentType.startsWith("multipart/")) {
        // HTTP POST upload: json_data + attached_file; the server verifies.
        MultipartForm form;
        if (!form.parse(request.contentType, request.body) || !form.has(QStringLiteral("json_data")) ||
            !form.has(QStringLiteral("attached_file")))
            return ApiContext::badRequest(QStringLiteral("Expected json_data and attached_file parts."));
        const QJsonDocument doc = QJsonDocument::fromJson(form.part(QStringLiteral("json_data")).data);
        if (!doc.isObject())
            return ApiContext::badRequest(QStringLiteral("json_data is not a JSON object."));
        QJsonObject fields = doc.object();
        const QByteArray bytes = form.part(QStringLiteral("attached_file")).data;
        // As MyTardis: checksums and size the client left out come from the bytes.
        if (fields.value(QLatin1String("md5sum")).toString().isEmpty())
            fields.insert(QStringLiteral("md5sum"),
                          QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex()));
        if (!fields.contains(QLatin1String("size")))
            fields.insert(QStringLiteral("size"), bytes.size());
        const qint64 id = insertDatafile(request, fields, &failure);
        if (!id)
            return failure;
        const QString uri = replicaUri(id);
        const QString path = db.config(QStringLiteral("store")) + QLatin1Char('/') + uri;
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size()) {
            db.exec(QStringLiteral("DELETE FROM datafiles WHERE id = ?"), {id});
            return ApiResponse::empty(500);
        }
        f.close();
        const qint64 replicaId =
            db.insert(QStringLiteral("INSERT INTO replicas (datafile_id, uri, location, verified, created_time) "
                                     "VALUES (?, ?, 'default', 0, ?)"),
                      {id, uri, isoNow()});
        m_ctx.verifier().scheduleReplica(replicaId);
        return ApiResponse::empty(201).withLocation(QStringLiteral("/api/v1/mydata_dataset_file/%1/").arg(id));
    }

    // Staging registration: the answer is the absolute path to write to.
    QJsonObject body;
    if (!ApiContext::jsonBody(request, &body))
        return ApiContext::badRequest(QStringLiteral("The request body is not a JSON object."));
    const qint64 id = insertDatafile(request, body, &failure);
    if (!id)
        return failure;
    QString location = db.config(QStringLiteral("staging"));
    const QVariant box =
        db.scalar(QStringLiteral("SELECT r.location FROM registration_requests r JOIN uploaders u ON "
                                 "u.id = r.uploader_id WHERE u.uuid = ? AND r.requester_key_fingerprint = ? "
                                 "AND r.approved = 1"),
                  {body.value(QLatin1String("uploader_uuid")).toString(),
                   body.value(QLatin1String("requester_key_fingerprint")).toString()});
    if (!box.toString().isEmpty())
        location = box.toString();
    while (location.endsWith(QLatin1Char('/')) && location.size() > 1)
        location.chop(1);
    const QString uri = replicaUri(id);
    db.insert(QStringLiteral("INSERT INTO replicas (datafile_id, uri, location, verified, created_time) "
                             "VALUES (?, ?, 'staging', 0, ?)"),
              {id, uri, isoNow()});
    return ApiResponse::text((location + QLatin1Char('/') + uri).toUtf8(), 201)
        .withLocation(QStringLiteral("/api/v1/mydata_dataset_file/%1/").arg(id));
}

ApiResponse DatafileResource::verify(const ApiRequest &request)
{
    if (request.method != QLatin1String("GET"))
        return methodNotAllowed();
    const qint64 id = request.segments.at(1).toLongLong();
    const QVariant datasetId = m_ctx.db().scalar(QStringLiteral("SELECT dataset_id FROM datafiles WHERE id = ?"), {id});
    if (!datasetId.isValid())
        return ApiContext::notFound();
    if (!m_ctx.canSeeDataset(request.userId, datasetId.toLongLong()))
        return ApiResponse::empty(401);
    m_ctx.verifier().scheduleDatafile(id);
    return ApiResponse::empty(200);
}

ApiResponse DatafileResource::replica(const ApiRequest &request)
{
    if (request.method != QLatin1String("GET") || request.segments.size() < 2)
        return methodNotAllowed();
    const qint64 id = request.segments.at(1).toLongLong();
    const QVariant datasetId = m_ctx.db().scalar(
        QStringLiteral("SELECT f.dataset_id FROM replicas r JOIN datafiles f ON f.id = r.datafile_id WHERE r.id = ?"),
        {id});
    if (!datasetId.isValid())
        return ApiContext::notFound();
    if (!m_ctx.canSeeDataset(request.userId, datasetId.toLongLong()))
        return ApiResponse::empty(401);
    return ApiResponse::json(m_ctx.shapes().replica(id, true));
}

} // namespace tardigrade::standin
