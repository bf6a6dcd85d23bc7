#include "DataFileLookup.h"

#include "DataFileLookupCache.h"
#include "Catalogue.h"
#include "CatalogueThreads.h"
#include "util/Log.h"

#include <QSet>

namespace tardigrade {

DataFileLookup::DataFileLookup(CatalogueReader &client, DataFileLookupCache *cache)
    : m_client(client), m_cache(cache && cache->isOpen() ? cache : nullptr)
{
}

QString DataFileLookup::key(const QString &directory, const QString &name)
{
    return directory.isEmpty() ? name : directory + QLatin1Char('/') + name;
}

bool DataFileLookup::describesUnchanged(const DataFile &record, qint64 size, const QDateTime &mtime)
{
    // Within a millisecond: a server that keeps microseconds (MyData sent
    // them) answers them rounded, where the local time is cut to the ms.
    return record.size == size && record.modificationTime.isValid() && mtime.isValid() &&
           qAbs(record.modificationTime.toMSecsSinceEpoch() - mtime.toMSecsSinceEpoch()) <= 1;
}

void DataFileLookup::remember(const QVector<CachedLookup> &verified)
{
    if (!m_cache || verified.isEmpty())
        return;
    if (Status st = m_cache->rememberVerified(verified); !st)
        qCWarning(lcCatalogue) << st.error().message;
}

QHash<QString, DataFileLookupCache::Seen> DataFileLookup::cachedOf(qint64 datasetId, const QVector<ScannedFile> &files,
                                                                   QVector<const ScannedFile *> &unknown) const
{
    // One query for the dataset: a statement per file was most of a large
    // second run's time.
    const QHash<QString, DataFileLookupCache::Seen> cached =
        m_cache ? m_cache->verifiedOfDataset(datasetId) : QHash<QString, DataFileLookupCache::Seen>{};
    for (const ScannedFile &f : files) {
        const auto seen = cached.constFind(key(f.directory, f.name));
        if (seen == cached.constEnd() || !seen->describes(f.size, f.mtime))
            unknown.push_back(&f);
    }
    return cached;
}

void DataFileLookup::prefetch(const QVector<Upcoming> &upcoming, CatalogueReader &here, const CatalogueFactory &make,
                              const ClientConfig &config, int threads, const std::atomic_bool *cancel)
{
    // The datasets lookup() would list, each once: those with a file the
    // cache does not know as it is now.
    QVector<qint64> asks;
    QSet<qint64> asked;
    for (const Upcoming &u : upcoming) {
        if (u.datasetId <= 0 || asked.contains(u.datasetId) || m_listings.contains(u.datasetId))
            continue;
        QVector<const ScannedFile *> unknown;
        cachedOf(u.datasetId, *u.files, unknown);
        if (unknown.isEmpty())
            continue;
        asked.insert(u.datasetId);
        asks.append(u.datasetId);
    }
    QVector<std::optional<Result<QVector<DataFile>>>> listed(asks.size());
    forEachOnThreads(int(asks.size()), threads, here, make, config, cancel,
                     [&](int i, CatalogueReader &reader) { listed[i] = reader.dataFilesOfDataset(asks.at(i)); });
    for (int i = 0; i < asks.size(); ++i)
        if (listed.at(i) && *listed.at(i)) // not asked (cancelled) or failed: lookup() asks again
            m_listings.insert(asks.at(i), std::move(listed[i]->value()));
}

Result<QHash<QString, RemoteFileStatus>> DataFileLookup::lookup(qint64 datasetId, const QVector<ScannedFile> &files,
                                                                QVector<DataFile> *listingOut)
{
    if (listingOut)
        listingOut->clear();
    QHash<QString, RemoteFileStatus> out;
    out.reserve(files.size());
    QVector<const ScannedFile *> unknown;
    const QHash<QString, DataFileLookupCache::Seen> cached = cachedOf(datasetId, files, unknown);
    for (const ScannedFile &f : files) {
        RemoteFileStatus s;
        const auto seen = cached.constFind(key(f.directory, f.name));
        if (seen != cached.constEnd() && seen->describes(f.size, f.mtime)) {
            s.state = RemoteState::Verified;
            s.fromCache = true;
            s.record.id = seen->datafileId;
            s.record.filename = f.name;
            s.record.directory = f.directory;
            s.record.size = f.size;
        } // else Missing until the listing says otherwise
        out.insert(key(f.directory, f.name), s);
    }
    if (unknown.isEmpty() || datasetId <= 0)
        return out;

    const auto prefetched = m_listings.find(datasetId);
    Result<QVector<DataFile>> listing = QVector<DataFile>();
    if (prefetched != m_listings.end()) {
        listing = std::move(*prefetched);
        m_listings.erase(prefetched);
    } else {
        listing = m_client.dataFilesOfDataset(datasetId);
    }
    if (!listing)
        return listing.error();
    QHash<QString, const DataFile *> byPath;
    byPath.reserve(listing->size());
    for (const DataFile &d : *listing)
        byPath.insert(key(d.directory, d.filename), &d);

    QVector<CachedLookup> verified;
    for (const ScannedFile *f : unknown) {
        const QString k = key(f->directory, f->name);
        const DataFile *d = byPath.value(k);
        if (!d)
            continue;
        RemoteFileStatus &s = out[k];
        s.record = *d;
        s.state = d->isVerified() ? RemoteState::Verified : RemoteState::Unverified;
        if (s.state == RemoteState::Verified && describesUnchanged(*d, f->size, f->mtime))
            verified.push_back({datasetId, f->directory, f->name, d->id, f->size, f->mtime});
    }
    remember(verified);
    if (listingOut)
        *listingOut = std::move(*listing);
    return out;
}

} // namespace tardigrade
