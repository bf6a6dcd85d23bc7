#include "JsonShapes.h"

#include "CatalogueDb.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>

namespace tardigrade::standin {

namespace {
QString uri(const char *resource, qint64 id)
{
    return QStringLiteral("/api/v1/%1/%2/").arg(QLatin1String(resource)).arg(id);
}

QJsonValue orNull(const QVariant &v)
{
    if (v.isNull() || !v.isValid())
        return QJsonValue::Null;
    return QJsonValue::fromVariant(v);
}

// What replicaFromRow() reads, in this order.
const QString kReplicaColumns =
    QStringLiteral("id, datafile_id, uri, location, verified, last_verified_time, created_time");
constexpr qsizetype kReplicaColumnCount = 7;

const QString kMydataSchema = QStringLiteral("http://mytardis.org/schemas/mydata/defaultexperiment");
} // namespace

QJsonObject JsonShapes::group(qint64 id)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("name"),
             m_db.scalar(QStringLiteral("SELECT name FROM groups WHERE id = ?"), {id}).toString());
    o.insert(QStringLiteral("resource_uri"), uri("group", id));
    return o;
}

QJsonObject JsonShapes::user(qint64 id)
{
    QSqlQuery q =
        m_db.exec(QStringLiteral("SELECT username, first_name, last_name, email FROM users WHERE id = ?"), {id});
    QJsonObject o;
    if (!q.next())
        return o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("username"), q.value(0).toString());
    o.insert(QStringLiteral("first_name"), q.value(1).toString());
    o.insert(QStringLiteral("last_name"), q.value(2).toString());
    o.insert(QStringLiteral("email"), q.value(3).toString());
    o.insert(QStringLiteral("resource_uri"), uri("user", id));
    QJsonArray groups;
    QSqlQuery g =
        m_db.exec(QStringLiteral("SELECT group_id FROM user_groups WHERE user_id = ? ORDER BY group_id"), {id});
    while (g.next())
        groups.append(group(g.value(0).toLongLong()));
    o.insert(QStringLiteral("groups"), groups);
    return o;
}

QJsonObject JsonShapes::facility(qint64 id)
{
    QSqlQuery q = m_db.exec(
        QStringLiteral("SELECT name, manager_group_id, created_time, modified_time FROM facilities WHERE id = ?"),
        {id});
    QJsonObject o;
    if (!q.next())
        return o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("name"), q.value(0).toString());
    o.insert(QStringLiteral("manager_group"), group(q.value(1).toLongLong()));
    o.insert(QStringLiteral("created_time"), q.value(2).toString());
    o.insert(QStringLiteral("modified_time"), q.value(3).toString());
    o.insert(QStringLiteral("resource_uri"), uri("facility", id));
    return o;
}

QJsonObject JsonShapes::instrument(qint64 id)
{
    QSqlQuery q = m_db.exec(
        QStringLiteral("SELECT name, facility_id, created_time, modified_time FROM instruments WHERE id = ?"), {id});
    QJsonObject o;
    if (!q.next())
        return o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("name"), q.value(0).toString());
    o.insert(QStringLiteral("facility"), facility(q.value(1).toLongLong()));
    o.insert(QStringLiteral("created_time"), q.value(2).toString());
    o.insert(QStringLiteral("modified_time"), q.value(3).toString());
    o.insert(QStringLiteral("resource_uri"), uri("instrument", id));
    return o;
}

