#include "InstrumentResource.h"

#include "CatalogueDb.h"
#include "IsoTime.h"

namespace tardigrade::standin {

bool InstrumentResource::managesFacility(qint64 userId, qint64 facilityId)
{
    return m_ctx.db()
               .scalar(QStringLiteral("SELECT COUNT(*) FROM facilities f JOIN user_groups ug ON "
                                      "ug.group_id = f.manager_group_id WHERE ug.user_id = ? AND f.id = ?"),
                       {userId, facilityId})
               .toLongLong() > 0;
}

ApiResponse InstrumentResource::handle(const ApiRequest &request)
{
    CatalogueDb &db = m_ctx.db();
    auto shape = [this](qint64 id) { return m_ctx.shapes().instrument(id); };
    const qint64 id = request.segments.size() > 1 ? request.segments.at(1).toLongLong() : 0;

    if (request.method == QLatin1String("GET")) {
        if (id) {
            const QJsonObject o = shape(id);
            return o.isEmpty() ? ApiContext::notFound() : ApiResponse::json(o);
        }
        // Only the instruments of facilities the account manages.
        QString sql = QStringLiteral("SELECT i.id AS id FROM instruments i JOIN facilities f ON f.id = i.facility_id "
                                     "JOIN user_groups ug ON ug.group_id = f.manager_group_id WHERE ug.user_id = ?");
        QVariantList binds{request.userId};
        if (request.hasParam(QStringLiteral("facility__id"))) {
            sql += QStringLiteral(" AND i.facility_id = ?");
            binds << request.param(QStringLiteral("facility__id")).toLongLong();
        }
        if (request.hasParam(QStringLiteral("name"))) {
            sql += QStringLiteral(" AND i.name = ?");
            binds << request.param(QStringLiteral("name"));
        }
        return m_ctx.list(request, sql, binds, shape);
    }

    QJsonObject body;
    if (!ApiContext::jsonBody(request, &body))
        return ApiContext::badRequest(QStringLiteral("The request body is not a JSON object."));

    if (request.method == QLatin1String("POST") && !id) {
        const qint64 facilityId = ApiContext::idFromUri(body.value(QLatin1String("facility")).toString());
        const QString name = body.value(QLatin1String("name")).toString();
        if (!facilityId || name.isEmpty())
            return ApiContext::badRequest(QStringLiteral("An instrument needs a facility and a name."));
        if (!managesFacility(request.userId, facilityId))
            return ApiResponse::empty(401);
        const QString now = isoNow();
        const qint64 newId = db.insert(QStringLiteral("INSERT INTO instruments (facility_id, name, created_time, "
                                                      "modified_time) VALUES (?, ?, ?, ?)"),
                                       {facilityId, name, now, now});
        return ApiResponse::json(shape(newId), 201).withLocation(QStringLiteral("/api/v1/instrument/%1/").arg(newId));
    }

    if ((request.method == QLatin1String("PUT") || request.method == QLatin1String("PATCH")) && id) {
        const QVariant facilityId = db.scalar(QStringLiteral("SELECT facility_id FROM instruments WHERE id = ?"), {id});
        if (!facilityId.isValid())
            return ApiContext::notFound();
        if (!managesFacility(request.userId, facilityId.toLongLong()))
            return ApiResponse::empty(401);
        if (body.contains(QLatin1String("name")))
            db.exec(QStringLiteral("UPDATE instruments SET name = ?, modified_time = ? WHERE id = ?"),
                    {body.value(QLatin1String("name")).toString(), isoNow(), id});
        return ApiResponse::json(shape(id), request.method == QLatin1String("PATCH") ? 202 : 200);
    }
    return methodNotAllowed();
}

} // namespace tardigrade::standin
