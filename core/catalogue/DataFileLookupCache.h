#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QVector>
#include <memory>
#include <optional>

namespace tardigrade {

class SqliteDatabase;

// What is remembered of one file the server confirmed as verified.
struct CachedLookup {
    qint64 datasetId = 0;
    QString directory;
    QString filename;
    qint64 datafileId = 0;
    qint64 size = 0; // of the local file when it was seen verified
    QDateTime mtime; // of the local file when it was seen verified
};

// Remembers verified datafile lookups across runs (cache_datafile_lookups),
// in SQLite at the installation's StateFile::LookupCache, keyed by
// (server URL, dataset id, directory, filename). A hit needs the local
// file's size and mtime to be unchanged; only VERIFIED results are stored.
// One object per thread (its own SQLite connection).
class DataFileLookupCache {
public:
    DataFileLookupCache(QString dbPath, QString serverUrl);
    ~DataFileLookupCache();
    DataFileLookupCache(const DataFileLookupCache &) = delete;
    DataFileLookupCache &operator=(const DataFileLookupCache &) = delete;

    Status open();
    bool isOpen() const { return m_open; }
    // When open() found the file damaged: one sentence for the user (moved
    // aside, filled again). Empty otherwise.
    QString damageNote() const { return m_damageNote; }

    // The datafile id when the file was seen verified with this size and mtime.
    std::optional<qint64> verifiedId(qint64 datasetId, const QString &directory, const QString &filename,
                                     qint64 localSize, const QDateTime &localMtime) const;
    // What the cache knows of one file of a dataset.
    struct Seen {
        qint64 datafileId = 0;
        qint64 size = 0;
        qint64 mtimeMs = -1;
        // Seen verified as the local file is now (same size and mtime).
        bool describes(qint64 localSize, const QDateTime &localMtime) const;
    };
    // Every file of one dataset the cache knows, by "directory/filename"
    // (DataFileLookup::key): one query for the whole dataset, where
    // verifiedId() per file costs a statement each.
    QHash<QString, Seen> verifiedOfDataset(qint64 datasetId) const;
    // Store verified files (one transaction).
    Status rememberVerified(const QVector<CachedLookup> &entries);
    int count() const; // this server's entries
    // SELECTs run for look-ups (verifiedId, verifiedOfDataset): the cost a
    // test can count without timing.
    int lookupQueries() const { return m_lookupQueries; }

private:
    Status remember(const CachedLookup &entry);

    QString m_dbPath;
    QString m_serverUrl;
    std::unique_ptr<SqliteDatabase> m_db;
    QString m_damageNote;
    bool m_open = false;
    mutable int m_lookupQueries = 0;
};

} // namespace tardigrade