QJsonObject JsonShapes::experiment(qint64 id, const QString &resource)
{
    QSqlQuery q =
        m_db.exec(QStringLiteral("SELECT title, description, immutable, created_by, created_time, update_time, "
                                 "has_mydata_params, uploader, user_folder_name, group_folder_name "
                                 "FROM experiments WHERE id = ?"),
                  {id});
    QJsonObject o;
    if (!q.next())
        return o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("title"), q.value(0).toString());
    o.insert(QStringLiteral("description"), q.value(1).toString());
    o.insert(QStringLiteral("immutable"), q.value(2).toBool());
    o.insert(QStringLiteral("created_by"),
             q.value(3).isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(uri("user", q.value(3).toLongLong())));
    o.insert(QStringLiteral("created_time"), q.value(4).toString());
    o.insert(QStringLiteral("update_time"), q.value(5).toString());
    o.insert(QStringLiteral("approved"), false);
    o.insert(QStringLiteral("authors"), QJsonArray());
    o.insert(QStringLiteral("end_time"), QJsonValue::Null);
    o.insert(QStringLiteral("start_time"), QJsonValue::Null);
    o.insert(QStringLiteral("handle"), QJsonValue::Null);
    o.insert(QStringLiteral("url"), QJsonValue::Null);
    o.insert(QStringLiteral("institution_name"), QStringLiteral("Monash University"));
    o.insert(QStringLiteral("locked"), false);
    o.insert(QStringLiteral("public_access"), 1);
    o.insert(QStringLiteral("resource_uri"), QStringLiteral("/api/v1/%1/%2/").arg(resource).arg(id));
    o.insert(QStringLiteral("dataset_count"),
             m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM dataset_experiments WHERE experiment_id = ?"), {id})
                 .toLongLong());
    o.insert(QStringLiteral("datafile_count"),
             m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM datafiles WHERE dataset_id IN "
                                        "(SELECT dataset_id FROM dataset_experiments WHERE experiment_id = ?)"),
                         {id})
                 .toLongLong());
    o.insert(QStringLiteral("experiment_size"),
             m_db.scalar(QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM datafiles WHERE dataset_id IN "
                                        "(SELECT dataset_id FROM dataset_experiments WHERE experiment_id = ?)"),
                         {id})
                 .toLongLong());
    QJsonArray owners;
    QSqlQuery a = m_db.exec(QStringLiteral("SELECT entity_id FROM objectacls WHERE experiment_id = ? AND "
                                           "plugin_id = 'django_user' AND is_owner = 1 ORDER BY id"),
                            {id});
    while (a.next())
        owners.append(a.value(0).toLongLong());
    o.insert(QStringLiteral("owner_ids"), owners);

    QJsonArray psets;
    if (q.value(6).toBool()) {
        // One parameter set of the mydata schema; its parameter ids are made
        // up from the experiment id, stable across calls.
        const QString psetUri = uri("experimentparameterset", id);
        QJsonArray params;
        for (int i = 0; i < 3; ++i) {
            const QVariant value = q.value(7 + i);
            if (value.isNull())
                continue;
            const qint64 pid = id * 3 + i;
            QJsonObject p;
            p.insert(QStringLiteral("id"), pid);
            p.insert(QStringLiteral("name"), uri("parametername", i + 1));
            p.insert(QStringLiteral("string_value"), value.toString());
            p.insert(QStringLiteral("numerical_value"), QJsonValue::Null);
            p.insert(QStringLiteral("datetime_value"), QJsonValue::Null);
            p.insert(QStringLiteral("link_id"), QJsonValue::Null);
            p.insert(QStringLiteral("value"), QJsonValue::Null);
            p.insert(QStringLiteral("parameterset"), psetUri);
            p.insert(QStringLiteral("resource_uri"), uri("experimentparameter", pid));
            params.append(p);
        }
        QJsonObject schema;
        schema.insert(QStringLiteral("id"), 1);
        schema.insert(QStringLiteral("hidden"), true);
        schema.insert(QStringLiteral("immutable"), true);
        schema.insert(QStringLiteral("name"), QStringLiteral("MyData Default Experiment"));
        schema.insert(QStringLiteral("namespace"), kMydataSchema);
        schema.insert(QStringLiteral("resource_uri"), uri("schema", 1));
        schema.insert(QStringLiteral("subtype"), QString());
        schema.insert(QStringLiteral("type"), 1);
        QJsonObject pset;
        pset.insert(QStringLiteral("id"), id);
        pset.insert(QStringLiteral("experiment"), uri("experiment", id));
        pset.insert(QStringLiteral("parameters"), params);
        pset.insert(QStringLiteral("resource_uri"), psetUri);
        pset.insert(QStringLiteral("schema"), schema);
        psets.append(pset);
    }
    o.insert(QStringLiteral("parameter_sets"), psets);
    return o;
}

