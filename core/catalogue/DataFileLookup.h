#pragma once

#include "Records.h"
#include "scan/ScanTypes.h"
#include "util/Result.h"

#include <QHash>
#include <QString>
#include <QVector>

namespace tardigrade {

class DataFileLookupCache;
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
// records whose size matches the local file are remembered in the cache.
class DataFileLookup {
public:
    DataFileLookup(CatalogueReader &client, DataFileLookupCache *cache = nullptr);

    // Keyed by key(directory, name).
    Result<QHash<QString, RemoteFileStatus>> lookup(qint64 datasetId, const QVector<ScannedFile> &files);

    static QString key(const QString &directory, const QString &name);

private:
    CatalogueReader &m_client;
    DataFileLookupCache *m_cache;
};

} // namespace tardigrade
