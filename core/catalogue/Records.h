#pragma once

#include "ApiPaths.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

// Typed records of the MyTardis REST API (see mytardis-api.md), parsed
// tolerantly from the server's JSON: a missing field answers its default, ids
// and sizes are accepted as numbers or strings (old servers send strings).
namespace tardigrade {

struct Group {
    qint64 id = 0;
    QString name;
    QString resourceUri;

    static Group fromJson(const QJsonObject &o);
};

struct User {
    qint64 id = 0;
    QString username;
    QString firstName;
    QString lastName;
    QString email;
    QString resourceUri;
    QVector<Group> groups;

    // "first last" as MyData builds experiment titles (kept byte for byte,
    // so an empty last name leaves a trailing space, as the real server has).
    QString fullName() const { return firstName + QLatin1Char(' ') + lastName; }
    static User fromJson(const QJsonObject &o);
};

struct Facility {
    qint64 id = 0;
    QString name;
    QString resourceUri;
    Group managerGroup;

    static Facility fromJson(const QJsonObject &o);
};

struct Instrument {
    static constexpr api::Resource kResource = api::Resource::Instrument;
    qint64 id = 0;
    QString name;
    QString resourceUri;
    qint64 facilityId = 0;
    QString facilityName;

    static Instrument fromJson(const QJsonObject &o);
};

struct Experiment {
    static constexpr api::Resource kResource = api::Resource::Experiment;
    qint64 id = 0;
    QString title;
    QString description;
    QString resourceUri; // as answered (mydata_experiment answers its own URI)

    // The URI other resources refer to: /api/v1/experiment/<id>/.
    QString uri() const { return api::object(kResource, id); }
    static Experiment fromJson(const QJsonObject &o);
};

struct Dataset {
    static constexpr api::Resource kResource = api::Resource::Dataset;
    qint64 id = 0;
    QString description;
    QString resourceUri;
    QStringList experiments; // URIs
    qint64 instrumentId = 0;
    bool immutable = false;

    QString uri() const { return api::object(kResource, id); }
    static Dataset fromJson(const QJsonObject &o);
};

struct Replica {
    qint64 id = 0;
    QString uri; // path below the storage box, e.g. "Dataset%202-1/readme.txt"
    bool verified = false;
    QString location; // storage box name
    QDateTime lastVerifiedTime;
    QString datafile; // URI
    qint64 size = -1; // only from mydata_replica: bytes that reached staging

    static Replica fromJson(const QJsonObject &o);
};

struct DataFile {
    qint64 id = 0;
    QString filename;
    QString directory; // below the dataset folder, '/' separators, "" at the top
    qint64 size = -1;
    QString md5sum;
    QString mimetype;
    QDateTime createdTime;
    QDateTime modificationTime;
    int version = 0;
    QString dataset; // URI
    QString resourceUri;
    QVector<Replica> replicas;

    bool isVerified() const; // any replica verified
    // "<directory>/<filename>", or the file name at the dataset's top.
    QString relativePath() const;
    static DataFile fromJson(const QJsonObject &o);
};

struct UploaderSetting {
    QString key;
    QString value;
};

// This installation's record on the server (mydata_uploader).
struct UploaderRecord {
    static constexpr api::Resource kResource = api::Resource::Uploader;
    qint64 id = 0;
    QString name;
    QString resourceUri;
    QVector<UploaderSetting> settings;
    QDateTime settingsUpdated; // naive server-local time; invalid when null
    QDateTime settingsDownloaded;

    static UploaderRecord fromJson(const QJsonObject &o);
};

struct RegistrationRequest {
    static constexpr api::Resource kResource = api::Resource::RegistrationRequest;
    qint64 id = 0;
    QString name;
    QString resourceUri;
    QString uploader; // URI
    QString requesterKeyFingerprint;
    bool approved = false;
    bool hasStorageBox = false;
    QString storageBoxName;
    QString scpUsername;
    QString scpHostname;
    int scpPort = 22;
    QString location; // staging root on the staging host

    static RegistrationRequest fromJson(const QJsonObject &o);
};

// The tastypie "meta" of a list answer.
struct ListMeta {
    int limit = 0;
    int offset = 0;
    qint64 totalCount = 0;
    QString next; // a path with query, or empty when this is the last page

    static ListMeta fromJson(const QJsonObject &o);
};

// The answer of GET mydata_user/?username=...: an account renamed on
// migration ({success, id, username}).
struct MigratedUser {
    bool success = false;
    qint64 id = 0;
    QString username;

    static MigratedUser fromJson(const QJsonObject &o);
};

// Helpers shared by the parsers (and tests).
namespace json {
qint64 toInt64(const QJsonValue &v, qint64 fallback = 0); // number or numeric string
QDateTime toDateTime(const QJsonValue &v);                // naive ISO 8601 → local time
// The numeric id at the end of a resource URI ("/api/v1/dataset/12/" → 12), 0 if none.
qint64 idFromUri(const QString &uri);
// An object's id: its "id", or else the number its "resource_uri" ends in.
qint64 idOf(const QJsonObject &o);
} // namespace json

} // namespace tardigrade