QJsonObject JsonShapes::dataset(qint64 id)
{
    const QVariantList d =
        m_db.row(QStringLiteral("SELECT description, instrument_id, immutable, created_time, modified_time "
                                "FROM datasets WHERE id = ?"),
                 {id});
    QJsonObject o;
    if (d.isEmpty())
        return o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("description"), d.at(0).toString());
    o.insert(QStringLiteral("instrument"),
             d.at(1).isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(instrument(d.at(1).toLongLong())));
    o.insert(QStringLiteral("immutable"), d.at(2).toBool());
    o.insert(QStringLiteral("created_time"), d.at(3).toString());
    o.insert(QStringLiteral("modified_time"), d.at(4).toString());
    o.insert(QStringLiteral("directory"), QJsonValue::Null);
    o.insert(QStringLiteral("parameter_sets"), QJsonArray());
    o.insert(QStringLiteral("resource_uri"), uri("dataset", id));
    QJsonArray experiments;
    const QVariantList experimentIds = m_db.column(
        QStringLiteral("SELECT experiment_id FROM dataset_experiments WHERE dataset_id = ? ORDER BY experiment_id"),
        {id});
    for (const QVariant &experimentId : experimentIds)
        experiments.append(uri("experiment", experimentId.toLongLong()));
    o.insert(QStringLiteral("experiments"), experiments);
    o.insert(QStringLiteral("dataset_experiment_count"), experiments.size());
    o.insert(QStringLiteral("dataset_datafile_count"),
             m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM datafiles WHERE dataset_id = ?"), {id}).toLongLong());
    o.insert(QStringLiteral("dataset_size"),
             m_db.scalar(QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM datafiles WHERE dataset_id = ?"), {id})
                 .toLongLong());
    return o;
}

QJsonObject JsonShapes::datafile(qint64 id)
{
    // Every listing a client polls for verification shapes each of its files:
    // the statements here and in replica() are the stand-in's hottest.
    const QVariantList f =
        m_db.row(QStringLiteral("SELECT dataset_id, directory, filename, size, md5sum, mimetype, created_time, "
                                "modification_time, version FROM datafiles WHERE id = ?"),
                 {id});
    QJsonObject o;
    if (f.isEmpty())
        return o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("dataset"), uri("dataset", f.at(0).toLongLong()));
    o.insert(QStringLiteral("directory"), f.at(1).toString());
    o.insert(QStringLiteral("filename"), f.at(2).toString());
    o.insert(QStringLiteral("size"), f.at(3).toLongLong());
    o.insert(QStringLiteral("md5sum"), f.at(4).toString());
    o.insert(QStringLiteral("mimetype"), f.at(5).toString());
    o.insert(QStringLiteral("created_time"), orNull(f.at(6)));
    o.insert(QStringLiteral("modification_time"), orNull(f.at(7)));
    o.insert(QStringLiteral("version"), f.at(8).toInt());
    o.insert(QStringLiteral("sha512sum"), QString());
    o.insert(QStringLiteral("datafile"), QJsonValue::Null);
    o.insert(QStringLiteral("deleted"), false);
    o.insert(QStringLiteral("deleted_time"), QJsonValue::Null);
    o.insert(QStringLiteral("resource_uri"), uri("mydata_dataset_file", id));
    QJsonArray replicas;
    // All of the file's replicas in one statement (one row each, as flat
    // values): two statements per replica before.
    const QVariantList rows = m_db.rows(QStringLiteral("SELECT ") + kReplicaColumns +
                                            QStringLiteral(" FROM replicas WHERE datafile_id = ? ORDER BY id"),
                                        {id});
    for (qsizetype i = 0; i + kReplicaColumnCount <= rows.size(); i += kReplicaColumnCount)
        replicas.append(replicaFromRow(rows.mid(i, kReplicaColumnCount), false));
    o.insert(QStringLiteral("replicas"), replicas);
    return o;
}

QJsonObject JsonShapes::replica(qint64 id, bool withSize)
{
    const QVariantList r =
        m_db.row(QStringLiteral("SELECT ") + kReplicaColumns + QStringLiteral(" FROM replicas WHERE id = ?"), {id});
    return r.isEmpty() ? QJsonObject() : replicaFromRow(r, withSize);
}

QJsonObject JsonShapes::replicaFromRow(const QVariantList &r, bool withSize)
{
    const qint64 id = r.at(0).toLongLong();
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("datafile"), uri("dataset_file", r.at(1).toLongLong()));
    o.insert(QStringLiteral("uri"), r.at(2).toString());
    o.insert(QStringLiteral("location"), r.at(3).toString());
    o.insert(QStringLiteral("verified"), r.at(4).toBool());
    o.insert(QStringLiteral("last_verified_time"), orNull(r.at(5)));
    o.insert(QStringLiteral("created_time"), orNull(r.at(6)));
    o.insert(QStringLiteral("resource_uri"), uri(withSize ? "mydata_replica" : "replica", id));
    if (withSize) {
        // What has reached the disk so far; null when nothing is there, as
        // the real server answers when it cannot open the file.
        const QFileInfo fi(replicaPath(id));
        o.insert(QStringLiteral("size"), fi.exists() ? QJsonValue(fi.size()) : QJsonValue(QJsonValue::Null));
    }
    return o;
}

QString JsonShapes::replicaPath(qint64 replicaId)
{
    const QVariantList r = m_db.row(QStringLiteral("SELECT uri, location FROM replicas WHERE id = ?"), {replicaId});
    if (r.isEmpty())
        return {};
    const QString root = r.at(1).toString() == QLatin1String("staging") ? m_db.config(QStringLiteral("staging"))
                                                                        : m_db.config(QStringLiteral("store"));
    return root + QLatin1Char('/') + r.at(0).toString();
}

