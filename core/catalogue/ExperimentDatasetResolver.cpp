#include "ExperimentDatasetResolver.h"

#include "FindOrCreate.h"
#include "Catalogue.h"
#include "CatalogueThreads.h"
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

ExperimentKey ExperimentDatasetResolver::experimentKeyOf(const ScannedDataset &dataset, const QString &title) const
{
    ExperimentKey key;
    key.title = title;
    key.folderStructure = m_context.folderStructure;
    key.userFolderName = dataset.userFolder;
    key.groupFolderName = dataset.groupFolder;
    return key;
}

QString ExperimentDatasetResolver::memoKeyOf(const ExperimentKey &key)
{
    const QChar sep(0x1f);
    return key.title + sep + key.userFolderName + sep + key.groupFolderName;
}

QString ExperimentDatasetResolver::memoKeyOf(qint64 experimentId, const QString &datasetName)
{
    return QString::number(experimentId) + QChar(0x1f) + datasetName;
}

void ExperimentDatasetResolver::prefetch(const QVector<Upcoming> &upcoming, CatalogueReader &here,
                                         const CatalogueFactory &make, const ClientConfig &config, int threads)
{
    m_make = make;
    m_config = config;
    m_threads = threads;
    // The experiments first (a dataset is found by its experiment's id),
    // each asked once however many datasets share it.
    QVector<ExperimentKey> experiments;
    QSet<QString> asked;
    QVector<QString> experimentOf(upcoming.size());
    for (int i = 0; i < upcoming.size(); ++i) {
        const Upcoming &u = upcoming.at(i);
        if (u.owner.skipped)
            continue;
        const ExperimentKey key = experimentKeyOf(*u.dataset, titleFor(*u.dataset, u.owner));
        experimentOf[i] = memoKeyOf(key);
        m_upcomingNames[experimentOf[i]].append(u.dataset->datasetName);
        if (!m_experiments.contains(experimentOf[i]) && !asked.contains(experimentOf[i])) {
            asked.insert(experimentOf[i]);
            experiments.append(key);
        }
    }
    QVector<std::optional<Result<std::optional<Experiment>>>> foundExperiments(experiments.size());
    const auto findExperiment = [&](int i, CatalogueReader &reader) {
        foundExperiments[i] = reader.findExperiment(experiments[i]);
    };
    forEachOnThreads(int(experiments.size()), threads, here, make, config, m_context.cancel, findExperiment);
    for (int i = 0; i < experiments.size(); ++i) {
        const auto &found = foundExperiments.at(i);
        if (!found || !*found)
            continue; // not asked (cancelled) or failed: resolve() asks again
        if (found->value())
            m_experiments.insert(memoKeyOf(experiments.at(i)), ExperimentEntry{*found->value(), LookupAction::Found});
        else
            m_missingExperiments.insert(memoKeyOf(experiments.at(i)));
    }

    // Then the datasets of experiments that exist.
    struct DatasetAsk {
        qint64 experimentId;
        QString name;
    };
    QVector<DatasetAsk> datasets;
    asked.clear();
    for (int i = 0; i < upcoming.size(); ++i) {
        const auto experiment = m_experiments.constFind(experimentOf.at(i));
        if (experimentOf.at(i).isEmpty() || experiment == m_experiments.constEnd() || experiment->experiment.id <= 0)
            continue;
        const DatasetAsk ask{experiment->experiment.id, upcoming.at(i).dataset->datasetName};
        const QString memoKey = memoKeyOf(ask.experimentId, ask.name);
        if (!m_datasets.contains(memoKey) && !asked.contains(memoKey)) {
            asked.insert(memoKey);
            datasets.append(ask);
        }
    }
    const qint64 instrumentId = m_context.instrument.id;
    QVector<std::optional<Result<std::optional<Dataset>>>> foundDatasets(datasets.size());
    const auto findDataset = [&](int i, CatalogueReader &reader) {
        foundDatasets[i] = reader.findDataset(datasets[i].experimentId, datasets[i].name, instrumentId);
    };
    forEachOnThreads(int(datasets.size()), threads, here, make, config, m_context.cancel, findDataset);
    for (int i = 0; i < datasets.size(); ++i) {
        const auto &found = foundDatasets.at(i);
        if (!found || !*found)
            continue;
        const QString memoKey = memoKeyOf(datasets.at(i).experimentId, datasets.at(i).name);
        if (found->value()) {
            Dataset d = *found->value();
            d.description = datasets.at(i).name; // as datasetFor() memoises it
            m_datasets.insert(memoKey, d);
        } else {
            m_missingDatasets.insert(memoKey);
        }
    }
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
    return datasetFor(target, dataset, memoKeyOf(experimentKeyOf(dataset, target.experimentTitle)));
}

