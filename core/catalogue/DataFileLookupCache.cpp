#include "DataFileLookupCache.h"

#include "util/Log.h"
#include "util/SqliteDatabase.h"

namespace tardigrade {

namespace {
qint64 mtimeKey(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : -1;
}
} // namespace

DataFileLookupCache::DataFileLookupCache(QString dbPath, QString serverUrl)
    : m_dbPath(std::move(dbPath)), m_serverUrl(std::move(serverUrl))
{
    while (m_serverUrl.endsWith(QLatin1Char('/')))
        m_serverUrl.chop(1);
}

DataFileLookupCache::~DataFileLookupCache() = default;

Status DataFileLookupCache::open()
{
    auto db = SqliteDatabase::open(m_dbPath, QStringLiteral("lookup cache"),
                                   "CREATE TABLE IF NOT EXISTS lookups ("
                                   " server TEXT NOT NULL, dataset_id INTEGER NOT NULL, directory TEXT NOT NULL,"
                                   " filename TEXT NOT NULL, datafile_id INTEGER NOT NULL, size INTEGER NOT NULL,"
                                   " mtime_ms INTEGER NOT NULL,"
                                   " PRIMARY KEY (server, dataset_id, directory, filename))");
    if (!db)
        return Error::permanent(db.error().message.chopped(1) +
                                QStringLiteral(", or set cache_datafile_lookups to False."));
    m_db = std::move(db).value();
    if (const QString note = m_db->damageNote(); !note.isEmpty())
        m_damageNote = note + QStringLiteral(" and is filled again from the server's catalogue.");
    // Version 2: entries are only made for files whose content the server's
    // record describes. Older ones may hold a file rewritten in place with
    // the same size as verified: forget them (one listing per dataset, once).
    qint64 version = 0;
    {
        SqliteDatabase::Statement q(*m_db, "PRAGMA user_version");
        version = q.step() ? q.integer(0) : 0;
    }
    if (version < 2)
        if (Status s = m_db->exec("DELETE FROM lookups; PRAGMA user_version = 2"); !s)
            qCWarning(lcCatalogue) << s.error().message;
    m_open = true;
    return {};
}

std::optional<qint64> DataFileLookupCache::verifiedId(qint64 datasetId, const QString &directory,
                                                      const QString &filename, qint64 localSize,
                                                      const QDateTime &localMtime) const
{
    if (!m_open)
        return std::nullopt;
    SqliteDatabase::Statement q(*m_db, "SELECT datafile_id, size, mtime_ms FROM lookups"
                                       " WHERE server = ?1 AND dataset_id = ?2 AND directory = ?3 AND filename = ?4");
    q.bind(1, m_serverUrl);
    q.bind(2, datasetId);
    q.bind(3, directory);
    q.bind(4, filename);
    ++m_lookupQueries;
    if (!q.step())
        return std::nullopt;
    // A file changed since it was seen verified must be looked up again.
    if (q.integer(1) != localSize || q.integer(2) != mtimeKey(localMtime))
        return std::nullopt;
    return q.integer(0);
}

bool DataFileLookupCache::Seen::describes(qint64 localSize, const QDateTime &localMtime) const
{
    // A file changed since it was seen verified must be looked up again.
    return size == localSize && mtimeMs == mtimeKey(localMtime);
}

QHash<QString, DataFileLookupCache::Seen> DataFileLookupCache::verifiedOfDataset(qint64 datasetId) const
{
    QHash<QString, Seen> out;
    if (!m_open)
        return out;
    SqliteDatabase::Statement q(*m_db, "SELECT directory, filename, datafile_id, size, mtime_ms FROM lookups"
                                       " WHERE server = ?1 AND dataset_id = ?2");
    q.bind(1, m_serverUrl);
    q.bind(2, datasetId);
    ++m_lookupQueries;
    while (q.step()) {
        const QString directory = q.text(0);
        const QString filename = q.text(1);
        out.insert(directory.isEmpty() ? filename : directory + QLatin1Char('/') + filename,
                   Seen{q.integer(2), q.integer(3), q.integer(4)});
    }
    return out;
}

Status DataFileLookupCache::rememberVerified(const QVector<CachedLookup> &entries)
{
    if (!m_open || entries.isEmpty())
        return {};
    return m_db->transaction([&]() -> Status {
        for (const CachedLookup &e : entries)
            if (Status s = remember(e); !s)
                return s;
        return {};
    });
}

Status DataFileLookupCache::remember(const CachedLookup &e)
{
    SqliteDatabase::Statement q(*m_db, "INSERT OR REPLACE INTO lookups (server, dataset_id, directory, filename, "
                                       "datafile_id, size, mtime_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    q.bind(1, m_serverUrl);
    q.bind(2, e.datasetId);
    q.bind(3, e.directory);
    q.bind(4, e.filename);
    q.bind(5, e.datafileId);
    q.bind(6, e.size);
    q.bind(7, mtimeKey(e.mtime));
    if (!q.run())
        return m_db->failure(QStringLiteral("remember %1").arg(e.filename));
    return {};
}

int DataFileLookupCache::count() const
{
    if (!m_open)
        return 0;
    SqliteDatabase::Statement q(*m_db, "SELECT COUNT(*) FROM lookups WHERE server = ?1");
    q.bind(1, m_serverUrl);
    return q.step() ? int(q.integer(0)) : 0;
}

} // namespace tardigrade
