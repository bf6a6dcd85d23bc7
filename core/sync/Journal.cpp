#include "Journal.h"

#include "RunEventSink.h"
#include "util/Log.h"
#include "util/SqliteDatabase.h"

namespace tardigrade {

namespace {

const char *kSchema = R"sql(
CREATE TABLE IF NOT EXISTS files (
    server TEXT NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ms INTEGER NOT NULL,
    md5 TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    dataset_id INTEGER NOT NULL DEFAULT 0,
    datafile_id INTEGER NOT NULL DEFAULT 0,
    replica_id INTEGER NOT NULL DEFAULT 0,
    staging_path BLOB NOT NULL DEFAULT x'',
    offset INTEGER NOT NULL DEFAULT 0,
    method TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL DEFAULT (datetime('now')),
    PRIMARY KEY (server, path)
) WITHOUT ROWID;
)sql";

using Statement = SqliteDatabase::Statement;

#define TARDIGRADE_JOURNAL_SELECT                                                                                      \
    "SELECT path, size, mtime_ms, md5, state, dataset_id, datafile_id, replica_id, staging_path, offset, method, "    \
    "attempts, error FROM files WHERE server = ?1"
const char *kSelectAll = TARDIGRADE_JOURNAL_SELECT;
const char *kSelectOne = TARDIGRADE_JOURNAL_SELECT " AND path = ?2";
const char *kSelectStagedUnregistered = TARDIGRADE_JOURNAL_SELECT " AND datafile_id = 0 AND length(staging_path) > 0";
#undef TARDIGRADE_JOURNAL_SELECT

JournalEntry readEntry(const Statement &s)
{
    JournalEntry e;
    e.path = s.text(0);
    e.size = s.integer(1);
    e.mtimeMs = s.integer(2);
    e.md5 = s.text(3);
    e.state = fileStateFromName(s.text(4));
    e.datasetId = s.integer(5);
    e.datafileId = s.integer(6);
    e.replicaId = s.integer(7);
    e.stagingPath = s.blob(8);
    e.offset = s.integer(9);
    e.method = s.text(10);
    e.attempts = int(s.integer(11));
    e.error = s.text(12);
    return e;
}

} // namespace

Journal::Journal() = default;
Journal::~Journal() = default;

Result<std::unique_ptr<Journal>> Journal::open(const QString &file, const QString &serverUrl)
{
    auto db = SqliteDatabase::open(file, QStringLiteral("upload journal"), kSchema);
    if (!db)
        return db.error();
    std::unique_ptr<Journal> journal(new Journal);
    journal->m_db = std::move(db).value();
    journal->m_server = serverUrl;
    // Nothing is lost with it: what the server holds is asked for every
    // run, and a file's checksum is computed again.
    if (const QString note = journal->m_db->damageNote(); !note.isEmpty())
        journal->m_damageNote = note + QStringLiteral(" and rebuilt from the server's catalogue.");
    return journal;
}

QHash<QString, JournalEntry> Journal::loadAll() const
{
    QMutexLocker lock(&m_mutex);
    QHash<QString, JournalEntry> all;
    Statement s(*m_db, kSelectAll);
    s.bind(1, m_server);
    while (s.step()) {
        JournalEntry e = readEntry(s);
        all.insert(e.path, e);
    }
    return all;
}

Result<JournalEntry> Journal::entry(const QString &path) const
{
    QMutexLocker lock(&m_mutex);
    Statement s(*m_db, kSelectOne);
    s.bind(1, m_server);
    s.bind(2, path);
    if (s.step())
        return readEntry(s);
    return Error::permanent(QStringLiteral("%1 is not in the journal.").arg(path));
}

Status Journal::put(const JournalEntry &e)
{
    QMutexLocker lock(&m_mutex);
    return putLocked(e);
}

Status Journal::putAll(const QVector<JournalEntry> &entries)
{
    QMutexLocker lock(&m_mutex);
    return m_db->transaction([&]() -> Status {
        for (const JournalEntry &e : entries)
            if (Status s = putLocked(e); !s)
                return s;
        return {};
    });
}

void Journal::reportFailure(const Error &error, RunEventSink &events)
{
    qCWarning(lcSync) << error.message;
    if (!m_failureReported.exchange(true))
        events.message(error.message);
}

Status Journal::putLocked(const JournalEntry &e)
{
    Statement s(*m_db, "INSERT OR REPLACE INTO files (server, path, size, mtime_ms, md5, state, dataset_id, "
                       "datafile_id, replica_id, staging_path, offset, method, attempts, error, updated) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, datetime('now'))");
    s.bind(1, m_server);
    s.bind(2, e.path);
    s.bind(3, e.size);
    s.bind(4, e.mtimeMs);
    s.bind(5, e.md5);
    s.bind(6, fileStateName(e.state));
    s.bind(7, e.datasetId);
    s.bind(8, e.datafileId);
    s.bind(9, e.replicaId);
    s.bind(10, e.stagingPath);
    s.bind(11, e.offset);
    s.bind(12, e.method);
    s.bind(13, qint64(e.attempts));
    s.bind(14, e.error);
    if (!s.run())
        return m_db->failure(QStringLiteral("record %1").arg(e.path));
    return {};
}

QVector<JournalEntry> Journal::stagedUnregistered() const
{
    QMutexLocker lock(&m_mutex);
    QVector<JournalEntry> rows;
    Statement s(*m_db, kSelectStagedUnregistered);
    s.bind(1, m_server);
    while (s.step())
        rows.append(readEntry(s));
    return rows;
}

Status Journal::forgetStaged(const QString &path, const QByteArray &stagingPath)
{
    QMutexLocker lock(&m_mutex);
    Statement s(*m_db, "DELETE FROM files WHERE server = ?1 AND path = ?2 AND datafile_id = 0 AND staging_path = ?3");
    s.bind(1, m_server);
    s.bind(2, path);
    s.bind(3, stagingPath);
    if (!s.run())
        return m_db->failure(QStringLiteral("forget %1").arg(path));
    return {};
}

Status Journal::setState(const QString &path, FileState state, const QString &error)
{
    QMutexLocker lock(&m_mutex);
    Statement s(*m_db, "UPDATE files SET state = ?3, error = ?4, updated = datetime('now') "
                       "WHERE server = ?1 AND path = ?2");
    s.bind(1, m_server);
    s.bind(2, path);
    s.bind(3, fileStateName(state));
    s.bind(4, error);
    if (!s.run())
        return m_db->failure(QStringLiteral("update %1").arg(path));
    return {};
}

} // namespace tardigrade
