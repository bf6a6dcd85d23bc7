#include "ExperimentDatasetResolver.h"
#include "util/CancellableSleep.h"

#include "CatalogueLock.h"
#include "MyTardisClient.h"
#include "util/Log.h"

#include <QDir>
#include <QFileInfo>
#include <QSysInfo>
#include <QThread>

namespace tardigrade {

QString lookupActionName(LookupAction action)
{
    switch (action) {
    case LookupAction::Found:
        return QStringLiteral("found");
    case LookupAction::Created:
        return QStringLiteral("created");
    case LookupAction::WouldCreate:
        return QStringLiteral("would create");
    }
    return {};
}

ExperimentDatasetResolver::ExperimentDatasetResolver(MyTardisClient &client, ExperimentDatasetContext context)
    : m_client(client), m_context(std::move(context))
{
    if (m_context.hostname.isEmpty())
        m_context.hostname = QSysInfo::machineHostName();
}

QString ExperimentDatasetResolver::titleFor(const ScannedDataset &dataset, const OwnerResolution &owner) const
{
    // The owner's full name as MyData wrote it ("first last", kept verbatim);
    // a folder that matched nobody is named by its folder instead.
    QString fullName;
    if (owner.user && (owner.valid || owner.kind == OwnerKind::None) &&
        !(owner.user->firstName.isEmpty() && owner.user->lastName.isEmpty()))
        fullName = owner.user->fullName();
    const QString instrument = m_context.instrument.name;
    QString title = experimentTitle(dataset, m_context.folderStructure, instrument, fullName);
    if (title.isEmpty()) { // a structure scan does not know: instrument and owner
        const QString who = fullName.trimmed().isEmpty() ? dataset.owner : fullName;
        title = who.isEmpty() ? instrument : instrument + QStringLiteral(" - ") + who;
    }
    return title;
}

Result<DatasetTarget> ExperimentDatasetResolver::resolve(const ScannedDataset &dataset, const OwnerResolution &owner)
{
    if (owner.skipped)
        return Error::user(owner.reason);
    DatasetTarget target;
    target.experimentTitle = titleFor(dataset, owner);
    auto exp = experimentFor(dataset, owner, target.experimentTitle);
    if (!exp)
        return exp.error();
    target.experiment = exp->experiment;
    target.experimentAction = exp->action;
    return datasetFor(target, dataset);
}

template <typename T, typename Create, typename Find>
Result<T> ExperimentDatasetResolver::createOrFind(Create create, Find find)
{
    constexpr int kAttempts = 5;
    for (int attempt = 1;; ++attempt) {
        Result<T> made = create();
        if (made || made.error().kind != ErrorKind::Transient || attempt == kAttempts)
            return made;
        qCInfo(lcCatalogue) << "create failed, looking again:" << made.error().message;
        if (!sleepUnlessCancelled(500 << attempt, m_context.cancel))
            return Error::cancelled();
        auto found = find();
        if (found && found->has_value())
            return **found;
    }
}

Result<ExperimentDatasetResolver::ExperimentEntry>
ExperimentDatasetResolver::experimentFor(const ScannedDataset &dataset, const OwnerResolution &owner,
                                         const QString &title)
{
    ExperimentKey key;
    key.title = title;
    key.folderStructure = m_context.folderStructure;
    key.userFolderName = dataset.userFolder;
    key.groupFolderName = dataset.groupFolder;
    const QChar sep(0x1f);
    const QString memoKey = key.title + sep + key.userFolderName + sep + key.groupFolderName;
    const auto it = m_experiments.constFind(memoKey);
    if (it != m_experiments.constEnd()) {
        // Made earlier in this run: for this dataset it is simply there.
        ExperimentEntry e = *it;
        if (e.action == LookupAction::Created)
            e.action = LookupAction::Found;
        return e;
    }

    auto found = m_client.findExperiment(key);
    if (!found)
        return found.error();
    ExperimentEntry entry;
    if (found->has_value()) {
        entry = {**found, LookupAction::Found};
        m_experiments.insert(memoKey, entry);
        return entry;
    }
    if (m_context.dryRun) {
        Experiment e;
        e.title = title;
        entry = {e, LookupAction::WouldCreate};
        m_experiments.insert(memoKey, entry);
        return entry;
    }

    CatalogueLock lock(m_context.lockFile, m_context.cancel);
    if (Status s = lock.acquire(); !s)
        return s.error();
    // Another thread or process may have made it while we waited.
    found = m_client.findExperiment(key);
    if (!found)
        return found.error();
    if (found->has_value()) {
        entry = {**found, LookupAction::Found};
        m_experiments.insert(memoKey, entry);
        return entry;
    }

    NewExperiment ne;
    ne.key = key;
    ne.uploaderUuid = m_context.uploaderUuid;
    const bool experimentFiles = dataset.datasetName == experimentFilesDatasetName();
    const QString location = experimentFiles ? dataset.path : QFileInfo(dataset.path).absolutePath();
    ne.description = experimentDescription(m_context.instrument.name, dataset.userFolder, dataset.groupFolder,
                                           m_context.hostname, QDir::toNativeSeparators(location));
    // A create whose answer was lost may or may not have happened: look
    // again before creating again.
    auto created = createOrFind<Experiment>([&] { return m_client.createExperiment(ne); },
                                            [&] { return m_client.findExperiment(key); });
    if (!created)
        return created.error();
    // Shared before the lock is released, so nobody sees it half made.
    if (Status s = shareExperiment(created->id, owner); !s)
        return s.error();
    entry = {*created, LookupAction::Created};
    m_experiments.insert(memoKey, entry);
    return entry;
}

Status ExperimentDatasetResolver::shareExperiment(qint64 experimentId, const OwnerResolution &owner)
{
    if (m_context.facility.managerGroup.id > 0) {
        ObjectAcl acl;
        acl.isGroup = true;
        acl.entityId = m_context.facility.managerGroup.id;
        acl.experimentId = experimentId;
        acl.isOwner = true;
        if (Status s = m_client.addObjectAcl(acl); !s)
            return s;
    }
    if (owner.hasOwnUser() && owner.user->id != m_context.facilityAccount.id) {
        ObjectAcl acl;
        acl.entityId = owner.user->id;
        acl.experimentId = experimentId;
        acl.isOwner = true;
        if (Status s = m_client.addObjectAcl(acl); !s)
            return s;
    }
    if (owner.valid && owner.group) {
        ObjectAcl acl;
        acl.isGroup = true;
        acl.entityId = owner.group->id;
        acl.experimentId = experimentId;
        acl.isOwner = true;
        if (Status s = m_client.addObjectAcl(acl); !s)
            return s;
    }
    return {};
}

Result<DatasetTarget> ExperimentDatasetResolver::datasetFor(DatasetTarget target, const ScannedDataset &dataset)
{
    const QString name = dataset.datasetName;
    if (target.experimentAction == LookupAction::WouldCreate) {
        target.dataset.description = name;
        target.datasetAction = LookupAction::WouldCreate;
        return target;
    }
    const QString memoKey = QString::number(target.experiment.id) + QChar(0x1f) + name;
    const auto it = m_datasets.constFind(memoKey);
    if (it != m_datasets.constEnd()) {
        target.dataset = *it;
        target.datasetAction = LookupAction::Found;
        return target;
    }
    const qint64 instrumentId = m_context.instrument.id;
    auto found = m_client.findDataset(target.experiment.id, name, instrumentId);
    if (!found)
        return found.error();
    if (found->has_value()) {
        target.dataset = **found;
        target.datasetAction = LookupAction::Found;
        m_datasets.insert(memoKey, target.dataset);
        return target;
    }
    if (m_context.dryRun || instrumentId == 0) {
        target.dataset.description = name;
        target.datasetAction = LookupAction::WouldCreate;
        return target;
    }

    CatalogueLock lock(m_context.lockFile, m_context.cancel);
    if (Status s = lock.acquire(); !s)
        return s.error();
    found = m_client.findDataset(target.experiment.id, name, instrumentId);
    if (!found)
        return found.error();
    if (found->has_value()) {
        target.dataset = **found;
        target.datasetAction = LookupAction::Found;
    } else {
        NewDataset nd;
        nd.instrumentUri = m_context.instrument.resourceUri.isEmpty()
                               ? QStringLiteral("/api/v1/instrument/%1/").arg(instrumentId)
                               : m_context.instrument.resourceUri;
        nd.description = name;
        nd.experimentUri = target.experiment.uri();
        nd.immutable = m_context.immutableDatasets;
        auto created = createOrFind<Dataset>([&] { return m_client.createDataset(nd); },
                                             [&] { return m_client.findDataset(target.experiment.id, name, instrumentId); });
        if (!created)
            return created.error();
        target.dataset = *created;
        target.datasetAction = LookupAction::Created;
    }
    m_datasets.insert(memoKey, target.dataset);
    return target;
}

} // namespace tardigrade
