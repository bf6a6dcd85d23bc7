#include "Journal.h"

#include "RunEventSink.h"
#include "util/Log.h"

#include <QFile>

#include <sqlite3.h>

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

// A prepared statement, compiled once per journal and reused: preparing
// the SQL for every call cost more than running it (profiled in scripts/bench
// e2e). Leaving the scope resets it for the next use.
class Statement {
public:
    Statement(sqlite3 *db, QHash<QByteArray, sqlite3_stmt *> &cache, const char *sql)
    {
        const QByteArray key(sql);
        m_stmt = cache.value(key);
        if (!m_stmt && sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) == SQLITE_OK)
            cache.insert(key, m_stmt);
    }
    ~Statement()
    {
        if (m_stmt) {
            sqlite3_reset(m_stmt);
            sqlite3_clear_bindings(m_stmt);
        }
    }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool ok() const { return m_stmt != nullptr; }
    void bind(int i, const QString &s)
    {
        const QByteArray utf8 = s.toUtf8();
        sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    void bind(int i, const QByteArray &b) { sqlite3_bind_blob(m_stmt, i, b.constData(), int(b.size()), SQLITE_TRANSIENT); }
    void bind(int i, qint64 v) { sqlite3_bind_int64(m_stmt, i, v); }
    int step() { return sqlite3_step(m_stmt); }
    QString text(int col) const
    {
        return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col)),
                                 sqlite3_column_bytes(m_stmt, col));
    }
    QByteArray blob(int col) const
    {
        return QByteArray(static_cast<const char *>(sqlite3_column_blob(m_stmt, col)), sqlite3_column_bytes(m_stmt, col));
    }
    qint64 integer(int col) const { return sqlite3_column_int64(m_stmt, col); }

private:
    sqlite3_stmt *m_stmt = nullptr;
};

const char *kSelectColumns = "SELECT path, size, mtime_ms, md5, state, dataset_id, datafile_id, replica_id, "
                             "staging_path, offset, method, attempts, error FROM files WHERE server = ?1";

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

Error sqliteError(sqlite3 *db, const QString &what)
{
    return Error::internal(QStringLiteral("The upload journal could not %1 (%2); check the disk has space and the "
                                          "settings folder is writable.")
                               .arg(what, QString::fromUtf8(sqlite3_errmsg(db))));
}

} // namespace

Journal::~Journal()
{
    for (sqlite3_stmt *stmt : std::as_const(m_statements))
        sqlite3_finalize(stmt);
    if (m_db)
        sqlite3_close(m_db);
}

Result<std::unique_ptr<Journal>> Journal::open(const QString &file, const QString &serverUrl)
{
    std::unique_ptr<Journal> journal(new Journal);
    journal->m_server = serverUrl;
    const int rc = sqlite3_open_v2(QFile::encodeName(file).constData(), &journal->m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK)
        return Error::user(QStringLiteral("The upload journal %1 could not be opened (%2); check the settings folder is "
                                          "writable.")
                               .arg(file, QString::fromUtf8(sqlite3_errstr(rc))));
    sqlite3_busy_timeout(journal->m_db, 10000);
    // WAL survives a kill -9 at any point; NORMAL sync loses at most the last
    // commits on power failure, which the server listing recovers anyway.
    for (const char *sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", kSchema}) {
        Status s = journal->exec(sql);
        if (!s)
            return s.error();
    }
    return journal;
}

Status Journal::exec(const char *sql) const
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message ? message : "unknown error");
        sqlite3_free(message);
        return Error::internal(QStringLiteral("The upload journal failed (%1); check the disk has space.").arg(text));
    }
    return {};
}

QHash<QString, JournalEntry> Journal::loadAll() const
{
    QMutexLocker lock(&m_mutex);
    QHash<QString, JournalEntry> all;
    Statement s(m_db, m_statements, kSelectColumns);
    s.bind(1, m_server);
    while (s.step() == SQLITE_ROW) {
        JournalEntry e = readEntry(s);
        all.insert(e.path, e);
    }
    return all;
}

Result<JournalEntry> Journal::entry(const QString &path) const
{
    QMutexLocker lock(&m_mutex);
    const QByteArray sql = QByteArray(kSelectColumns) + " AND path = ?2";
    Statement s(m_db, m_statements, sql.constData());
    s.bind(1, m_server);
    s.bind(2, path);
    if (s.step() == SQLITE_ROW)
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
    if (Status s = exec("BEGIN IMMEDIATE"); !s)
        return s;
    for (const JournalEntry &e : entries) {
        if (Status s = putLocked(e); !s) {
            if (Status undone = exec("ROLLBACK"); !undone) // the first error is the one to tell
                qCWarning(lcSync) << undone.error().message;
            return s;
        }
    }
    return exec("COMMIT");
}

void Journal::reportFailure(const Error &error, RunEventSink &events)
{
    qCWarning(lcSync) << error.message;
    if (!m_failureReported.exchange(true))
        events.message(error.message);
}

Status Journal::putLocked(const JournalEntry &e)
{
    Statement s(m_db, m_statements, "INSERT OR REPLACE INTO files (server, path, size, mtime_ms, md5, state, dataset_id, "
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
    if (s.step() != SQLITE_DONE)
        return sqliteError(m_db, QStringLiteral("record %1").arg(e.path));
    return {};
}

Status Journal::setState(const QString &path, FileState state, const QString &error)
{
    QMutexLocker lock(&m_mutex);
    Statement s(m_db, m_statements, "UPDATE files SET state = ?3, error = ?4, updated = datetime('now') "
                      "WHERE server = ?1 AND path = ?2");
    s.bind(1, m_server);
    s.bind(2, path);
    s.bind(3, fileStateName(state));
    s.bind(4, error);
    if (s.step() != SQLITE_DONE)
        return sqliteError(m_db, QStringLiteral("update %1").arg(path));
    return {};
}

} // namespace tardigrade
