#include "ExperimentResource.h"

#include "CatalogueDb.h"
#include "IsoTime.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace tardigrade::standin {

namespace {
const QString kMydataSchema = QStringLiteral("http://mytardis.org/schemas/mydata/defaultexperiment");
}

QStringList ExperimentResource::names() const
{
    return {QStringLiteral("experiment"), QStringLiteral("mydata_experiment"), QStringLiteral("objectacl")};
}

ApiResponse ExperimentResource::handle(const ApiRequest &request)
{
    const QString resource = request.segments.first();
    if (resource == QLatin1String("objectacl")) {
        if (request.method == QLatin1String("POST") && request.segments.size() == 1)
            return createAcl(request);
        return methodNotAllowed();
    }
    if (request.method == QLatin1String("POST") && request.segments.size() == 1)
        return create(request, resource);
    if (request.method != QLatin1String("GET"))
        return methodNotAllowed();
    if (request.segments.size() > 1) {
        const qint64 id = request.segments.at(1).toLongLong();
        if (!m_ctx.db().scalar(QStringLiteral("SELECT id FROM experiments WHERE id = ?"), {id}).isValid())
            return ApiContext::notFound();
        if (!m_ctx.canSeeExperiment(request.userId, id))
            return ApiResponse::empty(401);
        return ApiResponse::json(m_ctx.shapes().experiment(id, resource));
    }
    return lookup(request, resource);
}

ApiResponse ExperimentResource::lookup(const ApiRequest &request, const QString &resource)
{
    auto shape = [this, resource](qint64 id) { return m_ctx.shapes().experiment(id, resource); };
    const QString visible = ApiContext::visibleExperimentsSql();
    const bool byTitle = request.hasParam(QStringLiteral("title"));
    const bool byUploader = request.hasParam(QStringLiteral("uploader"));
    const bool hasUser = request.hasParam(QStringLiteral("user_folder_name"));
    const bool hasGroup = request.hasParam(QStringLiteral("group_folder_name"));

    if (resource != QLatin1String("mydata_experiment") || !(byTitle || byUploader) || !(hasUser || hasGroup)) {
        QString sql = QStringLiteral("SELECT id FROM experiments WHERE id IN (") + visible + QLatin1Char(')');
        QVariantList binds{request.userId, request.userId};
        if (byTitle) {
            sql += QStringLiteral(" AND title = ?");
            binds << request.param(QStringLiteral("title"));
        }
        return m_ctx.list(request, sql, binds, shape);
    }

    // The mydata app's matching, as in its ExperimentAppResource.obj_get_list.
    const QString userFolder = request.param(QStringLiteral("user_folder_name"));
    const QString groupFolder = request.param(QStringLiteral("group_folder_name"));
    QString structure = request.param(QStringLiteral("folder_structure"));
    if (!request.hasParam(QStringLiteral("folder_structure"))) {
        if (!groupFolder.trimmed().isEmpty())
            structure = QStringLiteral("User Group / ...");
        else if (userFolder.contains(QLatin1Char('@')))
            structure = QStringLiteral("Email / ...");
        else
            structure = QStringLiteral("Username / ...");
    }
    const bool needUser =
        structure.startsWith(QLatin1String("Username /")) || structure.startsWith(QLatin1String("Email /"));
    const bool needGroup = structure.startsWith(QLatin1String("User Group /"));
    QString matchUsername = userFolder;
    QString matchEmail = QStringLiteral("UNKNOWN");
    if (structure.startsWith(QLatin1String("Email /"))) {
        matchUsername = QStringLiteral("UNKNOWN");
        matchEmail = userFolder;
    }
    if (needUser) {
        const QString where = structure.startsWith(QLatin1String("Email /")) ? QStringLiteral("lower(email) = lower(?)")
                                                                             : QStringLiteral("username = ?");
        QSqlQuery u = m_ctx.db().exec(QStringLiteral("SELECT username, email FROM users WHERE ") + where, {userFolder});
        if (u.next()) {
            matchUsername = u.value(0).toString();
            matchEmail = u.value(1).toString();
        }
    }

    QString sql = QStringLiteral("SELECT id, uploader, user_folder_name, group_folder_name FROM experiments "
                                 "WHERE has_mydata_params = 1");
    QVariantList binds;
    if (byTitle) {
        sql += QStringLiteral(" AND title = ?");
        binds << request.param(QStringLiteral("title"));
    }
    sql += QStringLiteral(" ORDER BY id");
    QSqlQuery q = m_ctx.db().exec(sql, binds);
    qint64 found = 0;
    while (q.next() && !found) {
        const qint64 id = q.value(0).toLongLong();
        const QString uf = q.value(2).toString().toLower();
        const bool matchedUser =
            needUser && !q.value(2).isNull() && (uf == matchUsername.toLower() || uf == matchEmail.toLower());
        const bool matchedGroup =
            !q.value(3).isNull() && q.value(3).toString() == groupFolder && (needGroup || byUploader) && hasGroup;
        bool match = false;
        if (byTitle) {
            match = (needUser && matchedUser) || (needGroup && matchedGroup) || (!needUser && !needGroup);
        } else {
            const bool matchedUploader = q.value(1).toString() == request.param(QStringLiteral("uploader"));
            match = matchedUploader && ((needUser && matchedUser) || (needGroup && matchedGroup));
        }
        if (match && m_ctx.canSeeExperiment(request.userId, id))
            found = id;
    }
    return m_ctx.list(request, QStringLiteral("SELECT id FROM experiments WHERE id = ?"), {found}, shape);
}

