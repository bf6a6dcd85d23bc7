#include "DataFileLookup.h"

#include "DataFileLookupCache.h"
#include "Catalogue.h"
#include "util/Log.h"

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

Result<QHash<QString, RemoteFileStatus>> DataFileLookup::lookup(qint64 datasetId, const QVector<ScannedFile> &files,
                                                                QVector<DataFile> *listingOut)
{
    if (listingOut)
        listingOut->clear();
    QHash<QString, RemoteFileStatus> out;
    out.reserve(files.size());
    QVector<const ScannedFile *> unknown;
    // One query for the dataset: a statement per file was most of a large
    // second run's time.
    const QHash<QString, DataFileLookupCache::Seen> cached =
        m_cache ? m_cache->verifiedOfDataset(datasetId) : QHash<QString, DataFileLookupCache::Seen>{};
    for (const ScannedFile &f : files) {
        RemoteFileStatus s;
        if (!cached.isEmpty()) {
            const auto seen = cached.constFind(key(f.directory, f.name));
            if (seen != cached.constEnd() && seen->describes(f.size, f.mtime)) {
                s.state = RemoteState::Verified;
                s.fromCache = true;
                s.record.id = seen->datafileId;
                s.record.filename = f.name;
                s.record.directory = f.directory;
                s.record.size = f.size;
                out.insert(key(f.directory, f.name), s);
                continue;
            }
        }
        unknown.push_back(&f);
        out.insert(key(f.directory, f.name), s); // Missing until the listing says otherwise
    }
    if (unknown.isEmpty() || datasetId <= 0)
        return out;

    auto listing = m_client.dataFilesOfDataset(datasetId);
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
