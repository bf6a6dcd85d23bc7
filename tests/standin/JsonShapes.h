#pragma once

#include <QJsonObject>
#include <QString>

namespace tardigrade::standin {

class CatalogueDb;

// The JSON form of each catalogue object, field for field as a stock
// MyTardis 4.6 with the mydata app answers (see mytardis-transcripts.jsonl).
class JsonShapes {
public:
    explicit JsonShapes(CatalogueDb &db) : m_db(db) {}

    QJsonObject group(qint64 id);
    QJsonObject user(qint64 id);
    QJsonObject facility(qint64 id);
    QJsonObject instrument(qint64 id);
    // resource: "experiment" or "mydata_experiment" (names resource_uri).
    QJsonObject experiment(qint64 id, const QString &resource);
    QJsonObject dataset(qint64 id);
    QJsonObject datafile(qint64 id);
    // The replica as nested in a datafile ("replica") or as mydata_replica,
    // which adds the size of what is on disk now.
    QJsonObject replica(qint64 id, bool withSize);
    QJsonObject uploader(qint64 id);
    QJsonObject registrationRequest(qint64 id);

    // Where a replica's bytes are on this machine.
    QString replicaPath(qint64 replicaId);

private:
    // r: a replicas row as kReplicaColumns selects it.
    QJsonObject replicaFromRow(const QVariantList &r, bool withSize);

    CatalogueDb &m_db;
};

} // namespace tardigrade::standin