ApiResponse ExperimentResource::create(const ApiRequest &request, const QString &resource)
{
    QJsonObject body;
    if (!ApiContext::jsonBody(request, &body))
        return ApiContext::badRequest(QStringLiteral("The request body is not a JSON object."));
    const QString title = body.value(QLatin1String("title")).toString();
    if (title.isEmpty())
        return ApiContext::badRequest(QStringLiteral("An experiment needs a title."));
    bool hasParams = false;
    QVariant params[3];
    const char *const names[] = {"uploader", "user_folder_name", "group_folder_name"};
    for (const QJsonValue &psv : body.value(QLatin1String("parameter_sets")).toArray()) {
        const QJsonObject ps = psv.toObject();
        if (ps.value(QLatin1String("schema")).toString() != kMydataSchema)
            continue;
        hasParams = true;
        for (const QJsonValue &pv : ps.value(QLatin1String("parameters")).toArray()) {
            const QJsonObject p = pv.toObject();
            for (int i = 0; i < 3; ++i)
                if (p.value(QLatin1String("name")).toString() == QLatin1String(names[i]))
                    params[i] = p.value(QLatin1String("value")).toVariant().toString();
        }
    }
    const QString now = isoNow();
    CatalogueDb &db = m_ctx.db();
    const qint64 id = db.insert(
        QStringLiteral("INSERT INTO experiments (title, description, immutable, created_by, created_time, update_time, "
                       "has_mydata_params, uploader, user_folder_name, group_folder_name) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {title, body.value(QLatin1String("description")).toString(), body.value(QLatin1String("immutable")).toBool(),
         request.userId, now, now, hasParams, params[0], params[1], params[2]});
    if (!id)
        return ApiResponse::empty(500);
    // MyTardis makes the creator an owner of the new experiment.
    db.insert(QStringLiteral("INSERT INTO objectacls (experiment_id, plugin_id, entity_id, is_owner, can_read, "
                             "can_write, can_delete, acl_ownership_type) VALUES (?, 'django_user', ?, 1, 1, 1, 1, 1)"),
              {id, QString::number(request.userId)});
    return ApiResponse::json(m_ctx.shapes().experiment(id, resource), 201)
        .withLocation(QStringLiteral("/api/v1/%1/%2/").arg(resource).arg(id));
}

ApiResponse ExperimentResource::createAcl(const ApiRequest &request)
{
    QJsonObject body;
    if (!ApiContext::jsonBody(request, &body))
        return ApiContext::badRequest(QStringLiteral("The request body is not a JSON object."));
    qint64 experimentId = ApiContext::idFromUri(body.value(QLatin1String("content_object")).toString());
    if (!experimentId)
        experimentId = body.value(QLatin1String("object_id")).toVariant().toLongLong();
    const QString plugin = body.value(QLatin1String("pluginId")).toString();
    const QString entity = body.value(QLatin1String("entityId")).toVariant().toString();
    if (!experimentId || entity.isEmpty() ||
        (plugin != QLatin1String("django_user") && plugin != QLatin1String("django_group")))
        return ApiContext::badRequest(QStringLiteral("An ACL needs pluginId, entityId and an experiment."));
    if (!m_ctx.db().scalar(QStringLiteral("SELECT id FROM experiments WHERE id = ?"), {experimentId}).isValid())
        return ApiContext::badRequest(QStringLiteral("No such experiment."));
    if (!m_ctx.canSeeExperiment(request.userId, experimentId))
        return ApiResponse::empty(401);
    const qint64 id = m_ctx.db().insert(
        QStringLiteral("INSERT INTO objectacls (experiment_id, plugin_id, entity_id, is_owner, can_read, can_write, "
                       "can_delete, acl_ownership_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {experimentId, plugin, entity, body.value(QLatin1String("isOwner")).toBool(),
         body.value(QLatin1String("canRead")).toBool(true), body.value(QLatin1String("canWrite")).toBool(),
         body.value(QLatin1String("canDelete")).toBool(), body.value(QLatin1String("aclOwnershipType")).toInt(1)});
    return ApiResponse::empty(201).withLocation(QStringLiteral("/api/v1/objectacl/%1/").arg(id));
}

} // namespace tardigrade::standin
