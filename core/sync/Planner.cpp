#include "Planner.h"

#include "Journal.h"
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
    for (const SkippedEntry &p : scan->problems)
        plan.scanProblems << QStringLiteral("%1: %2").arg(p.path, p.reason);

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
    ExperimentDatasetResolver resolver(m_reader, m_writer, edc, *context.clock);

    std::unique_ptr<DataFileLookupCache> cache;
    if (m_prepared.settings.boolValue(SettingKey::CacheDatafileLookups)) {
        cache = std::make_unique<DataFileLookupCache>(
            ConfigPaths::stateFile(context.configFile, StateFile::LookupCache), context.client.url);
        if (Status s = cache->open(); !s) {
            qCWarning(lcSync) << s.error().message;
            cache.reset();
        }
    }
    DataFileLookup lookup(m_reader, cache.get());
    const QHash<QString, JournalEntry> journal = context.journal ? context.journal->loadAll()
                                                                 : QHash<QString, JournalEntry>{};
    QVector<JournalEntry> journalVerified;

    for (const ScannedDataset &ds : scan->datasets) {
        if (context.cancelled())
            return Error::cancelled();
        PlannedDataset pd;
        pd.path = ds.path;
        pd.ownerFolder = ds.owner;
        pd.ownerKind = ownerKindName(ds.ownerKind);
        pd.datasetName = ds.datasetName;
        for (const SkippedEntry &s : ds.skipped) {
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
            plan.datasets.append(pd);
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

        QHash<QString, RemoteFileStatus> remote;
        if (pd.datasetId > 0) {
            auto found = lookup.lookup(pd.datasetId, ds.files);
            if (!found)
                return found.error();
            remote = *found;
        }
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
                if (status.record.size >= 0 && status.record.size != f.size) {
                    p.decision = FileDecision::Skipped;
                    p.reason = QStringLiteral("differs in size from the verified copy in MyTardis (%1 bytes there); "
                                              "rename it to upload it as a new file")
                                   .arg(status.record.size);
                } else {
                    p.decision = FileDecision::AlreadyVerified;
                    ++verified;
                    if (known.state != FileState::Verified || !journalSameFile) {
                        JournalEntry e = known;
                        e.path = f.absolutePath;
                        e.size = f.size;
                        e.mtimeMs = f.mtime.toMSecsSinceEpoch();
                        if (!journalSameFile)
                            e.md5.clear(); // the old bytes' sum: never this file's (Cleanup trusts it)
                        e.state = FileState::Verified;
                        e.datasetId = pd.datasetId;
                        e.datafileId = status.record.id;
                        e.error.clear();
                        journalVerified.append(e);
                    }
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
        plan.datasets.append(pd);
        m_events.datasetChanged(datasetEventOf(pd, verified));
        if (!lookedUp.isEmpty())
            m_events.filesLookedUp(lookedUp);
    }
    if (context.journal && !journalVerified.isEmpty())
        if (Status s = context.journal->putAll(journalVerified); !s)
            context.journal->reportFailure(s.error(), m_events);
    return {};
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
        if (*onStaging != scanned.size && !p.stagingPath.isEmpty()) {
            p.decision = FileDecision::Resume;
            if (*onStaging > scanned.size || *onStaging < SshConnection::ResumeThreshold)
                p.remoteBytes = 0;
            p.reason = p.remoteBytes > 0 ? QStringLiteral("%1 bytes already on staging").arg(p.remoteBytes)
                                         : QStringLiteral("registered, but its bytes did not all reach staging");
        }
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
