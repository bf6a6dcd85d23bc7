#pragma once

#include "FileState.h"
#include "util/Result.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>
#include <QVector>

#include <atomic>
#include <memory>

namespace tardigrade {

class RunEventSink;
class SqliteDatabase;

// What the journal knows of one local file, for one server.
struct JournalEntry {
    QString path;          // absolute local path
    qint64 size = -1;      // of the local file when last seen
    qint64 mtimeMs = 0;    // ditto, ms since the epoch
    QString md5;           // empty until hashed for this size+mtime
    FileState state = FileState::Found;
    qint64 datasetId = 0;
    qint64 datafileId = 0; // once registered
    qint64 replicaId = 0;
    QByteArray stagingPath; // byte for byte as the server answered
    qint64 offset = 0;      // bytes known to be at the destination
    QString method;         // "staging" or "post"
    int attempts = 0;
    QString error;          // why it failed, for the report
};

// The journal (SQLite, WAL) records each file's state so that after a crash
// or kill -9 the next run continues from it: nothing uploaded twice, nothing
// forgotten. One instance is shared by all worker threads; calls are
// serialised by a mutex. Every write is its own transaction; putAll() writes
// many in one.
class Journal {
public:
    ~Journal();
    Journal(const Journal &) = delete;
    Journal &operator=(const Journal &) = delete;

    // Opens (or creates) the journal file; entries are kept per server URL
    // so one installation can be pointed at another server without confusion.
    static Result<std::unique_ptr<Journal>> open(const QString &file, const QString &serverUrl);

    // When open() found the file damaged: one sentence for the user (it was
    // moved aside and rebuilt). Empty otherwise.
    QString damageNote() const { return m_damageNote; }

    // Every entry of this server, keyed by path (one query for a whole run).
    QHash<QString, JournalEntry> loadAll() const;
    Result<JournalEntry> entry(const QString &path) const; // Permanent error if none

    Status put(const JournalEntry &entry); // insert or replace
    // Many rows in one transaction, which holds the journal until COMMIT.
    Status putAll(const QVector<JournalEntry> &entries);
    Status setState(const QString &path, FileState state, const QString &error = {});

    // Files sent to staging ahead of their registration and never
    // registered (no datafile id, a staging path): a registration that
    // failed, a run killed in between, a file that changed or went away
    // meanwhile (StagedLeftovers).
    QVector<JournalEntry> stagedUnregistered() const;
    // Removes the file's row only while it is still that row: unregistered,
    // its bytes at `stagingPath`. A row written since is left alone.
    Status forgetStaged(const QString &path, const QByteArray &stagingPath);

    // A write that failed: logged every time, told the user once per journal
    // (the upload goes on; the next run learns from the server what the
    // journal missed).
    void reportFailure(const Error &error, RunEventSink &events);

private:
    Journal();
    Status putLocked(const JournalEntry &entry); // m_mutex held

    std::unique_ptr<SqliteDatabase> m_db; // guarded by m_mutex
    QString m_server;
    QString m_damageNote;
    mutable QMutex m_mutex;
    std::atomic_bool m_failureReported{false};
};

} // namespace tardigrade