Result<ExperimentDatasetResolver::ExperimentEntry>
ExperimentDatasetResolver::experimentFor(const ScannedDataset &dataset, const OwnerResolution &owner,
                                         const QString &title)
{
    const ExperimentKey key = experimentKeyOf(dataset, title);
    const QString memoKey = memoKeyOf(key);
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
        m_context.lockFile, m_context.cancel, m_clock,
        [&, missing = m_missingExperiments.remove(memoKey)]() mutable -> Result<std::optional<Experiment>> {
            if (std::exchange(missing, false)) // prefetch() has just asked: look again under the lock
                return std::optional<Experiment>();
            return m_reader.findExperiment(key);
        },
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

NewDataset ExperimentDatasetResolver::newDataset(const Experiment &experiment, const QString &name) const
{
    NewDataset nd;
    nd.instrumentUri = m_context.instrument.resourceUri.isEmpty()
                           ? api::object(Instrument::kResource, m_context.instrument.id)
                           : m_context.instrument.resourceUri;
    nd.description = name;
    nd.experimentUri = experiment.uri();
    nd.immutable = m_context.immutableDatasets;
    return nd;
}

Result<DatasetTarget> ExperimentDatasetResolver::datasetFor(DatasetTarget target, const ScannedDataset &dataset,
                                                            const QString &experimentMemoKey)
{
    const QString name = dataset.datasetName;
    const qint64 experimentId = target.experiment.id;
    const qint64 instrumentId = m_context.instrument.id;
    const QString memoKey = memoKeyOf(experimentId, name);
    auto it = experimentId ? m_datasets.constFind(memoKey) : m_datasets.constEnd();
    // Missing, as prefetch() found, or in an experiment this run has just made.
    if (it == m_datasets.constEnd() && experimentId > 0 &&
        (m_missingDatasets.contains(memoKey) || target.experimentAction == LookupAction::Created)) {
        makeDatasetsTogether(target.experiment, experimentMemoKey);
        it = m_datasets.constFind(memoKey);
    }
    if (it != m_datasets.constEnd()) {
        target.dataset = *it;
        target.datasetAction = m_madeTogether.remove(memoKey) ? LookupAction::Created : LookupAction::Found;
        return target;
    }
    const NewDataset nd = newDataset(target.experiment, name);
    auto r = findOrCreate<Dataset>(
        m_context.lockFile, m_context.cancel, m_clock,
        [&, missing = m_missingDatasets.remove(memoKey)]() mutable -> Result<std::optional<Dataset>> {
            if (experimentId == 0) // an experiment only recorded holds nothing yet
                return std::optional<Dataset>();
            if (std::exchange(missing, false)) // prefetch() has just asked: look again under the lock
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

void ExperimentDatasetResolver::makeDatasetsTogether(const Experiment &experiment, const QString &experimentMemoKey)
{
    if (!m_context.makeTogether || !m_make)
        return;
    QStringList names;
    for (const QString &name : m_upcomingNames.value(experimentMemoKey))
        if (!m_datasets.contains(memoKeyOf(experiment.id, name)) && !names.contains(name))
            names << name;
    if (names.size() < 2) // one alone goes the usual way
        return;
    CatalogueLock lock(m_context.lockFile, m_context.cancel);
    if (!lock.acquire())
        return; // the usual way tries again and says why
    // Under the lock every one is looked for again (another run may have
    // made it meanwhile), and what is still missing made.
    const qint64 instrumentId = m_context.instrument.id;
    QVector<std::optional<Result<FoundOrMade<Dataset>>>> got(names.size());
    forEachOnCatalogues(int(names.size()), m_threads, m_make, m_config, m_context.cancel,
                        [&](int i, Catalogue &catalogue) {
                            const auto find = [&] {
                                return catalogue.findDataset(experiment.id, names.at(i), instrumentId);
                            };
                            auto found = find();
                            if (!found || found->has_value()) {
                                got[i] = found ? Result<FoundOrMade<Dataset>>(FoundOrMade<Dataset>{**found, false})
                                               : Result<FoundOrMade<Dataset>>(found.error());
                                return;
                            }
                            const NewDataset nd = newDataset(experiment, names.at(i));
                            bool foundInstead = false;
                            auto made = createOrFind<Dataset>([&] { return catalogue.createDataset(nd); }, find,
                                                              m_clock, m_context.cancel, &foundInstead);
                            got[i] = made ? Result<FoundOrMade<Dataset>>(FoundOrMade<Dataset>{*made, !foundInstead})
                                          : Result<FoundOrMade<Dataset>>(made.error());
                        });
    for (int i = 0; i < names.size(); ++i) {
        if (!got.at(i) || !*got.at(i) || (*got.at(i))->value.id <= 0)
            continue; // not asked (cancelled) or failed: its resolve() goes the usual way
        const QString memoKey = memoKeyOf(experiment.id, names.at(i));
        Dataset d = (*got.at(i))->value;
        d.description = names.at(i); // as datasetFor() memoises it
        m_datasets.insert(memoKey, d);
        m_missingDatasets.remove(memoKey);
        if ((*got.at(i))->made)
            m_madeTogether.insert(memoKey);
    }
}

} // namespace tardigrade
