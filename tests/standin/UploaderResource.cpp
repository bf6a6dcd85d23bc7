#include "UploaderResource.h"

#include "CatalogueDb.h"
#include "IsoTime.h"
#include "StandinOptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace tardigrade::standin {

QStringList UploaderResource::names() const
{
    return {QStringLiteral("mydata_uploader"), QStringLiteral("mydata_uploaderregistrationrequest")};
}

ApiResponse UploaderResource::handle(const ApiRequest &request)
{
    if (!m_ctx.isFacilityManager(request.userId)) {
        // The mydata app hides these records from everyone else.
        if (request.method == QLatin1String("GET") && request.segments.size() == 1)
            return m_ctx.list(request, QStringLiteral("SELECT id FROM uploaders WHERE 0"), {},
                              [](qint64) { return QJsonObject(); });
        return ApiResponse::empty(401);
    }
    if (request.segments.first() == QLatin1String("mydata_uploader"))
        return uploaders(request);
    return requests(request);
}

ApiResponse UploaderResource::uploaders(const ApiRequest &request)
{
    CatalogueDb &db = m_ctx.db();
    auto shape = [this](qint64 id) { return m_ctx.shapes().uploader(id); };
    const qint64 id = request.segments.size() > 1 ? request.segments.at(1).toLongLong() : 0;
    if (request.method == QLatin1String("GET")) {
        if (id) {
            const QJsonObject o = shape(id);
            return o.isEmpty() ? ApiContext::notFound() : ApiResponse::json(o);
        }
        QString sql = QStringLiteral("SELECT id FROM uploaders WHERE 1");
        QVariantList binds;
        if (request.hasParam(QStringLiteral("uuid"))) {
            sql += QStringLiteral(" AND uuid = ?");
            binds << request.param(QStringLiteral("uuid"));
        }
        if (request.hasParam(QStringLiteral("name"))) {
            sql += QStringLiteral(" AND name = ?");
            binds << request.param(QStringLiteral("name"));
        }
        return m_ctx.list(request, sql, binds, shape);
    }
    QJsonObject body;
    if (!ApiContext::jsonBody(request, &body))
        return ApiContext::badRequest(QStringLiteral("The request body is not a JSON object."));
    const QString uuid = body.value(QLatin1String("uuid")).toString();

    if (request.method == QLatin1String("POST") && !id) {
        if (uuid.isEmpty())
            return ApiContext::badRequest(QStringLiteral("An uploader needs a uuid."));
        if (db.scalar(QStringLiteral("SELECT id FROM uploaders WHERE uuid = ?"), {uuid}).isValid())
            return ApiContext::badRequest(QStringLiteral("An uploader with this uuid exists."));
        const QString now = isoNow();
        const qint64 newId =
            db.insert(QStringLiteral("INSERT INTO uploaders (uuid, created_time, updated_time) VALUES (?, ?, ?)"),
                      {uuid, now, now});
        saveUploader(request, newId, body);
        return ApiResponse::json(shape(newId), 201)
            .withLocation(QStringLiteral("/api/v1/mydata_uploader/%1/").arg(newId));
    }
    if ((request.method == QLatin1String("PUT") || request.method == QLatin1String("PATCH")) && id) {
        const QVariant stored = db.scalar(QStringLiteral("SELECT uuid FROM uploaders WHERE id = ?"), {id});
        if (!stored.isValid())
            return ApiContext::notFound();
        // Only the installation that owns the record may change it.
        if (stored.toString() != uuid)
            return ApiResponse::empty(401);
        return saveUploader(request, id, body);
    }
    return methodNotAllowed();
}

ApiResponse UploaderResource::saveUploader(const ApiRequest &request, qint64 id, const QJsonObject &body)
{
    CatalogueDb &db = m_ctx.db();
    const QString now = isoNow();
    // Everything the client tells about its machine is kept, never shown.
    QJsonObject fields = QJsonDocument::fromJson(
                             db.scalar(QStringLiteral("SELECT fields FROM uploaders WHERE id = ?"), {id}).toByteArray())
                             .object();
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != QLatin1String("settings") && it.key() != QLatin1String("instruments"))
            fields.insert(it.key(), it.value());
    }
    db.exec(QStringLiteral("UPDATE uploaders SET fields = ?, updated_time = ? WHERE id = ?"),
            {QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact)), now, id});
    if (body.contains(QLatin1String("name")))
        db.exec(QStringLiteral("UPDATE uploaders SET name = ? WHERE id = ?"),
                {body.value(QLatin1String("name")).toString(), id});
    if (body.contains(QLatin1String("instruments"))) {
        db.exec(QStringLiteral("DELETE FROM uploader_instruments WHERE uploader_id = ?"), {id});
        for (const QJsonValue &i : body.value(QLatin1String("instruments")).toArray())
            db.exec(
                QStringLiteral("INSERT OR IGNORE INTO uploader_instruments (uploader_id, instrument_id) "
                               "VALUES (?, ?)"),
                {id, ApiContext::idFromUri(i.isObject() ? i.toObject().value(QLatin1String("resource_uri")).toString()
                                                        : i.toString())});
    }
    // As the mydata app's hydrate_m2m: settings are upserted on an existing
    // record and mark settings_updated.
    if (body.contains(QLatin1String("settings")) && request.method != QLatin1String("POST")) {
        for (const QJsonValue &sv : body.value(QLatin1String("settings")).toArray()) {
            const QJsonObject s = sv.toObject();
            db.exec(
                QStringLiteral("INSERT OR REPLACE INTO uploader_settings (uploader_id, key, value) VALUES (?, ?, ?)"),
                {id, s.value(QLatin1String("key")).toString(), s.value(QLatin1String("value")).toVariant().toString()});
        }
        db.exec(QStringLiteral("UPDATE uploaders SET settings_updated = ? WHERE id = ?"), {now, id});
    }
    return ApiResponse::json(m_ctx.shapes().uploader(id), request.method == QLatin1String("PATCH") ? 202 : 200);
}

