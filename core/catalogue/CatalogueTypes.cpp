#include "CatalogueTypes.h"

#include "ApiPaths.h"

#include <QJsonArray>

namespace tardigrade {

QJsonObject UploaderFields::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("uuid"), uuid);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("contact_name"), contactName);
    o.insert(QStringLiteral("contact_email"), contactEmail);
    o.insert(QStringLiteral("user_agent_name"), userAgentName);
    o.insert(QStringLiteral("user_agent_version"), userAgentVersion);
    o.insert(QStringLiteral("user_agent_install_location"), userAgentInstallLocation);
    o.insert(QStringLiteral("os_platform"), osPlatform);
    o.insert(QStringLiteral("os_system"), osSystem);
    o.insert(QStringLiteral("os_release"), osRelease);
    o.insert(QStringLiteral("os_version"), osVersion);
    o.insert(QStringLiteral("os_username"), osUsername);
    o.insert(QStringLiteral("machine"), machine);
    o.insert(QStringLiteral("architecture"), architecture);
    o.insert(QStringLiteral("processor"), processor);
    o.insert(QStringLiteral("memory"), memory);
    o.insert(QStringLiteral("cpus"), cpus);
    o.insert(QStringLiteral("disk_usage"), diskUsage);
    o.insert(QStringLiteral("data_path"), dataPath);
    o.insert(QStringLiteral("default_user"), defaultUser);
    o.insert(QStringLiteral("interface"), networkInterface);
    o.insert(QStringLiteral("mac_address"), macAddress);
    o.insert(QStringLiteral("ipv4_address"), ipv4Address);
    o.insert(QStringLiteral("ipv6_address"), ipv6Address);
    o.insert(QStringLiteral("subnet_mask"), subnetMask);
    o.insert(QStringLiteral("hostname"), hostname);
    o.insert(QStringLiteral("instruments"), QJsonArray::fromStringList(instruments));
    return o;
}

QJsonObject NewRegistrationRequest::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("uploader"), uploaderUri);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("requester_name"), requesterName);
    o.insert(QStringLiteral("requester_email"), requesterEmail);
    o.insert(QStringLiteral("requester_public_key"), publicKey);
    o.insert(QStringLiteral("requester_key_fingerprint"), fingerprint);
    return o;
}

QJsonObject NewExperiment::toJson() const
{
    QJsonArray params;
    auto param = [&params](const char *name, const QString &value) {
        params.append(QJsonObject{{QStringLiteral("name"), QLatin1String(name)}, {QStringLiteral("value"), value}});
    };
    param("uploader", uploaderUuid);
    param("user_folder_name", key.userFolderName);
    if (!key.groupFolderName.isEmpty())
        param("group_folder_name", key.groupFolderName);
    QJsonObject set{{QStringLiteral("schema"), QStringLiteral("http://mytardis.org/schemas/mydata/defaultexperiment")},
                    {QStringLiteral("parameters"), params}};
    QJsonObject o;
    o.insert(QStringLiteral("title"), key.title);
    o.insert(QStringLiteral("description"), description);
    o.insert(QStringLiteral("immutable"), false);
    o.insert(QStringLiteral("parameter_sets"), QJsonArray{set});
    return o;
}

QJsonObject ObjectAcl::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("pluginId"), isGroup ? QStringLiteral("django_group") : QStringLiteral("django_user"));
    o.insert(QStringLiteral("entityId"), QString::number(entityId));
    o.insert(QStringLiteral("content_object"), api::object(api::Resource::Experiment, experimentId));
    o.insert(QStringLiteral("content_type"), QStringLiteral("experiment"));
    o.insert(QStringLiteral("object_id"), experimentId);
    o.insert(QStringLiteral("aclOwnershipType"), 1);
    o.insert(QStringLiteral("isOwner"), isOwner);
    o.insert(QStringLiteral("canRead"), true);
    o.insert(QStringLiteral("canWrite"), true);
    o.insert(QStringLiteral("canDelete"), false);
    o.insert(QStringLiteral("effectiveDate"), QJsonValue::Null);
    o.insert(QStringLiteral("expiryDate"), QJsonValue::Null);
    return o;
}

QJsonObject NewDataset::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("instrument"), instrumentUri);
    o.insert(QStringLiteral("description"), description);
    o.insert(QStringLiteral("experiments"), QJsonArray{experimentUri});
    o.insert(QStringLiteral("immutable"), immutable);
    return o;
}

QJsonObject NewDataFile::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("dataset"), datasetUri);
    o.insert(QStringLiteral("filename"), filename);
    o.insert(QStringLiteral("directory"), directory);
    o.insert(QStringLiteral("md5sum"), md5sum);
    o.insert(QStringLiteral("size"), size);
    o.insert(QStringLiteral("mimetype"), mimetype);
    o.insert(QStringLiteral("created_time"), isoTime(createdTime.isValid() ? createdTime : modificationTime));
    o.insert(QStringLiteral("modification_time"), isoTime(modificationTime));
    return o;
}

QString experimentDescription(const QString &instrument, const QString &userFolder, const QString &groupFolder,
                              const QString &host, const QString &dataPath)
{
    QString d = QStringLiteral("Instrument: ") + instrument + QStringLiteral("\nUser folder name: ") + userFolder +
                QStringLiteral("\nUploaded from: ") + host + QLatin1Char(':') + dataPath;
    if (!groupFolder.isEmpty())
        d += QStringLiteral("\nGroup folder name: ") + groupFolder;
    return d;
}

QString isoTime(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    const QDateTime local = t.toLocalTime();
    return local.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss")) +
           QStringLiteral(".%1").arg(local.time().msec() * 1000, 6, 10, QLatin1Char('0'));
}

} // namespace tardigrade
