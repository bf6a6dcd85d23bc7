#pragma once

#include "Catalogue.h"
#include "OwnerResolver.h"
#include "Records.h"
#include "scan/ScanTypes.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <atomic>

namespace tardigrade {

class CatalogueReader;
class CatalogueWriter;

// What was done (or would be done) to find a catalogue object.
enum class LookupAction { Found, Created, WouldCreate };
QString lookupActionName(LookupAction action); // "found", "created", "would create"

struct ExperimentDatasetContext {
    QString folderStructure;
    Facility facility;     // its manager group owns every experiment
    Instrument instrument; // id 0 when it does not exist yet (Test Run)
    User facilityAccount;  // the settings' account
    QString uploaderUuid;
    QString hostname; // "Uploaded from" in descriptions; empty: this machine's name
    bool immutableDatasets = false;
    QString lockFile; // the installation's catalogue lock; empty: threads only
    const std::atomic_bool *cancel = nullptr;
    // The writer makes what it is asked for, as the catalogues of
    // prefetch()'s factory would (not a Test Run's recorder): the datasets
    // an experiment lacks are then made together (see resolve()).
    bool makeTogether = false;
};

struct DatasetTarget {
    QString experimentTitle;
    Experiment experiment; // id 0 when it would be created
    LookupAction experimentAction = LookupAction::Found;
    Dataset dataset; // id 0 when it would be created
    LookupAction datasetAction = LookupAction::Found;
};

// Finds or creates the experiment and dataset of a scanned dataset exactly as
// mytardis-api.md sections 8 and 9 say: the experiment by title, folder
// structure and owner folders (created with its description, the mydata
// parameter set, and ACLs for the facility's manager group, the folder's user
// and the folder's group); the dataset by experiment, folder name and
// instrument. Creation happens through the writer under a cross-process
// lock with a second look-up after acquiring it, so concurrent runs never
// create one twice; a create whose answer was lost is looked up before it is
// sent again. What the writer answers without an id (the Test Run's
// recording writer) is "would create". Results are memoised for the
// resolver's lifetime (one run).
class ExperimentDatasetResolver {
public:
    ExperimentDatasetResolver(CatalogueReader &reader, CatalogueWriter &writer, ExperimentDatasetContext context,
                              const Clock &clock = Clock::system());

    // With makeTogether, the first dataset an experiment lacks brings the
    // others prefetch() was told of: one hold of the lock, and their look-ups
    // and creates several at once on prefetch()'s threads, instead of a lock
    // and two round trips for each, one after another (a first run of many
    // datasets waited for them all). Each is still reported by its own
    // resolve(), as created; one that could not be made goes the usual way.
    Result<DatasetTarget> resolve(const ScannedDataset &dataset, const OwnerResolution &owner);

    // One dataset resolve() will be asked for, with its owner.
    struct Upcoming {
        const ScannedDataset *dataset = nullptr;
        OwnerResolution owner;
    };
    // Finds, on up to `threads` threads at once (this one with `here`, its
    // own catalogue; the others each with one from `make`), the experiments
    // and then the datasets resolve() will ask for, and memoises the answers:
    // over many existing datasets a run waits for about N / threads round
    // trips, not N. Only finds: resolve() still creates what is missing, in
    // order, without asking for it twice. A find that fails here is simply
    // asked again by resolve(), which reports it. Nothing else may use the
    // resolver meanwhile.
    void prefetch(const QVector<Upcoming> &upcoming, CatalogueReader &here, const CatalogueFactory &make,
                  const ClientConfig &config, int threads);

    // The title resolve() uses (scan's experimentTitle, with a fallback).
    QString titleFor(const ScannedDataset &dataset, const OwnerResolution &owner) const;

private:
    struct ExperimentEntry {
        Experiment experiment;
        LookupAction action;
    };
    ExperimentKey experimentKeyOf(const ScannedDataset &dataset, const QString &title) const;
    static QString memoKeyOf(const ExperimentKey &key);
    static QString memoKeyOf(qint64 experimentId, const QString &datasetName);
    Result<ExperimentEntry> experimentFor(const ScannedDataset &dataset, const OwnerResolution &owner,
                                          const QString &title);
    Result<DatasetTarget> datasetFor(DatasetTarget target, const ScannedDataset &dataset,
                                     const QString &experimentMemoKey);
    NewDataset newDataset(const Experiment &experiment, const QString &name) const;
    void makeDatasetsTogether(const Experiment &experiment, const QString &experimentMemoKey);
    Status shareExperiment(qint64 experimentId, const OwnerResolution &owner);

    CatalogueReader &m_reader;
    CatalogueWriter &m_writer;
    ExperimentDatasetContext m_context;
    const Clock &m_clock;
    QHash<QString, ExperimentEntry> m_experiments;
    QHash<QString, Dataset> m_datasets;
    // Found missing by prefetch(): resolve() goes straight to the locked
    // look-up and create (memo keys as above).
    QSet<QString> m_missingExperiments;
    QSet<QString> m_missingDatasets;
    // What prefetch() was given, for makeDatasetsTogether(): the datasets'
    // names by experiment (memo key), in order, and how to make catalogues.
    QHash<QString, QStringList> m_upcomingNames;
    CatalogueFactory m_make;
    ClientConfig m_config;
    int m_threads = 1;
    QSet<QString> m_madeTogether; // dataset memo keys made ahead of their resolve()
};

} // namespace tardigrade
