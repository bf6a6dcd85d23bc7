#include "SqliteDatabase.h"

#include "Log.h"
#include "WritableFolder.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

namespace tardigrade {

SqliteDatabase::~SqliteDatabase()
{
    for (sqlite3_stmt *stmt : std::as_const(m_statements))
        sqlite3_finalize(stmt);
    if (m_db)
        sqlite3_close(m_db);
}

namespace {

// What SQLite says of a file that is not (or no longer) a database.
bool isDamage(int code)
{
    code &= 0xff;
    return code == SQLITE_NOTADB || code == SQLITE_CORRUPT;
}

// Error::user: nothing else in the run can fix the folder.
Error readOnlyFolder(const QString &folder, const QString &what)
{
    return Error::user(QStringLiteral("The settings folder %1 is read-only, so the %2 cannot be written: make the "
                                      "folder writable, or use a settings file in a folder that is.")
                           .arg(QDir::toNativeSeparators(folder), what));
}

// The damaged file (and its write-ahead log) under a name of its own beside
// it; the shared-memory index is only a cache of the log and goes. Empty
// when it could not be moved.
QString moveAside(const QString &file)
{
    const QString stem =
        file + QStringLiteral(".damaged-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString aside = stem;
    for (int n = 2; QFile::exists(aside); ++n)
        aside = stem + QLatin1Char('-') + QString::number(n);
    if (!QFile::rename(file, aside))
        return {};
    if (QFile::exists(file + QStringLiteral("-wal")))
        QFile::rename(file + QStringLiteral("-wal"), aside + QStringLiteral("-wal"));
    QFile::remove(file + QStringLiteral("-shm"));
    return aside;
}

} // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const QString &file, const QString &what,
                                                             const char *schema)
{
    int code = SQLITE_OK;
    auto db = openChecked(file, what, schema, &code);
    if (db || !isDamage(code))
        return db;
    const QString why = db.error().message;
    const QString damage = QString::fromUtf8(sqlite3_errstr(code));
    const QString aside = moveAside(file);
    if (aside.isEmpty())
        return Error::user(QStringLiteral("The %1 %2 is damaged (%3) and cannot be moved aside: delete it, and it "
                                          "is made afresh.")
                               .arg(what, QDir::toNativeSeparators(file), QString::fromUtf8(sqlite3_errstr(code))));
    // The user hears of it once, from whoever opened the file; the log keeps SQLite's own words.
    qCInfo(lcSync).noquote() << why << "Moved to" << aside;
    auto fresh = openChecked(file, what, schema, &code);
    if (!fresh)
        return fresh;
    (*fresh)->m_damageNote = QStringLiteral("The %1 %2 was damaged (%3); it was moved to %4")
                                 .arg(what, QDir::toNativeSeparators(file), damage, QDir::toNativeSeparators(aside));
    return fresh;
}

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::openChecked(const QString &file, const QString &what,
                                                                    const char *schema, int *code)
{
    std::unique_ptr<SqliteDatabase> db(new SqliteDatabase);
    db->m_file = file;
    db->m_what = what;
    const QString folder = QFileInfo(file).absolutePath();
    const int rc = sqlite3_open_v2(QFile::encodeName(file).constData(), &db->m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    *code = rc;
    if (rc != SQLITE_OK) {
        if (QFileInfo(folder).isDir() && !folderAcceptsNewFiles(folder))
            return readOnlyFolder(folder, what);
        return Error::user(QStringLiteral("The %1 %2 could not be opened (%3); check the settings folder is writable.")
                               .arg(what, QDir::toNativeSeparators(file), QString::fromUtf8(sqlite3_errstr(rc))));
    }
    sqlite3_busy_timeout(db->m_db, 10000);
    const auto failed = [&](const Error &e) -> Error {
        *code = db->m_lastCode;
        if (!isDamage(*code) && ((QFileInfo(folder).isDir() && !folderAcceptsNewFiles(folder)) ||
                                 sqlite3_db_readonly(db->m_db, "main") == 1))
            return readOnlyFolder(folder, what);
        return e;
    };
    for (const char *sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"})
        if (Status s = db->exec(sql); !s)
            return failed(s.error());
    // Pages that a crash of the disk (not of this program: WAL covers that)
    // or a stray write spoilt; quick_check reads every page once, a few
    // milliseconds for a journal of 10,000 files.
    {
        Statement check(*db, "PRAGMA quick_check(1)");
        const bool answered = check.step();
        if (!answered || check.text(0) != QLatin1String("ok")) {
            db->m_lastCode = answered ? SQLITE_CORRUPT : sqlite3_extended_errcode(db->m_db);
            return failed(
                Error::internal(QStringLiteral("The %1 %2 failed its check (%3).")
                                    .arg(what, QDir::toNativeSeparators(file),
                                         answered ? check.text(0) : QString::fromUtf8(sqlite3_errmsg(db->m_db)))));
        }
    }
    if (schema)
        if (Status s = db->exec(schema); !s)
            return failed(s.error());
    if (sqlite3_db_readonly(db->m_db, "main") == 1)
        return readOnlyFolder(folder, what);
    return db;
}

Status SqliteDatabase::exec(const char *sql)
{
    char *message = nullptr;
    m_lastCode = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (m_lastCode == SQLITE_OK)
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
