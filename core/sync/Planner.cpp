#include "Planner.h"

#include "ContentCheck.h"
#include "Journal.h"
#include "UnreadableEntry.h"
#include "VersionedName.h"
#include "catalogue/DataFileLookup.h"
#include "catalogue/DataFileLookupCache.h"
#include "catalogue/ExperimentDatasetResolver.h"
#include "catalogue/Catalogue.h"
#include "catalogue/OwnerResolver.h"
#include "scan/ScanOptions.h"
#include "scan/Scanner.h"
#include "settings/ConfigPaths.h"
#include "transfer/SshConnection.h"
#include "util/Log.h"

#include <QScopeGuard>

namespace tardigrade {

namespace {

CatalogueAction actionOf(LookupAction a)
{
    switch (a) {
    case LookupAction::Found:
        return CatalogueAction::Reuse;
    case LookupAction::Created:
        return CatalogueAction::Create;
    case LookupAction::WouldCreate:
        return CatalogueAction::WouldCreate;
    }
    return CatalogueAction::Reuse;
}

PlannedFile plannedFrom(const ScannedFile &f)
{
    PlannedFile p;
    p.absolutePath = f.absolutePath;
    p.directory = f.directory;
    p.name = f.name;
    p.size = f.size;
    p.mtime = f.mtime;
    return p;
}

DatasetOrigin originOf(CatalogueAction a)
{
    switch (a) {
    case CatalogueAction::Reuse:
        return DatasetOrigin::Existing;
    case CatalogueAction::Create:
        return DatasetOrigin::Created;
    case CatalogueAction::WouldCreate:
        return DatasetOrigin::WouldCreate;
    case CatalogueAction::Skip:
        break;
    }
    return DatasetOrigin::Unknown;
}

LookupResult lookupResultOf(const RemoteFileStatus &status)
{
    switch (status.state) {
    case RemoteState::Verified:
        return status.fromCache ? LookupResult::VerifiedInCache : LookupResult::FoundVerified;
    case RemoteState::Unverified:
        return LookupResult::FoundUnverified;
    case RemoteState::Missing:
        break;
    }
    return LookupResult::NotFound;
}

} // namespace

DatasetEvent datasetEventOf(const PlannedDataset &ds, int verified)
{
    DatasetEvent e{ds.path, ds.ownerFolder, ds.experimentTitle, ds.datasetName, 0, verified, 0,
                   catalogueActionName(ds.datasetAction)};
    e.datasetId = ds.datasetId;
    e.origin = originOf(ds.datasetAction);
    for (const PlannedFile &f : ds.files) {
        if (f.decision == FileDecision::Skipped)
            continue;
        ++e.files;
        e.bytes += f.size;
    }
    return e;
}

Planner::Planner(RunEventSink &events, CatalogueReader &reader, CatalogueWriter &writer, const PreparedRun &prepared,
                 QString lockFile)
    : m_events(events), m_reader(reader), m_writer(writer), m_prepared(prepared), m_lockFile(std::move(lockFile))
{
}

Status Planner::plan(Plan &plan)
{
    const RunContext &context = m_prepared.context;
    m_events.stageReached(QStringLiteral("Scanning"));
    auto options = ScanOptions::fromSettings(m_prepared.settings);
    if (!options)
        return options.error();
    auto scan = Scanner(*options).scan(context.cancel);
    if (!scan)
        return scan.error();
    QHash<QString, QString> unreadableIn; // an unreadable entry's dataset, for its row in the Uploads tab
    for (const SkippedEntry &p : scan->problems) {
        if (p.unreadable != SkippedEntry::Unreadable::No)
            plan.unreadable << unreadableFailure(p);
        else
            plan.scanProblems << QStringLiteral("%1: %2").arg(p.path, p.reason);
    }

    m_events.stageReached(QStringLiteral("Looking up"));
    OwnerResolver owners(m_reader, OwnerResolverOptions{
                                     m_prepared.settings.boolValue(SettingKey::UploadInvalidUserFolders),
                                     m_prepared.account});
    ExperimentDatasetContext edc;
    edc.folderStructure = m_prepared.settings.folderStructure();
    edc.facility = m_prepared.facility;
    edc.instrument = m_prepared.instrument;
    edc.facilityAccount = m_prepared.account;
    edc.uploaderUuid = m_prepared.settings.uuid();
    edc.immutableDatasets = m_prepared.settings.boolValue(SettingKey::ImmutableDatasets);
    edc.lockFile = m_lockFile;
    edc.cancel = context.cancel;
    // A Test Run's recorder is no catalogue: what it would make, it records in order.
    edc.makeTogether = dynamic_cast<Catalogue *>(&m_writer) != nullptr;
    ExperimentDatasetResolver resolver(m_reader, m_writer, edc, *context.clock);

    std::thread prefetching = prefetchTargets(scan->datasets, owners, resolver);
    const auto joinPrefetching = qScopeGuard([&] {
        if (prefetching.joinable())
            prefetching.join();
    });
    std::unique_ptr<DataFileLookupCache> cache;
    if (m_prepared.settings.boolValue(SettingKey::CacheDatafileLookups)) {
        cache = std::make_unique<DataFileLookupCache>(
            ConfigPaths::stateFile(context.configFile, StateFile::LookupCache), context.client.url);
        if (Status s = cache->open(); !s) {
            qCWarning(lcSync) << s.error().message;
            cache.reset();
        } else if (!cache->damageNote().isEmpty()) {
            m_events.message(cache->damageNote());
        }
    }
    DataFileLookup lookup(m_reader, cache.get());
    const QHash<QString, JournalEntry> journal = context.journal ? context.journal->loadAll()
                                                                 : QHash<QString, JournalEntry>{};
    QVector<JournalEntry> journalVerified;
    QVector<JournalEntry> journalChanged; // conflicts and versions: their sums
    if (prefetching.joinable())
        prefetching.join(); // the resolver is this thread's again

    // First each dataset's owner, experiment and dataset, in order (what is
    // missing is made here, one at a time under the catalogue lock); then
    // each file's decision, in order, from listings asked several at once.
    QVector<PlannedDataset> resolved;
    resolved.reserve(scan->datasets.size());
    QVector<bool> ownerSkipped;
    ownerSkipped.reserve(scan->datasets.size());
    for (const ScannedDataset &ds : scan->datasets) {
        if (context.cancelled())
            return Error::cancelled();
        PlannedDataset pd;
        pd.path = ds.path;
        pd.ownerFolder = ds.owner;
        pd.ownerKind = ownerKindName(ds.ownerKind);
        pd.datasetName = ds.datasetName;
        for (const SkippedEntry &s : ds.skipped) {
            if (s.unreadable != SkippedEntry::Unreadable::No) {
                plan.unreadable << unreadableFailure(s);
                unreadableIn.insert(s.path, ds.datasetName);
            }
            PlannedFile f;
            f.absolutePath = s.path;
            f.name = s.path.section(QLatin1Char('/'), -1);
            f.directory = s.path.mid(ds.path.size() + 1).section(QLatin1Char('/'), 0, -2);
            f.decision = FileDecision::Skipped;
            f.reason = s.reason;
            pd.files.append(f);
        }

        auto owner = owners.resolve(ds);
        if (!owner)
            return owner.error();
        pd.ownerResolved = owner->resolvedName();
        pd.ownerNote = owner->reason;
        m_events.ownerResolved(OwnerEvent{ds.owner, pd.ownerKind, pd.ownerResolved,
                                           owner->user ? owner->user->fullName().trimmed() : QString(),
                                           owner->valid ? QStringLiteral("found") : owner->reason,
                                           owner->user ? owner->user->email : QString()});
        if (owner->skipped) {
            pd.experimentAction = CatalogueAction::Skip;
            pd.datasetAction = CatalogueAction::Skip;
            for (const ScannedFile &f : ds.files) {
                PlannedFile p = plannedFrom(f);
                p.decision = FileDecision::Skipped;
                p.reason = owner->reason;
                pd.files.append(p);
            }
            resolved.append(std::move(pd));
            ownerSkipped.append(true);
            continue;
        }

        auto target = resolver.resolve(ds, *owner);
        if (!target)
            return target.error();
        pd.experimentTitle = target->experimentTitle;
        pd.experimentAction = actionOf(target->experimentAction);
        pd.experimentId = target->experiment.id;
        pd.datasetAction = actionOf(target->datasetAction);
        pd.datasetId = target->dataset.id;
        pd.datasetUri = target->dataset.id ? target->dataset.uri() : QString();
        resolved.append(std::move(pd));
        ownerSkipped.append(false);
    }

    // The listings a window at a time: all of them at once would hold every
    // dataset's records in memory together.
    const int window = 4 * qMax(1, m_prepared.uploadThreads);
    int listedUpTo = 0;
    for (int i = 0; i < scan->datasets.size(); ++i) {
        if (context.cancelled())
            return Error::cancelled();
        if (i == listedUpTo) {
            listedUpTo = qMin(i + window, int(scan->datasets.size()));
            prefetchListings(scan->datasets, resolved, i, listedUpTo, lookup);
        }
        const ScannedDataset &ds = scan->datasets.at(i);
        PlannedDataset &pd = resolved[i];
        if (ownerSkipped.at(i)) {
            plan.datasets.append(std::move(pd));
            continue;
        }
        QHash<QString, RemoteFileStatus> remote;
        DatasetNames names;
        // A dataset made by this run holds nothing of ours yet: not listed.
        if (pd.datasetId > 0 && pd.datasetAction == CatalogueAction::Reuse) {
            auto found = lookup.lookup(pd.datasetId, ds.files, &names.listing);
            if (!found)
                return found.error();
            remote = *found;
        }
        names.index(ds);
        QVector<CachedLookup> contentVerified;
        int verified = 0;
        QVector<LookupEvent> lookedUp;
        lookedUp.reserve(ds.files.size());
        // A dataset made by this run (or that a Test Run would make) has none
        // of the files yet: that is the whole answer.
        const QString newDataset = pd.datasetAction == CatalogueAction::Reuse
                                       ? QString()
                                       : QStringLiteral("its dataset is new in this run");
        for (const ScannedFile &f : ds.files) {
            PlannedFile p = plannedFrom(f);
            const RemoteFileStatus status = remote.value(DataFileLookup::key(f.directory, f.name));
            const JournalEntry known = journal.value(f.absolutePath);
            const bool journalSameFile = known.size == f.size && known.mtimeMs == f.mtime.toMSecsSinceEpoch();
            if (journalSameFile)
                p.md5 = known.md5;
            switch (status.state) {
            case RemoteState::Missing:
                p.decision = FileDecision::Upload;
                break;
            case RemoteState::Verified:
                p.datafileId = status.record.id;
                // The record describes this very file (or the cache saw it
                // verified as it is now): nothing to read.
                if (status.fromCache || DataFileLookup::describesUnchanged(status.record, f.size, f.mtime)) {
                    markVerified(f, p, known, pd.datasetId, journalVerified);
                    ++verified;
                    break;
                }
                if (Status decided = decideChanged(f, status.record, known, pd, names, p); !decided)
                    return decided;
                if (p.decision == FileDecision::AlreadyVerified) {
                    markVerified(f, p, known, pd.datasetId, journalVerified);
                    contentVerified.append({pd.datasetId, f.directory, f.name, p.datafileId, f.size, f.mtime});
                    ++verified;
                } else if (context.journal && p.decision != FileDecision::Skipped) {
                    journalChanged.append(changedEntry(f, p, pd.datasetId));
                }
                break;
            case RemoteState::Unverified:
                if (Status decided = decideUnverified(f, status.record, known, p); !decided)
                    return decided;
                break;
            }
            const LookupResult result = lookupResultOf(status);
            lookedUp.append({f.absolutePath, pd.datasetName, f.size, result,
                             result == LookupResult::NotFound && !newDataset.isEmpty() ? newDataset : p.reason});
            pd.files.append(p);
        }
        lookup.remember(contentVerified);
        m_events.datasetChanged(datasetEventOf(pd, verified));
        plan.datasets.append(std::move(pd));
        if (!lookedUp.isEmpty())
            m_events.filesLookedUp(lookedUp);
    }
    journalVerified += journalChanged;
    if (context.journal && !journalVerified.isEmpty())
        if (Status s = context.journal->putAll(journalVerified); !s)
            context.journal->reportFailure(s.error(), m_events);
    // The Uploads tab lists each conflict with both checksums (a Test Run
    // reports them instead); after the journal, so it matches what is on disk.
    if (context.journal)
        for (const PlannedDataset &d : std::as_const(plan.datasets))
            for (const PlannedFile &f : d.files)
                if (f.decision == FileDecision::Conflict)
                    m_events.fileChanged(
                        FileEvent{f.absolutePath, d.datasetName, FileState::Conflict, f.size, 0, f.reason});
    // Each file or folder that cannot be read gets its row too, with its
    // sentence: it is a failure of this run, not a file passed over.
    if (context.journal)
        for (const FailedFile &f : std::as_const(plan.unreadable))
            m_events.fileChanged(FileEvent{f.path, unreadableIn.value(f.path), FileState::Unreadable, 0, 0, f.reason});
    return {};
}

std::thread Planner::prefetchTargets(const QVector<ScannedDataset> &datasets, OwnerResolver &owners,
                                     ExperimentDatasetResolver &resolver)
{
    // Each dataset's look-up is a round trip: many existing datasets, asked
    // one after another, were most of a large second run. The loop below
    // then finds them memoised, in the plan's order, with its events.
    // The owners first (one per user folder), each asked once.
    const auto prefetch = [&datasets, &owners, &resolver](CatalogueReader &here, const CatalogueFactory &make,
                                                          const ClientConfig &config, int threads,
                                                          const std::atomic_bool *cancel) {
        owners.prefetch(datasets, here, make, config, threads, cancel);
        QVector<ExperimentDatasetResolver::Upcoming> upcoming;
        upcoming.reserve(datasets.size());
        for (const ScannedDataset &ds : datasets) {
            const OwnerResolution *owner = owners.known(ds); // none: failed, the loop asks and reports
            if (owner && !owner->skipped)
                upcoming.append({&ds, *owner});
        }
        resolver.prefetch(upcoming, here, make, config, threads);
    };
    const RunContext &context = m_prepared.context;
    if (!context.makeCatalogue) { // the one catalogue there is belongs to this thread
        prefetch(m_reader, {}, context.client, 1, context.cancel);
        return {};
    }
    return std::thread([prefetch, make = context.makeCatalogue, config = context.client,
                        threads = m_prepared.uploadThreads, cancel = context.cancel] {
        const std::unique_ptr<Catalogue> here = make(config);
        prefetch(*here, make, config, threads, cancel);
    });
}

void Planner::prefetchListings(const QVector<ScannedDataset> &datasets, const QVector<PlannedDataset> &planned,
                               int from, int to, DataFileLookup &lookup)
{
    // One listing per dataset that was there before this run (section 10),
    // a round trip each: asked all at once, the loop then finds them in order.
    QVector<DataFileLookup::Upcoming> upcoming;
    upcoming.reserve(to - from);
    for (int i = from; i < to; ++i)
        if (planned.at(i).datasetId > 0 && planned.at(i).datasetAction == CatalogueAction::Reuse)
            upcoming.append({planned.at(i).datasetId, &datasets.at(i).files});
    const RunContext &context = m_prepared.context;
    lookup.prefetch(upcoming, m_reader, context.makeCatalogue, context.client,
                    context.makeCatalogue ? m_prepared.uploadThreads : 1, context.cancel);
}

void Planner::DatasetNames::index(const ScannedDataset &ds)
{
    for (const DataFile &d : std::as_const(listing))
        onServer.insert(DataFileLookup::key(d.directory, d.filename), &d);
    for (const ScannedFile &f : ds.files)
        local.insert(DataFileLookup::key(f.directory, f.name));
    for (const SkippedEntry &s : ds.skipped)
        local.insert(s.path.mid(ds.path.size() + 1));
}

void Planner::markVerified(const ScannedFile &f, PlannedFile &p, const JournalEntry &known, qint64 datasetId,
                           QVector<JournalEntry> &journal)
{
    p.decision = FileDecision::AlreadyVerified;
    const bool journalSameFile = known.size == f.size && known.mtimeMs == f.mtime.toMSecsSinceEpoch();
    // p.md5 is the journal's sum for these bytes, or the one just read;
    // never the old bytes' sum (Cleanup trusts it).
    if (known.state == FileState::Verified && journalSameFile && known.md5 == p.md5)
        return;
    JournalEntry e = known;
    e.path = f.absolutePath;
    e.size = f.size;
    e.mtimeMs = f.mtime.toMSecsSinceEpoch();
    e.md5 = p.md5;
    e.state = FileState::Verified;
    e.datasetId = datasetId;
    e.datafileId = p.datafileId;
    e.error.clear();
    journal.append(e);
}

JournalEntry Planner::changedEntry(const ScannedFile &f, const PlannedFile &p, qint64 datasetId)
{
    // Its sum for this size and time, so neither the next run nor the
    // upload worker reads it again; no record of ours yet.
    JournalEntry e;
    e.path = f.absolutePath;
    e.size = f.size;
    e.mtimeMs = f.mtime.toMSecsSinceEpoch();
    e.md5 = p.md5;
    e.datasetId = datasetId;
    if (p.decision == FileDecision::Conflict) {
        e.state = FileState::Conflict;
        e.error = p.reason;
    } else {
        e.state = FileState::Hashed;
        e.datafileId = p.datafileId; // a version of ours the server has unverified
        e.replicaId = p.replicaId;
        e.stagingPath = p.stagingPath;
    }
    return e;
}

Status Planner::decideChanged(const ScannedFile &f, const DataFile &record, const JournalEntry &known,
                              const PlannedDataset &pd, DatasetNames &names, PlannedFile &p)
{
    // The server's record was made from other bytes, or from these at
    // another time (copied back, touched): the content decides.
    auto md5 = ContentCheck(m_prepared.context, m_events).localMd5(f, pd.datasetName, known);
    if (!md5) {
        if (md5.error().kind == ErrorKind::Cancelled)
            return md5.error();
        p.decision = FileDecision::Skipped;
        p.reason = QStringLiteral("could not be read to compare it with the copy in MyTardis (%1); it is looked "
                                  "at again in the next run")
                       .arg(md5.error().message);
        return {};
    }
    p.md5 = *md5;
    if (record.size == f.size && sameMd5(p.md5, record.md5sum)) {
        p.decision = FileDecision::AlreadyVerified; // same bytes, another time
        return {};
    }
    p.serverMd5 = record.md5sum;
    const QString conflict = conflictReason(record.md5sum, p.md5, record.size, f.size);
    qCWarning(lcSync).noquote() << "conflict:" << f.absolutePath << conflict;
    if (!m_prepared.settings.boolValue(SettingKey::UploadChangedAsVersions)) {
        p.decision = FileDecision::Conflict;
        p.reason = conflict + QStringLiteral("; rename the local file to upload it, or set "
                                             "upload_changed_as_versions to upload it under a new name");
        return {};
    }

    // MyTardis keeps one file per name: this content goes under the first
    // free versioned name, or the one that already holds it.
    const QString name = firstVersionedName(f.name, [&](const QString &candidate) {
        const QString k = DataFileLookup::key(f.directory, candidate);
        if (names.local.contains(k) || names.chosen.contains(k))
            return VersionSlot::Taken;
        const DataFile *there = names.onServer.value(k);
        if (!there)
            return VersionSlot::Free;
        return there->size == f.size && sameMd5(there->md5sum, p.md5) ? VersionSlot::Ours : VersionSlot::Taken;
    });
    if (name.isEmpty()) {
        p.decision = FileDecision::Conflict;
        p.reason = conflict + QStringLiteral("; no versioned name is free: rename the local file to upload it");
        return {};
    }
    const QString k = DataFileLookup::key(f.directory, name);
    names.chosen.insert(k);
    p.nameOnServer = name;
    p.datafileId = 0;
    if (const DataFile *mine = names.onServer.value(k)) {
        p.reason = conflict + QStringLiteral("; already uploaded as \"%1\"").arg(name);
        if (mine->isVerified()) {
            p.decision = FileDecision::AlreadyVerified;
            p.datafileId = mine->id;
            return {};
        }
        const QString why = p.reason;
        if (Status decided = decideUnverified(f, *mine, known, p); !decided)
            return decided;
        if (p.reason.isEmpty())
            p.reason = why;
        return {};
    }
    p.decision = FileDecision::Upload;
    p.reason = conflict + QStringLiteral("; uploaded as \"%1\" (upload_changed_as_versions)").arg(name);
    return {};
}

void Planner::unverifiable(const ScannedFile &scanned, const DataFile &record, PlannedFile &p)
{
    // MyTardis checks a copy against its record, made from other bytes (the
    // file changed while it was sent): asking it to verify would only wait.
    p.decision = FileDecision::Conflict;
    p.serverMd5 = record.md5sum;
    p.reason = QStringLiteral("was registered in MyTardis with %1 bytes but has %2 now (it changed while it was being "
                              "sent), so that record can never be verified: ask the MyTardis administrator to delete "
                              "it, and the next run uploads the file again")
                   .arg(record.size)
                   .arg(scanned.size);
}

Status Planner::decideUnverified(const ScannedFile &scanned, const DataFile &record, const JournalEntry &known,
                                 PlannedFile &p)
{
    const RunContext &context = m_prepared.context;
    p.datafileId = record.id;
    p.replicaId = record.replicas.isEmpty() ? 0 : record.replicas.first().id;
    p.decision = FileDecision::Verify;
    if (!p.replicaId)
        return {};
    if (context.staging()) {
        // How much reached staging decides: all of it -> ask for
        // verification; part -> send the rest; none -> send it all.
        auto onStaging = m_reader.replicaSize(p.replicaId);
        if (!onStaging)
            return onStaging.error();
        p.stagingPath = context.stagingPathOf(record);
        p.remoteBytes = *onStaging;
        if (record.size >= 0 && record.size != scanned.size) {
            // Registered from the bytes the file had before it changed:
            // all of those on staging can still be verified (the next run
            // then compares); anything else never can.
            if (*onStaging != record.size)
                unverifiable(scanned, record, p);
            return {};
        }
        if (*onStaging != scanned.size && !p.stagingPath.isEmpty()) {
            p.decision = FileDecision::Resume;
            if (*onStaging > scanned.size || *onStaging < SshConnection::ResumeThreshold)
                p.remoteBytes = 0;
            p.reason = p.remoteBytes > 0 ? QStringLiteral("%1 bytes already on staging").arg(p.remoteBytes)
                                         : QStringLiteral("registered, but its bytes did not all reach staging");
        }
    } else if (record.size >= 0 && record.size != scanned.size) {
        unverifiable(scanned, record, p);
    } else if (context.uploader.method == UploadMethod::Chunked && scanned.size >= context.uploader.chunkedAbove &&
               known.method == uploadMethodName(UploadMethod::Chunked) && known.datafileId == record.id) {
        // A chunked upload of ours that stopped: the server says where it
        // stands. Anything else unverified (a POSTed file the server is still
        // checking) is only asked to verify.
        p.decision = FileDecision::Resume;
        p.reason = QStringLiteral("registered; the chunked upload continues where the server has it");
    }
    return {};
}

} // namespace tardigrade
