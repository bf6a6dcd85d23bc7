#include "DatasetResource.h"

#include "CatalogueDb.h"
#include "IsoTime.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace tardigrade::standin {

ApiResponse DatasetResource::handle(const ApiRequest &request)
{
    if (request.segments.first() == QLatin1String("mydata_dataset_stats"))
        return stats(request);
    if (request.method == QLatin1String("POST") && request.segments.size() == 1)
        return create(request);
    if (request.method != QLatin1String("GET"))
        return methodNotAllowed();
    auto shape = [this](qint64 id) { return m_ctx.shapes().dataset(id); };
    if (request.segments.size() > 1) {
        const qint64 id = request.segments.at(1).toLongLong();
        if (!m_ctx.db().scalar(QStringLiteral("SELECT id FROM datasets WHERE id = ?"), {id}).isValid())
            return ApiContext::notFound();
        if (!m_ctx.canSeeDataset(request.userId, id))
            return ApiResponse::empty(401);
        return ApiResponse::json(shape(id));
    }
    QString sql =
        QStringLiteral("SELECT d.id AS id FROM datasets d JOIN dataset_experiments de ON de.dataset_id = d.id "
                       "WHERE de.experiment_id IN (") +
        ApiContext::visibleExperimentsSql() + QLatin1Char(')');
    QVariantList binds{request.userId, request.userId};
    if (request.hasParam(QStringLiteral("experiments__id"))) {
        // Filter on the same m2m row tastypie joins for experiments__id.
        sql += QStringLiteral(" AND d.id IN (SELECT dataset_id FROM dataset_experiments WHERE experiment_id = ?)");
        binds << request.param(QStringLiteral("experiments__id")).toLongLong();
    }
    if (request.hasParam(QStringLiteral("description"))) {
        sql += QStringLiteral(" AND d.description = ?");
        binds << request.param(QStringLiteral("description"));
    }
    if (request.hasParam(QStringLiteral("instrument__id"))) {
        sql += QStringLiteral(" AND d.instrument_id = ?");
        binds << request.param(QStringLiteral("instrument__id")).toLongLong();
    }
    return m_ctx.list(request, sql, binds, shape);
}

ApiResponse DatasetResource::create(const ApiRequest &request)
{
    QJsonObject body;
    if (!ApiContext::jsonBody(request, &body))
        return ApiContext::badRequest(QStringLiteral("The request body is not a JSON object."));
    const QString description = body.value(QLatin1String("description")).toString();
    if (description.isEmpty())
        return ApiContext::badRequest(QStringLiteral("A dataset needs a description."));
    QList<qint64> experiments;
    for (const QJsonValue &e : body.value(QLatin1String("experiments")).toArray()) {
        const qint64 eid = ApiContext::idFromUri(e.toString());
        if (!m_ctx.db().scalar(QStringLiteral("SELECT id FROM experiments WHERE id = ?"), {eid}).isValid())
            return ApiContext::badRequest(QStringLiteral("No experiment at %1.").arg(e.toString()));
        if (!m_ctx.canSeeExperiment(request.userId, eid))
            return ApiResponse::empty(401);
        experiments << eid;
    }
    QVariant instrumentId;
    const QString instrumentUri = body.value(QLatin1String("instrument")).toString();
    if (!instrumentUri.isEmpty()) {
        instrumentId = m_ctx.db().scalar(QStringLiteral("SELECT id FROM instruments WHERE id = ?"),
                                         {ApiContext::idFromUri(instrumentUri)});
        if (!instrumentId.isValid())
            return ApiContext::badRequest(QStringLiteral("No instrument at %1.").arg(instrumentUri));
    }
    const QString now = isoNow();
    const qint64 id =
        m_ctx.db().insert(QStringLiteral("INSERT INTO datasets (description, instrument_id, immutable, "
                                         "created_time, modified_time) VALUES (?, ?, ?, ?, ?)"),
                          {description, instrumentId, body.value(QLatin1String("immutable")).toBool(), now, now});
    for (qint64 eid : experiments)
        m_ctx.db().exec(QStringLiteral("INSERT OR IGNORE INTO dataset_experiments (dataset_id, experiment_id) "
                                       "VALUES (?, ?)"),
                        {id, eid});
    return ApiResponse::json(m_ctx.shapes().dataset(id), 201)
        .withLocation(QStringLiteral("/api/v1/dataset/%1/").arg(id));
}

ApiResponse DatasetResource::stats(const ApiRequest &request)
{
    if (request.method != QLatin1String("GET") || request.segments.size() < 2)
        return methodNotAllowed();
    const qint64 id = request.segments.at(1).toLongLong();
    QJsonObject o;
    if (!m_ctx.db().scalar(QStringLiteral("SELECT id FROM datasets WHERE id = ?"), {id}).isValid() ||
        !m_ctx.canSeeDataset(request.userId, id)) {
        o.insert(QStringLiteral("success"), false);
        o.insert(QStringLiteral("error"), QStringLiteral("Invalid object or access denied."));
        return ApiResponse::json(o);
    }
    QSqlQuery q = m_ctx.db().exec(
        QStringLiteral("SELECT COUNT(*), COALESCE(SUM(size), 0), "
                       "SUM(CASE WHEN EXISTS (SELECT 1 FROM replicas r WHERE r.datafile_id = d.id AND r.verified = 1) "
                       "THEN 1 ELSE 0 END) FROM datafiles d WHERE d.dataset_id = ?"),
        {id});
    q.next();
    const qint64 total = q.value(0).toLongLong();
    const qint64 verified = q.value(2).toLongLong();
    QJsonObject files;
    files.insert(QStringLiteral("total"), total);
    files.insert(QStringLiteral("verified"), verified);
    o.insert(QStringLiteral("success"), true);
    o.insert(QStringLiteral("files"), files);
    o.insert(QStringLiteral("verified"), total == verified);
    o.insert(QStringLiteral("size"), q.value(1).toLongLong());
    QSqlQuery r = m_ctx.db().exec(QStringLiteral("SELECT r.location, MAX(r.last_verified_time) FROM replicas r JOIN "
                                                 "datafiles d ON d.id = r.datafile_id WHERE d.dataset_id = ?"),
                                  {id});
    r.next();
    o.insert(QStringLiteral("location"),
             r.value(0).isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.value(0).toString()));
    o.insert(QStringLiteral("last_verified"),
             r.value(1).isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(isoUtcMillis(r.value(1).toString())));
    return ApiResponse::json(o);
}

} // namespace tardigrade::standin
