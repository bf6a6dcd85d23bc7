#include "CatalogueDb.h"

#include <QSqlError>
#include <QSqlRecord>
#include <QUuid>
#include <cstdio>

namespace tardigrade::standin {

namespace {
// Tables follow MyTardis's models closely enough for the REST shapes; the
// mydata experiment parameter set is flattened into three columns.
const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS config (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS groups (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE NOT NULL)",
    "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT UNIQUE NOT NULL,"
    " first_name TEXT NOT NULL DEFAULT '', last_name TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE IF NOT EXISTS user_groups (user_id INTEGER NOT NULL, group_id INTEGER NOT NULL,"
    " PRIMARY KEY (user_id, group_id))",
    "CREATE TABLE IF NOT EXISTS api_keys (user_id INTEGER NOT NULL, key TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS renamed_users (old_username TEXT PRIMARY KEY, user_id INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS facilities (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,"
    " manager_group_id INTEGER NOT NULL, created_time TEXT, modified_time TEXT)",
    "CREATE TABLE IF NOT EXISTS instruments (id INTEGER PRIMARY KEY AUTOINCREMENT, facility_id INTEGER NOT NULL,"
    " name TEXT NOT NULL, created_time TEXT, modified_time TEXT)",
    "CREATE TABLE IF NOT EXISTS experiments (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL,"
    " description TEXT NOT NULL DEFAULT '', immutable INTEGER NOT NULL DEFAULT 0, created_by INTEGER,"
    " created_time TEXT, update_time TEXT, has_mydata_params INTEGER NOT NULL DEFAULT 0,"
    " uploader TEXT, user_folder_name TEXT, group_folder_name TEXT)",
    "CREATE TABLE IF NOT EXISTS objectacls (id INTEGER PRIMARY KEY AUTOINCREMENT, experiment_id INTEGER NOT NULL,"
    " plugin_id TEXT NOT NULL, entity_id TEXT NOT NULL, is_owner INTEGER NOT NULL DEFAULT 0,"
    " can_read INTEGER NOT NULL DEFAULT 1, can_write INTEGER NOT NULL DEFAULT 0,"
    " can_delete INTEGER NOT NULL DEFAULT 0, acl_ownership_type INTEGER NOT NULL DEFAULT 1)",
    "CREATE TABLE IF NOT EXISTS datasets (id INTEGER PRIMARY KEY AUTOINCREMENT, description TEXT NOT NULL,"
    " instrument_id INTEGER, immutable INTEGER NOT NULL DEFAULT 0, created_time TEXT, modified_time TEXT)",
    "CREATE TABLE IF NOT EXISTS dataset_experiments (dataset_id INTEGER NOT NULL, experiment_id INTEGER NOT NULL,"
    " PRIMARY KEY (dataset_id, experiment_id))",
    "CREATE TABLE IF NOT EXISTS datafiles (id INTEGER PRIMARY KEY AUTOINCREMENT, dataset_id INTEGER NOT NULL,"
    " directory TEXT NOT NULL DEFAULT '', filename TEXT NOT NULL, size INTEGER NOT NULL DEFAULT 0,"
    " md5sum TEXT NOT NULL DEFAULT '', mimetype TEXT NOT NULL DEFAULT '', created_time TEXT,"
    " modification_time TEXT, version INTEGER NOT NULL DEFAULT 1,"
    " UNIQUE (dataset_id, directory, filename, version))",
    "CREATE TABLE IF NOT EXISTS replicas (id INTEGER PRIMARY KEY AUTOINCREMENT, datafile_id INTEGER NOT NULL,"
    " uri TEXT NOT NULL, location TEXT NOT NULL, verified INTEGER NOT NULL DEFAULT 0,"
    " last_verified_time TEXT, created_time TEXT)",
    "CREATE TABLE IF NOT EXISTS chunks (id INTEGER PRIMARY KEY AUTOINCREMENT, replica_id INTEGER NOT NULL,"
    " offset INTEGER NOT NULL, size INTEGER NOT NULL, path TEXT NOT NULL, UNIQUE (replica_id, offset))",
    "CREATE TABLE IF NOT EXISTS uploaders (id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT UNIQUE NOT NULL,"
    " name TEXT NOT NULL DEFAULT '', fields TEXT NOT NULL DEFAULT '{}', created_time TEXT, updated_time TEXT,"
    " settings_updated TEXT, settings_downloaded TEXT)",
    "CREATE TABLE IF NOT EXISTS uploader_settings (uploader_id INTEGER NOT NULL, key TEXT NOT NULL,"
    " value TEXT NOT NULL DEFAULT '', PRIMARY KEY (uploader_id, key))",
    "CREATE TABLE IF NOT EXISTS uploader_instruments (uploader_id INTEGER NOT NULL, instrument_id INTEGER NOT NULL,"
    " PRIMARY KEY (uploader_id, instrument_id))",
    "CREATE TABLE IF NOT EXISTS registration_requests (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " uploader_id INTEGER NOT NULL, name TEXT NOT NULL DEFAULT '', requester_name TEXT NOT NULL DEFAULT '',"
    " requester_email TEXT NOT NULL DEFAULT '', requester_public_key TEXT NOT NULL DEFAULT '',"
    " requester_key_fingerprint TEXT NOT NULL DEFAULT '', request_time TEXT, approved INTEGER NOT NULL DEFAULT 0,"
    " approval_time TEXT, scp_username TEXT, scp_hostname TEXT, scp_port TEXT, location TEXT)",
    // Every registration and verification looks up a file's replicas and a
    // dataset's experiments; without these each was a scan of the whole table,
    // so a run of 10,000 files cost the stand-in time growing with the square.
    "CREATE INDEX IF NOT EXISTS replicas_by_datafile ON replicas (datafile_id)",
    "CREATE INDEX IF NOT EXISTS dataset_experiments_by_experiment ON dataset_experiments (experiment_id)",
    "CREATE INDEX IF NOT EXISTS objectacls_by_experiment ON objectacls (experiment_id)",
    "CREATE INDEX IF NOT EXISTS datasets_by_description ON datasets (description)",
};
} // namespace

CatalogueDb::~CatalogueDb()
{
    if (m_db.isValid()) {
        m_statements.clear();
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool CatalogueDb::open(const QString &path, QString *error)
{
    m_connectionName = QStringLiteral("standin-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    // Another process (approve/dump) may hold the lock for a moment.
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open()) {
        if (error)
            *error = QStringLiteral("Cannot open the catalogue %1: %2").arg(path, m_db.lastError().text());
        return false;
    }
    exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    // No fsync at all: a killed stand-in loses nothing (its writes are in
    // the kernel, and the next open replays the WAL), and tests never power
    // the machine off. Checkpoint fsyncs stalled its only thread.
    exec(QStringLiteral("PRAGMA synchronous=OFF"));
    exec(QStringLiteral("PRAGMA temp_store=MEMORY"));
    createSchema();
    return true;
}

void CatalogueDb::createSchema()
{
    for (const char *statement : kSchema)
        exec(QString::fromLatin1(statement));
}

bool CatalogueDb::prepare(QSqlQuery &q, const QString &sql)
{
    if (q.prepare(sql))
        return true;
    std::fprintf(stderr, "standin: SQL prepare failed: %s\n  %s\n", qPrintable(q.lastError().text()), qPrintable(sql));
    return false;
}

QSqlQuery CatalogueDb::exec(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(m_db);
    if (prepare(q, sql))
        bindAndRun(q, sql, binds);
    return q;
}

QSqlQuery *CatalogueDb::cached(const QString &sql, const QVariantList &binds)
{
    // Only scalar() and insert() use these: they read the answer and reset
    // the statement before returning, so no caller ever holds one. Parsing
    // the SQL again for every request was most of the stand-in's CPU.
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(m_db);
        // Every user reads its rows once, in order: Qt need not keep a copy.
        q.setForwardOnly(true);
        if (!prepare(q, sql))
            return nullptr;
        it = m_statements.emplace(sql, std::move(q));
    }
    bindAndRun(*it, sql, binds);
    return &*it;
}

void CatalogueDb::bindAndRun(QSqlQuery &q, const QString &sql, const QVariantList &binds)
{
    // By position, so that a statement run again replaces its values
    // rather than adding to them.
    for (int i = 0; i < binds.size(); ++i) {
        const QVariant &b = binds.at(i);
        // A missing JSON field arrives as a null QString, which Qt's SQLite
        // driver would store as NULL: text is never NULL here, only an
        // explicitly invalid QVariant is.
        if (b.typeId() == QMetaType::QString && b.toString().isNull())
            q.bindValue(i, QStringLiteral(""));
        else
            q.bindValue(i, b);
    }
    if (!q.exec()) {
        std::fprintf(stderr, "standin: SQL failed: %s\n  %s\n", qPrintable(q.lastError().text()), qPrintable(sql));
    }
}

qint64 CatalogueDb::insert(const QString &sql, const QVariantList &binds)
{
    QSqlQuery *q = cached(sql, binds);
    if (!q || !q->isActive())
        return 0;
    const qint64 id = q->lastInsertId().toLongLong();
    q->finish();
    return id;
}

QVariant CatalogueDb::scalar(const QString &sql, const QVariantList &binds)
{
    QSqlQuery *q = cached(sql, binds);
    QVariant v;
    if (q && q->isActive() && q->next())
        v = q->value(0);
    if (q)
        q->finish(); // ends the read, so other processes may write
    return v;
}

bool CatalogueDb::run(const QString &sql, const QVariantList &binds)
{
    QSqlQuery *q = cached(sql, binds);
    const bool ok = q && q->isActive();
    if (q)
        q->finish();
    return ok;
}

QVariantList CatalogueDb::row(const QString &sql, const QVariantList &binds)
{
    QSqlQuery *q = cached(sql, binds);
    QVariantList values;
    if (q && q->isActive() && q->next()) {
        const int n = q->record().count();
        values.reserve(n);
        for (int i = 0; i < n; ++i)
            values << q->value(i);
    }
    if (q)
        q->finish();
    return values;
}

QVariantList CatalogueDb::column(const QString &sql, const QVariantList &binds)
{
    QSqlQuery *q = cached(sql, binds);
    QVariantList values;
    while (q && q->isActive() && q->next())
        values << q->value(0);
    if (q)
        q->finish();
    return values;
}

QVariantList CatalogueDb::rows(const QString &sql, const QVariantList &binds)
{
    QSqlQuery *q = cached(sql, binds);
    QVariantList values;
    if (q && q->isActive()) {
        const int n = q->record().count();
        while (q->next())
            for (int i = 0; i < n; ++i)
                values << q->value(i);
    }
    if (q)
        q->finish();
    return values;
}

CatalogueDb::Transaction::Transaction(CatalogueDb &db, Kind kind) : m_db(db)
{
    if (m_db.m_inTransaction)
        return;
    // IMMEDIATE takes the write lock now, waiting (busy timeout) for another
    // process's write to end. A deferred BEGIN that reads first and writes
    // later would instead fail at once if that process wrote in between; a
    // request that only reads takes no write lock.
    QSqlQuery *q = m_db.cached(kind == Write ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"), {});
    m_began = q && q->isActive();
    if (q)
        q->finish();
    m_db.m_inTransaction = m_began;
}

CatalogueDb::Transaction::~Transaction()
{
    if (!m_began)
        return;
    QSqlQuery *q = m_db.cached(QStringLiteral("COMMIT"), {});
    const bool committed = q && q->isActive();
    if (q)
        q->finish();
    if (!committed) {
        // bindAndRun said why on stderr; an open transaction would hold the
        // write lock for good.
        std::fprintf(stderr, "standin: COMMIT failed: the request's writes are rolled back\n");
        QSqlQuery *r = m_db.cached(QStringLiteral("ROLLBACK"), {});
        if (r)
            r->finish();
    }
    m_db.m_inTransaction = false;
}

QString CatalogueDb::config(const QString &key, const QString &fallback)
{
    QVariant v = scalar(QStringLiteral("SELECT value FROM config WHERE key = ?"), {key});
    return v.isValid() ? v.toString() : fallback;
}

void CatalogueDb::setConfig(const QString &key, const QString &value)
{
    exec(QStringLiteral("INSERT OR REPLACE INTO config (key, value) VALUES (?, ?)"), {key, value});
}

bool CatalogueDb::isEmpty()
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM users")).toLongLong() == 0;
}

} // namespace tardigrade::standin
