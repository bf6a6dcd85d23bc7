#pragma once

#include "Records.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <atomic>

// Value structs the MyTardisClient takes in and gives out (requests that
// create things, and outcomes richer than one record).
namespace tardigrade {

struct ClientConfig {
    QString url; // mytardis_url; a trailing '/' is stripped
    QString username;
    QString apiKey;
    int timeoutSecs = 10; // connection_timeout
    // Tries of one request in all: the request layer is the only one that
    // retries HTTP, so it rides out about a minute of server trouble
    // (pauses of 0.5, 1, 2 ... 30 s).
    int maxTries = 8;
    const std::atomic_bool *cancel = nullptr;
    int backoffMs = 500; // first pause before a retry; doubles each time
    // This PC's network (NetworkSettings): a PEM file of the site's own
    // certificate authority, and a proxy other than the system's; empty: none.
    QString caCertificate{}; // {}: aggregate initialisers that stop at apiKey stay warning-free
    QString proxy{};
    // When > 0, the tries of a request nothing answers at all (connection
    // refused, no such host, no answer in time), for a caller that must say
    // so quickly; a server that answers but fails still gets maxTries.
    int maxTriesWithoutServer = 0;
};

// Query items in order; values are UTF-8 and percent-encoded when sent.
using Query = QList<QPair<QString, QString>>;

// Body of POST/PUT mydata_uploader (one record per installation).
struct UploaderFields {
    QString uuid;
    QString name; // instrument name
    QString contactName, contactEmail;
    QString userAgentName = QStringLiteral("Tardigrade");
    QString userAgentVersion;
    QString userAgentInstallLocation;
    QString osPlatform, osSystem, osRelease, osVersion, osUsername;
    QString machine, architecture, processor, memory;
    int cpus = 0;
    QString diskUsage, dataPath, defaultUser;
    QString networkInterface, macAddress, ipv4Address, ipv6Address, subnetMask, hostname;
    QStringList instruments; // URIs

    QJsonObject toJson() const;
};

struct NewRegistrationRequest {
    QString uploaderUri;
    QString name; // instrument name
    QString requesterName, requesterEmail;
    QString publicKey;   // "ssh-rsa AAAA... comment"
    QString fingerprint; // MD5 hex pairs joined by ':'

    QJsonObject toJson() const;
};

// The mydata_experiment lookup key (section 8).
struct ExperimentKey {
    QString title;
    QString folderStructure;
    QString userFolderName;
    QString groupFolderName; // empty when the structure has no group folder
};

struct NewExperiment {
    ExperimentKey key;
    QString description; // see experimentDescription()
    QString uploaderUuid;

    QJsonObject toJson() const;
};

struct ObjectAcl {
    bool isGroup = false; // django_group, else django_user
    qint64 entityId = 0;
    qint64 experimentId = 0;
    bool isOwner = false;

    QJsonObject toJson() const;
};

struct NewDataset {
    QString instrumentUri;
    QString description; // the dataset folder's name
    QString experimentUri;
    bool immutable = false;

    QJsonObject toJson() const;
};

// The JSON that describes a file to the server (11a json_data, 11b body).
struct NewDataFile {
    QString datasetUri;
    QString filename;
    QString directory; // '/' separators, "" at the dataset's top
    QString md5sum;
    qint64 size = 0;
    QString mimetype = QStringLiteral("application/octet-stream");
    QDateTime createdTime;
    QDateTime modificationTime;

    QJsonObject toJson() const;
};

struct StagingRegistration {
    QByteArray stagingPath; // absolute path on the staging host, byte for byte
    qint64 datafileId = 0;
    bool alreadyExists = false; // 409
};

struct UploadOutcome {
    qint64 datafileId = 0;      // from Location, 0 when not said
    bool alreadyExists = false; // 409: the datafile is there already
};

// "Instrument: ...\nUser folder name: ...\nUploaded from: host:dir[\nGroup folder name: ...]"
// as the original writes it (dataPath: the owner folder's local path).
QString experimentDescription(const QString &instrument, const QString &userFolder, const QString &groupFolder,
                              const QString &host, const QString &dataPath);

// ISO 8601 as the server stores it: naive local time with microseconds.
QString isoTime(const QDateTime &t);

} // namespace tardigrade
