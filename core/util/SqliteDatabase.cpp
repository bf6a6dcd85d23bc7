#include "SqliteDatabase.h"

#include "Log.h"

#include <QDir>
#include <QFile>

#include <sqlite3.h>

namespace tardigrade {

SqliteDatabase::~SqliteDatabase()
{
    for (sqlite3_stmt *stmt : std::as_const(m_statements))
        sqlite3_finalize(stmt);
    if (m_db)
        sqlite3_close(m_db);
}

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const QString &file, const QString &what)
{
    std::unique_ptr<SqliteDatabase> db(new SqliteDatabase);
    db->m_file = file;
    db->m_what = what;
    const int rc = sqlite3_open_v2(QFile::encodeName(file).constData(), &db->m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK)
        return Error::user(QStringLiteral("The %1 %2 could not be opened (%3); check the settings folder is writable.")
                               .arg(what, QDir::toNativeSeparators(file), QString::fromUtf8(sqlite3_errstr(rc))));
    sqlite3_busy_timeout(db->m_db, 10000);
    for (const char *sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"})
        if (Status s = db->exec(sql); !s)
            return s.error();
    return db;
}

Status SqliteDatabase::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return {};
    const QString text = QString::fromUtf8(message ? message : "unknown error");
    sqlite3_free(message);
    return Error::internal(QStringLiteral("The %1 %2 failed (%3); check the disk has space and the settings folder "
                                          "is writable.")
                               .arg(m_what, QDir::toNativeSeparators(m_file), text));
}

void SqliteDatabase::rollback()
{
    if (Status undone = exec("ROLLBACK"); !undone)
        qCWarning(lcSync) << undone.error().message;
}

Error SqliteDatabase::failure(const QString &doing) const
{
    return Error::internal(QStringLiteral("The %1 could not %2 (%3); check the disk has space and the settings "
                                          "folder is writable.")
                               .arg(m_what, doing, QString::fromUtf8(sqlite3_errmsg(m_db))));
}

SqliteDatabase::Statement::Statement(SqliteDatabase &db, const char *sql)
{
    const QByteArray key(sql);
    m_stmt = db.m_statements.value(key);
    if (!m_stmt && sqlite3_prepare_v3(db.m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) == SQLITE_OK)
        db.m_statements.insert(key, m_stmt);
}

SqliteDatabase::Statement::~Statement()
{
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

void SqliteDatabase::Statement::bind(int i, const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void SqliteDatabase::Statement::bind(int i, const QByteArray &b)
{
    sqlite3_bind_blob(m_stmt, i, b.constData(), int(b.size()), SQLITE_TRANSIENT);
}

void SqliteDatabase::Statement::bind(int i, qint64 v) { sqlite3_bind_int64(m_stmt, i, v); }

bool SqliteDatabase::Statement::step() { return m_stmt && sqlite3_step(m_stmt) == SQLITE_ROW; }

bool SqliteDatabase::Statement::run() { return m_stmt && sqlite3_step(m_stmt) == SQLITE_DONE; }

QString SqliteDatabase::Statement::text(int col) const
{
    return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col)),
                             sqlite3_column_bytes(m_stmt, col));
}

QByteArray SqliteDatabase::Statement::blob(int col) const
{
    return QByteArray(static_cast<const char *>(sqlite3_column_blob(m_stmt, col)), sqlite3_column_bytes(m_stmt, col));
}

qint64 SqliteDatabase::Statement::integer(int col) const { return sqlite3_column_int64(m_stmt, col); }

} // namespace tardigrade