ApiResponse UploaderResource::requests(const ApiRequest &request)
{
    CatalogueDb &db = m_ctx.db();
    auto shape = [this](qint64 id) { return m_ctx.shapes().registrationRequest(id); };
    const qint64 id = request.segments.size() > 1 ? request.segments.at(1).toLongLong() : 0;
    if (request.method == QLatin1String("GET")) {
        if (id) {
            const QJsonObject o = shape(id);
            return o.isEmpty() ? ApiContext::notFound() : ApiResponse::json(o);
        }
        QString sql = QStringLiteral("SELECT r.id AS id FROM registration_requests r JOIN uploaders u ON "
                                     "u.id = r.uploader_id WHERE 1");
        QVariantList binds;
        if (request.hasParam(QStringLiteral("uploader__uuid"))) {
            sql += QStringLiteral(" AND u.uuid = ?");
            binds << request.param(QStringLiteral("uploader__uuid"));
        }
        if (request.hasParam(QStringLiteral("requester_key_fingerprint"))) {
            sql += QStringLiteral(" AND r.requester_key_fingerprint = ?");
            binds << request.param(QStringLiteral("requester_key_fingerprint"));
        }
        if (request.hasParam(QStringLiteral("approved"))) {
            const QString a = request.param(QStringLiteral("approved")).toLower();
            sql += QStringLiteral(" AND r.approved = ?");
            binds << (a == QLatin1String("true") || a == QLatin1String("1"));
        }
        return m_ctx.list(request, sql, binds, shape);
    }
    if (request.method != QLatin1String("POST") || id)
        return methodNotAllowed();
    QJsonObject body;
    if (!ApiContext::jsonBody(request, &body))
        return ApiContext::badRequest(QStringLiteral("The request body is not a JSON object."));
    const qint64 uploaderId = ApiContext::idFromUri(body.value(QLatin1String("uploader")).toString());
    if (!db.scalar(QStringLiteral("SELECT id FROM uploaders WHERE id = ?"), {uploaderId}).isValid())
        return ApiContext::badRequest(
            QStringLiteral("No uploader at %1.").arg(body.value(QLatin1String("uploader")).toString()));
    const QString fingerprint = body.value(QLatin1String("requester_key_fingerprint")).toString();
    if (db.scalar(QStringLiteral("SELECT id FROM registration_requests WHERE uploader_id = ? AND "
                                 "requester_key_fingerprint = ?"),
                  {uploaderId, fingerprint})
            .isValid())
        return ApiContext::badRequest(QStringLiteral("A request for this uploader and key exists."));
    const qint64 newId = db.insert(
        QStringLiteral("INSERT INTO registration_requests (uploader_id, name, requester_name, requester_email, "
                       "requester_public_key, requester_key_fingerprint, request_time, approved) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, 0)"),
        {uploaderId, body.value(QLatin1String("name")).toString(),
         body.value(QLatin1String("requester_name")).toString(),
         body.value(QLatin1String("requester_email")).toString(),
         body.value(QLatin1String("requester_public_key")).toString(), fingerprint, isoNow()});
    if (m_ctx.options().autoApprove)
        approveRequest(db, newId);
    return ApiResponse::json(shape(newId), 201)
        .withLocation(QStringLiteral("/api/v1/mydata_uploaderregistrationrequest/%1/").arg(newId));
}

void UploaderResource::approveRequest(CatalogueDb &db, qint64 requestId)
{
    // The storage box is the staging account the server was started with.
    db.exec(QStringLiteral("UPDATE registration_requests SET approved = 1, approval_time = ?, scp_username = ?, "
                           "scp_hostname = ?, scp_port = ?, location = ? WHERE id = ?"),
            {isoNow(), db.config(QStringLiteral("scp_user")), db.config(QStringLiteral("scp_host")),
             db.config(QStringLiteral("scp_port")), db.config(QStringLiteral("staging")), requestId});
}

} // namespace tardigrade::standin
