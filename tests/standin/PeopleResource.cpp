#include "PeopleResource.h"

#include "CatalogueDb.h"

#include <QSqlQuery>

namespace tardigrade::standin {

QStringList PeopleResource::names() const
{
    return {QStringLiteral("user"), QStringLiteral("mydata_user"), QStringLiteral("group"), QStringLiteral("facility")};
}

ApiResponse PeopleResource::handle(const ApiRequest &request)
{
    if (request.method != QLatin1String("GET"))
        return methodNotAllowed();
    const QString &name = request.segments.first();
    if (name == QLatin1String("user"))
        return users(request);
    if (name == QLatin1String("mydata_user"))
        return renamedUser(request);
    if (name == QLatin1String("group"))
        return groups(request);
    return facilities(request);
}

ApiResponse PeopleResource::users(const ApiRequest &request)
{
    // MyTardis's UserResource: every authenticated account may read user
    // records, but only its own and (for facility managers) everyone's carry
    // username and email.
    const bool manager = m_ctx.isFacilityManager(request.userId);
    const qint64 self = request.userId;
    auto shape = [this, manager, self](qint64 id) {
        QJsonObject o = m_ctx.shapes().user(id);
        if (!manager && id != self) {
            o.remove(QStringLiteral("username"));
            o.remove(QStringLiteral("email"));
        }
        return o;
    };
    if (request.segments.size() > 1) {
        const QJsonObject o = shape(request.segments.at(1).toLongLong());
        return o.isEmpty() ? ApiContext::notFound() : ApiResponse::json(o);
    }
    QString sql = QStringLiteral("SELECT id FROM users WHERE 1");
    QVariantList binds;
    if (request.hasParam(QStringLiteral("username"))) {
        sql += QStringLiteral(" AND username = ?");
        binds << request.param(QStringLiteral("username"));
    }
    if (request.hasParam(QStringLiteral("email__iexact"))) {
        sql += QStringLiteral(" AND lower(email) = lower(?)");
        binds << request.param(QStringLiteral("email__iexact"));
    }
    if (request.hasParam(QStringLiteral("email"))) {
        sql += QStringLiteral(" AND email = ?");
        binds << request.param(QStringLiteral("email"));
    }
    if (request.hasParam(QStringLiteral("id"))) {
        sql += QStringLiteral(" AND id = ?");
        binds << request.param(QStringLiteral("id")).toLongLong();
    }
    return m_ctx.list(request, sql, binds, shape);
}

ApiResponse PeopleResource::renamedUser(const ApiRequest &request)
{
    // Accounts renamed on migration (seed "renamed_users"): old name -> user.
    QJsonObject o;
    QSqlQuery q = m_ctx.db().exec(QStringLiteral("SELECT u.id, u.username FROM renamed_users r JOIN users u "
                                                 "ON u.id = r.user_id WHERE r.old_username = ?"),
                                  {request.param(QStringLiteral("username"))});
    if (q.next()) {
        o.insert(QStringLiteral("success"), true);
        o.insert(QStringLiteral("id"), q.value(0).toLongLong());
        o.insert(QStringLiteral("username"), q.value(1).toString());
    } else {
        o.insert(QStringLiteral("success"), false);
    }
    return ApiResponse::json(o);
}

ApiResponse PeopleResource::groups(const ApiRequest &request)
{
    auto shape = [this](qint64 id) { return m_ctx.shapes().group(id); };
    if (request.segments.size() > 1) {
        const QJsonObject o = shape(request.segments.at(1).toLongLong());
        return o.value(QLatin1String("name")).toString().isEmpty() ? ApiContext::notFound() : ApiResponse::json(o);
    }
    // MyTardis: facility managers see every group, others their own.
    QString sql = QStringLiteral("SELECT id FROM groups WHERE 1");
    QVariantList binds;
    if (!m_ctx.isFacilityManager(request.userId)) {
        sql += QStringLiteral(" AND id IN (SELECT group_id FROM user_groups WHERE user_id = ?)");
        binds << request.userId;
    }
    if (request.hasParam(QStringLiteral("name"))) {
        sql += QStringLiteral(" AND name = ?");
        binds << request.param(QStringLiteral("name"));
    }
    if (request.hasParam(QStringLiteral("id"))) {
        sql += QStringLiteral(" AND id = ?");
        binds << request.param(QStringLiteral("id")).toLongLong();
    }
    return m_ctx.list(request, sql, binds, shape);
}

ApiResponse PeopleResource::facilities(const ApiRequest &request)
{
    // Only the facilities whose manager group the account belongs to.
    const QString visible = QStringLiteral("SELECT f.id AS id FROM facilities f JOIN user_groups ug "
                                           "ON ug.group_id = f.manager_group_id WHERE ug.user_id = ?");
    auto shape = [this](qint64 id) { return m_ctx.shapes().facility(id); };
    if (request.segments.size() > 1) {
        const qint64 id = request.segments.at(1).toLongLong();
        if (m_ctx.db()
                .scalar(QStringLiteral("SELECT COUNT(*) FROM (") + visible + QStringLiteral(") WHERE id = ?"),
                        {request.userId, id})
                .toLongLong() == 0)
            return ApiContext::notFound();
        return ApiResponse::json(shape(id));
    }
    QString sql = visible;
    QVariantList binds{request.userId};
    if (request.hasParam(QStringLiteral("name"))) {
        sql += QStringLiteral(" AND f.name = ?");
        binds << request.param(QStringLiteral("name"));
    }
    if (request.hasParam(QStringLiteral("id"))) {
        sql += QStringLiteral(" AND f.id = ?");
        binds << request.param(QStringLiteral("id")).toLongLong();
    }
    return m_ctx.list(request, sql, binds, shape);
}

} // namespace tardigrade::standin
