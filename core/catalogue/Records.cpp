#include "Records.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace tardigrade {

namespace json {

qint64 toInt64(const QJsonValue &v, qint64 fallback)
{
    if (v.isDouble()) {
        // A number beyond qint64 is no id or size a server can mean, and
        // converting it would be undefined behaviour.
        const double d = v.toDouble();
        if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
            return fallback;
        return static_cast<qint64>(d);
    }
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().trimmed().toLongLong(&ok);
        return ok ? n : fallback;
    }
    return fallback;
}

QDateTime toDateTime(const QJsonValue &v)
{
    if (!v.isString())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t;
}

qint64 idFromUri(const QString &uri)
{
    static const QRegularExpression re(QStringLiteral("/(\\d+)/?$"));
    const auto m = re.match(uri);
    return m.hasMatch() ? m.captured(1).toLongLong() : 0;
}

qint64 idOf(const QJsonObject &o)
{
    const qint64 id = toInt64(o.value(QLatin1String("id")));
    return id != 0 ? id : idFromUri(o.value(QLatin1String("resource_uri")).toString());
}

} // namespace json

namespace {
QString str(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(json::toInt64(v));
    return {};
}

QVector<UploaderSetting> keyValues(const QJsonValue &v)
{
    QVector<UploaderSetting> out;
    const QJsonArray a = v.toArray();
    for (const QJsonValue &e : a) {
        const QJsonObject o = e.toObject();
        const QJsonValue value = o.value(QLatin1String("value"));
        out.push_back({str(o, "key"), value.isBool()
                                          ? (value.toBool() ? QStringLiteral("True") : QStringLiteral("False"))
                                          : str(o, "value")});
    }
    return out;
}
} // namespace

Group Group::fromJson(const QJsonObject &o)
{
    Group g;
    g.id = json::idOf(o);
    g.name = str(o, "name");
    g.resourceUri = str(o, "resource_uri");
    return g;
}

User User::fromJson(const QJsonObject &o)
{
    User u;
    u.id = json::idOf(o);
    u.username = str(o, "username");
    u.firstName = str(o, "first_name");
    u.lastName = str(o, "last_name");
    u.email = str(o, "email");
    u.resourceUri = str(o, "resource_uri");
    const QJsonArray groups = o.value(QLatin1String("groups")).toArray();
    for (const QJsonValue &g : groups)
        u.groups.push_back(Group::fromJson(g.toObject()));
    return u;
}

Facility Facility::fromJson(const QJsonObject &o)
{
    Facility f;
    f.id = json::idOf(o);
    f.name = str(o, "name");
    f.resourceUri = str(o, "resource_uri");
    const QJsonValue mg = o.value(QLatin1String("manager_group"));
    if (mg.isObject())
        f.managerGroup = Group::fromJson(mg.toObject());
    else if (mg.isString()) { // a bare URI on some servers
        f.managerGroup.resourceUri = mg.toString();
        f.managerGroup.id = json::idFromUri(mg.toString());
    }
    return f;
}

Instrument Instrument::fromJson(const QJsonObject &o)
{
    Instrument i;
    i.id = json::idOf(o);
    i.name = str(o, "name");
    i.resourceUri = str(o, "resource_uri");
    const QJsonValue f = o.value(QLatin1String("facility"));
    if (f.isObject()) {
        const Facility fac = Facility::fromJson(f.toObject());
        i.facilityId = fac.id;
        i.facilityName = fac.name;
    } else if (f.isString()) {
        i.facilityId = json::idFromUri(f.toString());
    }
    return i;
}

Experiment Experiment::fromJson(const QJsonObject &o)
{
    Experiment e;
    e.id = json::idOf(o);
    e.title = str(o, "title");
    e.description = str(o, "description");
    e.resourceUri = str(o, "resource_uri");
    return e;
}

Dataset Dataset::fromJson(const QJsonObject &o)
{
    Dataset d;
    d.id = json::idOf(o);
    d.description = str(o, "description");
    d.resourceUri = str(o, "resource_uri");
    const QJsonArray exps = o.value(QLatin1String("experiments")).toArray();
    for (const QJsonValue &e : exps)
        d.experiments << (e.isObject() ? str(e.toObject(), "resource_uri") : e.toString());
    const QJsonValue ins = o.value(QLatin1String("instrument"));
    if (ins.isObject())
        d.instrumentId = json::toInt64(ins.toObject().value(QLatin1String("id")));
    else if (ins.isString())
        d.instrumentId = json::idFromUri(ins.toString());
    d.immutable = o.value(QLatin1String("immutable")).toBool();
    return d;
}

