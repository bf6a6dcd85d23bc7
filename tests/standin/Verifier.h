#pragma once

#include <QList>
#include <QObject>
#include <QTimer>

namespace tardigrade::standin {

class CatalogueDb;

// The server's own check of uploaded bytes: a queue worked off by a timer on
// the event loop. A replica becomes verified (with last_verified_time) only
// when the file at its path has the registered size and MD5; otherwise it
// stays unverified and the mismatch is logged to stderr.
class Verifier : public QObject {
    Q_OBJECT
public:
    explicit Verifier(CatalogueDb &db, QObject *parent = nullptr);

    // Queues every replica of the datafile.
    void scheduleDatafile(qint64 datafileId);
    void scheduleReplica(qint64 replicaId);
    // Joins the uploaded chunks of a replica into its file, then verifies.
    void scheduleChunkAssembly(qint64 replicaId);

private:
    void tick();
    void startTicking();
    // True when the replica's file has the registered size and MD5.
    bool verify(qint64 replicaId);
    bool assemble(qint64 replicaId);

    struct Job {
        qint64 replicaId;
        bool assemble;
    };
    CatalogueDb &m_db;
    QList<Job> m_queue;
    QTimer m_timer;
};

} // namespace tardigrade::standin
