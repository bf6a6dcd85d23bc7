#include "ExperimentDatasetResolver.h"

#include "FindOrCreate.h"
#include "Catalogue.h"
#include "util/Log.h"

#include <QDir>
#include <QFileInfo>
#include <QSysInfo>

namespace tardigrade {

namespace {
// Found, made, or only recorded by a writer that makes nothing (id 0).
template <typename T>
LookupAction actionOf(const FoundOrMade<T> &r)
{
    if (!r.made)
        return LookupAction::Found;
    return r.value.id ? LookupAction::Created : LookupAction::WouldCreate;
}
} // namespace

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

ExperimentDatasetResolver::ExperimentDatasetResolver(CatalogueReader &reader, CatalogueWriter &writer,
                                                     ExperimentDatasetContext context, const Clock &clock)
    : m_reader(reader), m_writer(writer), m_context(std::move(context)), m_clock(clock)
{
    if (m_context.hostname.isEmpty())
        m_context.hostname = QSysInfo::machineHostName();
}

QString ExperimentDatasetResolver::titleFor(const ScannedDataset &dataset, const OwnerResolution &owner) const
{
    // The owner's full name as MyData wrote it ("first last", kept verbatim).
    QString fullName;
    if (owner.user && (owner.valid || owner.kind == OwnerKind::None) &&
        !(owner.user->firstName.isEmpty() && owner.user->lastName.isEmpty()))
        fullName = owner.user->fullName();
    // A user or email folder that matched nobody: MyData's title, so data
    // moved from MyData lands in the experiments MyData made, not duplicates.
    if (!owner.valid && (owner.kind == OwnerKind::Username || owner.kind == OwnerKind::Email) &&
        !dataset.userFolder.trimmed().isEmpty())
        fullName = userNotFoundName(dataset.userFolder.trimmed());
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

    NewExperiment ne;
    ne.key = key;
    ne.uploaderUuid = m_context.uploaderUuid;
    const bool experimentFiles = dataset.datasetName == experimentFilesDatasetName();
    const QString location = experimentFiles ? dataset.path : QFileInfo(dataset.path).absolutePath();
    ne.description = experimentDescription(m_context.instrument.name, dataset.userFolder, dataset.groupFolder,
                                           m_context.hostname, QDir::toNativeSeparators(location));
    auto r = findOrCreate<Experiment>(
        m_context.lockFile, m_context.cancel, m_clock, [&] { return m_reader.findExperiment(key); },
        [&] { return m_writer.createExperiment(ne); },
        // Shared before the lock is released, so nobody sees it half made.
        [&](const Experiment &made) { return made.id ? shareExperiment(made.id, owner) : Status{}; });
    if (!r)
        return r.error();
    ExperimentEntry entry{r->value, actionOf(*r)};
    if (entry.action == LookupAction::WouldCreate)
        entry.experiment.title = title;
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
        if (Status s = m_writer.addObjectAcl(acl); !s)
            return s;
    }
    if (owner.hasOwnUser() && owner.user->id != m_context.facilityAccount.id) {
        ObjectAcl acl;
        acl.entityId = owner.user->id;
        acl.experimentId = experimentId;
        acl.isOwner = true;
        if (Status s = m_writer.addObjectAcl(acl); !s)
            return s;
    }
    if (owner.valid && owner.group) {
        ObjectAcl acl;
        acl.isGroup = true;
        acl.entityId = owner.group->id;
        acl.experimentId = experimentId;
        acl.isOwner = true;
        if (Status s = m_writer.addObjectAcl(acl); !s)
            return s;
    }
    return {};
}

Result<DatasetTarget> ExperimentDatasetResolver::datasetFor(DatasetTarget target, const ScannedDataset &dataset)
{
    const QString name = dataset.datasetName;
    const qint64 experimentId = target.experiment.id;
    const qint64 instrumentId = m_context.instrument.id;
    const QString memoKey = QString::number(experimentId) + QChar(0x1f) + name;
    const auto it = experimentId ? m_datasets.constFind(memoKey) : m_datasets.constEnd();
    if (it != m_datasets.constEnd()) {
        target.dataset = *it;
        target.datasetAction = LookupAction::Found;
        return target;
    }
    NewDataset nd;
    nd.instrumentUri = m_context.instrument.resourceUri.isEmpty() ? api::object(Instrument::kResource, instrumentId)
                                                                  : m_context.instrument.resourceUri;
    nd.description = name;
    nd.experimentUri = target.experiment.uri();
    nd.immutable = m_context.immutableDatasets;
    auto r = findOrCreate<Dataset>(
        m_context.lockFile, m_context.cancel, m_clock,
        [&]() -> Result<std::optional<Dataset>> {
            if (experimentId == 0) // an experiment only recorded holds nothing yet
                return std::optional<Dataset>();
            return m_reader.findDataset(experimentId, name, instrumentId);
        },
        [&] { return m_writer.createDataset(nd); });
    if (!r)
        return r.error();
    target.dataset = r->value;
    target.dataset.description = name;
    target.datasetAction = actionOf(*r);
    if (target.dataset.id)
        m_datasets.insert(memoKey, target.dataset);
    return target;
}

} // namespace tardigrade