QJsonObject JsonShapes::uploader(qint64 id)
{
    QSqlQuery q = m_db.exec(
        QStringLiteral("SELECT name, settings_updated, settings_downloaded FROM uploaders WHERE id = ?"), {id});
    QJsonObject o;
    if (!q.next())
        return o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("name"), q.value(0).toString());
    o.insert(QStringLiteral("resource_uri"), uri("mydata_uploader", id));
    o.insert(QStringLiteral("settings_updated"), orNull(q.value(1)));
    o.insert(QStringLiteral("settings_downloaded"), orNull(q.value(2)));
    QJsonArray settings;
    QSqlQuery s =
        m_db.exec(QStringLiteral("SELECT key, value FROM uploader_settings WHERE uploader_id = ? ORDER BY key"), {id});
    while (s.next()) {
        QJsonObject kv;
        kv.insert(QStringLiteral("key"), s.value(0).toString());
        kv.insert(QStringLiteral("value"), s.value(1).toString());
        settings.append(kv);
    }
    o.insert(QStringLiteral("settings"), settings);
    return o;
}

QJsonObject JsonShapes::registrationRequest(qint64 id)
{
    QSqlQuery q =
        m_db.exec(QStringLiteral("SELECT uploader_id, name, requester_name, requester_email, requester_public_key, "
                                 "requester_key_fingerprint, request_time, approved, approval_time, "
                                 "scp_username, scp_hostname, scp_port, location "
                                 "FROM registration_requests WHERE id = ?"),
                  {id});
    QJsonObject o;
    if (!q.next())
        return o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("uploader"), uri("mydata_uploader", q.value(0).toLongLong()));
    o.insert(QStringLiteral("name"), q.value(1).toString());
    o.insert(QStringLiteral("requester_name"), q.value(2).toString());
    o.insert(QStringLiteral("requester_email"), q.value(3).toString());
    o.insert(QStringLiteral("requester_public_key"), q.value(4).toString());
    o.insert(QStringLiteral("requester_key_fingerprint"), q.value(5).toString());
    o.insert(QStringLiteral("request_time"), orNull(q.value(6)));
    const bool approved = q.value(7).toBool();
    o.insert(QStringLiteral("approved"), approved);
    o.insert(QStringLiteral("approval_time"), orNull(q.value(8)));
    o.insert(QStringLiteral("approval_expiry"), QJsonValue::Null);
    o.insert(QStringLiteral("approver_comments"), QJsonValue::Null);
    o.insert(QStringLiteral("resource_uri"), uri("mydata_uploaderregistrationrequest", id));
    if (!approved) {
        o.insert(QStringLiteral("approved_storage_box"), QJsonValue::Null);
        return o;
    }
    // The storage box the administrator approved: the staging account.
    auto keyValue = [](const char *kind, qint64 kid, const QString &key, const QString &value) {
        QJsonObject kv;
        kv.insert(QStringLiteral("id"), kid);
        kv.insert(QStringLiteral("key"), key);
        kv.insert(QStringLiteral("value"), value);
        kv.insert(QStringLiteral("resource_uri"), uri(kind, kid));
        kv.insert(QStringLiteral("storage_box"), uri("storagebox", 1));
        return kv;
    };
    QJsonArray attributes;
    attributes.append(keyValue("storageboxattribute", 1, QStringLiteral("scp_username"), q.value(9).toString()));
    attributes.append(keyValue("storageboxattribute", 2, QStringLiteral("scp_hostname"), q.value(10).toString()));
    if (!q.value(11).toString().isEmpty())
        attributes.append(keyValue("storageboxattribute", 3, QStringLiteral("scp_port"), q.value(11).toString()));
    QJsonArray options;
    options.append(keyValue("storageboxoption", 1, QStringLiteral("location"), q.value(12).toString()));
    QJsonObject box;
    box.insert(QStringLiteral("id"), 1);
    box.insert(QStringLiteral("name"), QStringLiteral("staging"));
    box.insert(QStringLiteral("description"), QStringLiteral("Staging area for instrument uploads"));
    box.insert(QStringLiteral("django_storage_class"), QStringLiteral("django.core.files.storage.FileSystemStorage"));
    box.insert(QStringLiteral("max_size"), 0);
    box.insert(QStringLiteral("status"), QStringLiteral("online"));
    box.insert(QStringLiteral("resource_uri"), uri("storagebox", 1));
    box.insert(QStringLiteral("attributes"), attributes);
    box.insert(QStringLiteral("options"), options);
    o.insert(QStringLiteral("approved_storage_box"), box);
    return o;
}

} // namespace tardigrade::standin
