#include "ApiContext.h"

#include "CatalogueDb.h"
#include "ListPage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace tardigrade::standin {

bool ApiContext::isFacilityManager(qint64 userId)
{
    return m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM facilities f JOIN user_groups ug "
                                      "ON ug.group_id = f.manager_group_id WHERE ug.user_id = ?"),
                       {userId})
               .toLongLong() > 0;
}

QString ApiContext::visibleExperimentsSql()
{
    return QStringLiteral("SELECT experiment_id FROM objectacls WHERE can_read = 1 AND ("
                          "(plugin_id = 'django_user' AND entity_id = CAST(? AS TEXT)) OR "
                          "(plugin_id = 'django_group' AND entity_id IN "
                          "(SELECT CAST(group_id AS TEXT) FROM user_groups WHERE user_id = ?)))");
}

bool ApiContext::canSeeExperiment(qint64 userId, qint64 experimentId)
{
    return m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM experiments WHERE id = ? AND id IN (") +
                           visibleExperimentsSql() + QLatin1Char(')'),
                       {experimentId, userId, userId})
               .toLongLong() > 0;
}

bool ApiContext::canSeeDataset(qint64 userId, qint64 datasetId)
{
    return m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM dataset_experiments WHERE dataset_id = ? AND "
                                      "experiment_id IN (") +
                           visibleExperimentsSql() + QLatin1Char(')'),
                       {datasetId, userId, userId})
               .toLongLong() > 0;
}

ApiResponse ApiContext::list(const ApiRequest &request, const QString &idSql, const QVariantList &binds,
                             const std::function<QJsonObject(qint64)> &shape)
{
    ListPage page;
    if (!page.parse(request))
        return badRequest(QStringLiteral("Invalid limit or offset provided."));
    const qint64 total =
        m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM (SELECT DISTINCT id FROM (") + idSql + QStringLiteral("))"),
                    binds)
            .toLongLong();
    QVariantList pageBinds = binds;
    pageBinds << page.limit() << page.offset();
    // The ids are read whole before any is shaped: shapes run statements of
    // their own, and the page's statement is kept for the next listing.
    const QVariantList ids = m_db.column(QStringLiteral("SELECT DISTINCT id FROM (") + idSql +
                                             QStringLiteral(") ORDER BY id LIMIT ? OFFSET ?"),
                                         pageBinds);
    QJsonArray objects;
    for (const QVariant &id : ids)
        objects.append(shape(id.toLongLong()));
    return ApiResponse::json(page.answer(request, total, objects));
}

qint64 ApiContext::idFromUri(const QString &uri)
{
    const QStringList parts = uri.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return parts.isEmpty() ? 0 : parts.last().toLongLong();
}

bool ApiContext::jsonBody(const ApiRequest &request, QJsonObject *out)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (!doc.isObject())
        return false;
    *out = doc.object();
    return true;
}

ApiResponse ApiContext::badRequest(const QString &message)
{
    QJsonObject o;
    o.insert(QStringLiteral("error"), message);
    return ApiResponse::json(o, 400);
}

ApiResponse ApiContext::notFound()
{
    return ApiResponse::empty(404);
}

} // namespace tardigrade::standin
