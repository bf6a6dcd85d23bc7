#include "DataFileLookupCache.h"

#include "util/Log.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace tardigrade {

namespace {
QString nextConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("tardigrade-lookups-%1").arg(counter.fetchAndAddRelaxed(1));
}

// Qt's SQLite driver binds a null QString as NULL: text keys are never NULL.
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

qint64 mtimeKey(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : -1;
}
} // namespace

DataFileLookupCache::DataFileLookupCache(QString dbPath, QString serverUrl)
    : m_dbPath(std::move(dbPath)), m_serverUrl(std::move(serverUrl)), m_connection(nextConnectionName())
{
    while (m_serverUrl.endsWith(QLatin1Char('/')))
        m_serverUrl.chop(1);
}

DataFileLookupCache::~DataFileLookupCache()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

Status DataFileLookupCache::open()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_dbPath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return Error::permanent(QStringLiteral("Cannot open the lookup cache %1 (%2); check that its folder is "
                                               "writable, or set cache_datafile_lookups to False.")
                                    .arg(m_dbPath, db.lastError().text()));
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS lookups ("
                               " server TEXT NOT NULL, dataset_id INTEGER NOT NULL, directory TEXT NOT NULL,"
                               " filename TEXT NOT NULL, datafile_id INTEGER NOT NULL, size INTEGER NOT NULL,"
                               " mtime_ms INTEGER NOT NULL,"
                               " PRIMARY KEY (server, dataset_id, directory, filename))")))
        return Error::permanent(
            QStringLiteral("Cannot prepare the lookup cache %1 (%2); delete the file to start afresh.")
                .arg(m_dbPath, q.lastError().text()));
    m_open = true;
    return {};
}

std::optional<qint64> DataFileLookupCache::verifiedId(qint64 datasetId, const QString &directory,
                                                      const QString &filename, qint64 localSize,
                                                      const QDateTime &localMtime) const
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT datafile_id, size, mtime_ms FROM lookups"
                             " WHERE server = ? AND dataset_id = ? AND directory = ? AND filename = ?"));
    q.addBindValue(m_serverUrl);
    q.addBindValue(datasetId);
    q.addBindValue(text(directory));
    q.addBindValue(text(filename));
    if (!q.exec() || !q.next())
        return std::nullopt;
    // A file changed since it was seen verified must be looked up again.
    if (q.value(1).toLongLong() != localSize || q.value(2).toLongLong() != mtimeKey(localMtime))
        return std::nullopt;
    return q.value(0).toLongLong();
}

Status DataFileLookupCache::rememberVerified(const QVector<CachedLookup> &entries)
{
    if (!m_open || entries.isEmpty())
        return {};
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO lookups (server, dataset_id, directory, filename, datafile_id, size, mtime_ms)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const CachedLookup &e : entries) {
        q.addBindValue(m_serverUrl);
        q.addBindValue(e.datasetId);
        q.addBindValue(text(e.directory));
        q.addBindValue(text(e.filename));
        q.addBindValue(e.datafileId);
        q.addBindValue(e.size);
        q.addBindValue(mtimeKey(e.mtime));
        if (!q.exec()) {
            db.rollback();
            return Error::permanent(
                QStringLiteral("Cannot write the lookup cache %1 (%2).").arg(m_dbPath, q.lastError().text()));
        }
    }
    if (!db.commit())
        return Error::permanent(
            QStringLiteral("Cannot write the lookup cache %1 (%2).").arg(m_dbPath, db.lastError().text()));
    return {};
}

Status DataFileLookupCache::forget(qint64 datasetId, const QString &directory, const QString &filename)
{
    if (!m_open)
        return {};
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(
        QStringLiteral("DELETE FROM lookups WHERE server = ? AND dataset_id = ? AND directory = ? AND filename = ?"));
    q.addBindValue(m_serverUrl);
    q.addBindValue(datasetId);
    q.addBindValue(text(directory));
    q.addBindValue(text(filename));
    if (!q.exec())
        return Error::permanent(
            QStringLiteral("Cannot write the lookup cache %1 (%2).").arg(m_dbPath, q.lastError().text()));
    return {};
}

Status DataFileLookupCache::clear()
{
    if (!m_open)
        return {};
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("DELETE FROM lookups WHERE server = ?"));
    q.addBindValue(m_serverUrl);
    if (!q.exec())
        return Error::permanent(
            QStringLiteral("Cannot write the lookup cache %1 (%2).").arg(m_dbPath, q.lastError().text()));
    return {};
}

int DataFileLookupCache::count() const
{
    if (!m_open)
        return 0;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM lookups WHERE server = ?"));
    q.addBindValue(m_serverUrl);
    if (!q.exec() || !q.next())
        return 0;
    return q.value(0).toInt();
}

} // namespace tardigrade