Replica Replica::fromJson(const QJsonObject &o)
{
    Replica r;
    r.id = json::idOf(o);
    r.uri = str(o, "uri");
    r.verified = o.value(QLatin1String("verified")).toBool();
    r.location = str(o, "location");
    r.lastVerifiedTime = json::toDateTime(o.value(QLatin1String("last_verified_time")));
    r.datafile = str(o, "datafile");
    r.size = json::toInt64(o.value(QLatin1String("size")), -1);
    return r;
}

bool DataFile::isVerified() const
{
    for (const Replica &r : replicas)
        if (r.verified)
            return true;
    return false;
}

QString DataFile::relativePath() const
{
    return directory.isEmpty() ? filename : directory + QLatin1Char('/') + filename;
}

DataFile DataFile::fromJson(const QJsonObject &o)
{
    DataFile f;
    f.id = json::idOf(o);
    f.filename = str(o, "filename");
    f.directory = str(o, "directory");
    f.size = json::toInt64(o.value(QLatin1String("size")), -1);
    f.md5sum = str(o, "md5sum");
    f.mimetype = str(o, "mimetype");
    f.createdTime = json::toDateTime(o.value(QLatin1String("created_time")));
    f.modificationTime = json::toDateTime(o.value(QLatin1String("modification_time")));
    f.version = static_cast<int>(json::toInt64(o.value(QLatin1String("version"))));
    f.dataset = str(o, "dataset");
    f.resourceUri = str(o, "resource_uri");
    const QJsonArray reps = o.value(QLatin1String("replicas")).toArray();
    for (const QJsonValue &r : reps)
        f.replicas.push_back(Replica::fromJson(r.toObject()));
    return f;
}

UploaderRecord UploaderRecord::fromJson(const QJsonObject &o)
{
    UploaderRecord u;
    u.id = json::idOf(o);
    u.name = str(o, "name");
    u.resourceUri = str(o, "resource_uri");
    u.settings = keyValues(o.value(QLatin1String("settings")));
    u.settingsUpdated = json::toDateTime(o.value(QLatin1String("settings_updated")));
    u.settingsDownloaded = json::toDateTime(o.value(QLatin1String("settings_downloaded")));
    return u;
}

RegistrationRequest RegistrationRequest::fromJson(const QJsonObject &o)
{
    RegistrationRequest r;
    r.id = json::idOf(o);
    r.name = str(o, "name");
    r.resourceUri = str(o, "resource_uri");
    r.uploader = o.value(QLatin1String("uploader")).isObject()
                     ? str(o.value(QLatin1String("uploader")).toObject(), "resource_uri")
                     : str(o, "uploader");
    r.requesterKeyFingerprint = str(o, "requester_key_fingerprint");
    r.approved = o.value(QLatin1String("approved")).toBool();
    const QJsonValue box = o.value(QLatin1String("approved_storage_box"));
    if (box.isObject()) {
        const QJsonObject b = box.toObject();
        r.hasStorageBox = true;
        r.storageBoxName = str(b, "name");
        for (const UploaderSetting &kv : keyValues(b.value(QLatin1String("attributes")))) {
            if (kv.key == QLatin1String("scp_username"))
                r.scpUsername = kv.value;
            else if (kv.key == QLatin1String("scp_hostname"))
                r.scpHostname = kv.value;
            else if (kv.key == QLatin1String("scp_port")) {
                bool ok = false;
                const int port = kv.value.trimmed().toInt(&ok);
                if (ok && port > 0 && port < 65536)
                    r.scpPort = port;
            }
        }
        for (const UploaderSetting &kv : keyValues(b.value(QLatin1String("options"))))
            if (kv.key == QLatin1String("location"))
                r.location = kv.value;
    }
    return r;
}

ListMeta ListMeta::fromJson(const QJsonObject &o)
{
    ListMeta m;
    m.limit = static_cast<int>(json::toInt64(o.value(QLatin1String("limit"))));
    m.offset = static_cast<int>(json::toInt64(o.value(QLatin1String("offset"))));
    m.totalCount = json::toInt64(o.value(QLatin1String("total_count")));
    m.next = str(o, "next");
    return m;
}

MigratedUser MigratedUser::fromJson(const QJsonObject &o)
{
    MigratedUser m;
    m.success = o.value(QLatin1String("success")).toBool();
    m.id = json::idOf(o);
    m.username = str(o, "username");
    return m;
}

} // namespace tardigrade
