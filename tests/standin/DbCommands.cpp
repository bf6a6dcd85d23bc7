#include "DbCommands.h"

#include "CatalogueDb.h"
#include "UploaderResource.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace tardigrade::standin {

int DbCommands::approveAll(CatalogueDb &db)
{
    QSqlQuery q = db.exec(QStringLiteral("SELECT id FROM registration_requests WHERE approved = 0"));
    QList<qint64> ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    for (qint64 id : ids)
        UploaderResource::approveRequest(db, id);
    return static_cast<int>(ids.size());
}

QJsonObject DbCommands::dump(CatalogueDb &db)
{
    auto nullable = [](const QVariant &v) {
        return v.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(v.toString());
    };

    QJsonArray experiments;
    QSqlQuery e = db.exec(QStringLiteral("SELECT id, title, description, uploader, user_folder_name, group_folder_name "
                                         "FROM experiments ORDER BY id"));
    while (e.next()) {
        const qint64 id = e.value(0).toLongLong();
        QJsonObject o;
        o.insert(QStringLiteral("id"), id);
        o.insert(QStringLiteral("title"), e.value(1).toString());
        o.insert(QStringLiteral("description"), e.value(2).toString());
        o.insert(QStringLiteral("uploader"), nullable(e.value(3)));
        o.insert(QStringLiteral("user_folder_name"), nullable(e.value(4)));
        o.insert(QStringLiteral("group_folder_name"), nullable(e.value(5)));
        QJsonArray acls;
        QSqlQuery a = db.exec(QStringLiteral("SELECT a.plugin_id, a.entity_id, a.is_owner, a.can_read, a.can_write, "
                                             "a.can_delete, CASE a.plugin_id WHEN 'django_user' THEN "
                                             "(SELECT username FROM users WHERE CAST(id AS TEXT) = a.entity_id) ELSE "
                                             "(SELECT name FROM groups WHERE CAST(id AS TEXT) = a.entity_id) END "
                                             "FROM objectacls a WHERE a.experiment_id = ? ORDER BY a.id"),
                              {id});
        while (a.next()) {
            QJsonObject acl;
            acl.insert(QStringLiteral("pluginId"), a.value(0).toString());
            acl.insert(QStringLiteral("entityId"), a.value(1).toString());
            acl.insert(QStringLiteral("name"), a.value(6).toString()); // username or group name
            acl.insert(QStringLiteral("isOwner"), a.value(2).toBool());
            acl.insert(QStringLiteral("canRead"), a.value(3).toBool());
            acl.insert(QStringLiteral("canWrite"), a.value(4).toBool());
            acl.insert(QStringLiteral("canDelete"), a.value(5).toBool());
            acls.append(acl);
        }
        o.insert(QStringLiteral("acls"), acls);
        experiments.append(o);
    }

    QJsonArray datasets;
    QSqlQuery d = db.exec(QStringLiteral("SELECT d.id, d.description, i.name FROM datasets d LEFT JOIN instruments i "
                                         "ON i.id = d.instrument_id ORDER BY d.id"));
    while (d.next()) {
        const qint64 id = d.value(0).toLongLong();
        QJsonObject o;
        o.insert(QStringLiteral("id"), id);
        o.insert(QStringLiteral("description"), d.value(1).toString());
        o.insert(QStringLiteral("instrument"), nullable(d.value(2)));
        QJsonArray exps;
        QSqlQuery de = db.exec(QStringLiteral("SELECT experiment_id FROM dataset_experiments WHERE dataset_id = ? "
                                              "ORDER BY experiment_id"),
                               {id});
        while (de.next())
            exps.append(de.value(0).toLongLong());
        o.insert(QStringLiteral("experiments"), exps);
        datasets.append(o);
    }

    QJsonArray datafiles;
    QSqlQuery f =
        db.exec(QStringLiteral("SELECT f.id, f.dataset_id, f.directory, f.filename, f.size, f.md5sum, "
                               "f.mimetype, (SELECT COUNT(*) FROM replicas r WHERE r.datafile_id = f.id AND "
                               "r.verified = 1) > 0, (SELECT location FROM replicas r WHERE "
                               "r.datafile_id = f.id ORDER BY r.id LIMIT 1), (SELECT uri FROM replicas r "
                               "WHERE r.datafile_id = f.id ORDER BY r.id LIMIT 1) FROM datafiles f ORDER BY f.id"));
    while (f.next()) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), f.value(0).toLongLong());
        o.insert(QStringLiteral("dataset"), f.value(1).toLongLong());
        o.insert(QStringLiteral("directory"), f.value(2).toString());
        o.insert(QStringLiteral("filename"), f.value(3).toString());
        o.insert(QStringLiteral("size"), f.value(4).toLongLong());
        o.insert(QStringLiteral("md5sum"), f.value(5).toString());
        o.insert(QStringLiteral("mimetype"), f.value(6).toString());
        o.insert(QStringLiteral("verified"), f.value(7).toBool());
        o.insert(QStringLiteral("location"), nullable(f.value(8)));
        o.insert(QStringLiteral("uri"), nullable(f.value(9)));
        datafiles.append(o);
    }

    QJsonObject root;
    root.insert(QStringLiteral("experiments"), experiments);
    root.insert(QStringLiteral("datasets"), datasets);
    root.insert(QStringLiteral("datafiles"), datafiles);
    return root;
}

} // namespace tardigrade::standin
