#pragma once

#include "Catalogue.h"
#include "DataFileLookupCache.h"
#include "Records.h"
#include "scan/ScanTypes.h"
#include "util/Result.h"

#include <QHash>
#include <QString>
#include <QVector>
#include <atomic>

namespace tardigrade {

class CatalogueReader;

enum class RemoteState { Missing, Verified, Unverified };

// What the server has of one local file.
struct RemoteFileStatus {
    RemoteState state = RemoteState::Missing;
    DataFile record;        // the server's record (id only when it came from the cache)
    bool fromCache = false; // verified per the lookup cache, nothing asked
};

// Decides what the server has of a dataset's files (section 10) with as few
// requests as possible: files the lookup cache knows as verified (same size
// and mtime) cost nothing; if any file remains, ONE paged listing of the
// dataset (limit=0, following next) answers for all of them. Verified
// records that describe the local file as it is now (same size and
// modification time) are remembered in the cache; a verified record of a
// file rewritten since is the caller's to check (its MD5), and only then to
// remember().
class DataFileLookup {
public:
    DataFileLookup(CatalogueReader &client, DataFileLookupCache *cache = nullptr);

    // Keyed by key(directory, name). `listing`, when given, receives every
    // record of the dataset's listing (empty when none was needed): the
    // names taken on the server, for versioned names.
    Result<QHash<QString, RemoteFileStatus>> lookup(qint64 datasetId, const QVector<ScannedFile> &files,
                                                    QVector<DataFile> *listing = nullptr);
    // One dataset lookup() will be asked for, with its scanned files.
    struct Upcoming {
        qint64 datasetId = 0;
        const QVector<ScannedFile> *files = nullptr;
    };
    // Lists, on up to `threads` threads at once (this one with `here`, the
    // others each with a catalogue from `make`), the datasets whose files the
    // cache does not answer for, each once, and keeps the listings for
    // lookup(): many datasets wait for about N / threads round trips, not N.
    // A listing that fails here is simply asked again by lookup(), which
    // reports it. Only the calling thread touches the cache.
    void prefetch(const QVector<Upcoming> &upcoming, CatalogueReader &here, const CatalogueFactory &make,
                  const ClientConfig &config, int threads, const std::atomic_bool *cancel = nullptr);

    // Remembers files the caller found verified by content (no-op without a cache).
    void remember(const QVector<CachedLookup> &verified);

    static QString key(const QString &directory, const QString &name);
    // The record was made from this very file: same size and the same
    // modification time (to a millisecond) as the client sent at upload.
    // A file rewritten in place with the same size fails this.
    static bool describesUnchanged(const DataFile &record, qint64 size, const QDateTime &mtime);

private:
    // The cache's verified files of the dataset, and which of `files` it does not answer for.
    QHash<QString, DataFileLookupCache::Seen> cachedOf(qint64 datasetId, const QVector<ScannedFile> &files,
                                                       QVector<const ScannedFile *> &unknown) const;

    CatalogueReader &m_client;
    QHash<qint64, QVector<DataFile>> m_listings; // by prefetch(), each taken by lookup() once
    DataFileLookupCache *m_cache;
};

} // namespace tardigrade
