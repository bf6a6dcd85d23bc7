#pragma once

#include "Plan.h"
#include "catalogue/Records.h"
#include "scan/ScanTypes.h"
#include "RunEventSink.h"
#include "RunPreparation.h"
#include "util/Result.h"

#include <QHash>
#include <QSet>

#include <thread>

namespace tardigrade {

class CatalogueReader;
class CatalogueWriter;
class DataFileLookup;
class ExperimentDatasetResolver;
class OwnerResolver;
struct JournalEntry;

// The look-up stage: scans the data directory, resolves each dataset's
// owner, experiment and dataset (created through the writer: "would
// create" when it only records, as in a Test Run), asks the catalogue which
// files it holds (one paged listing per dataset, or the lookup cache) and
// decides for every file: upload, resume, verify, already verified, or
// skipped with a reason. What it learns is verified goes into the journal,
// when the run has one.
// The Folders tab's row for a planned dataset: its files and bytes (those
// not skipped), `verified` of them verified, new or existing.
DatasetEvent datasetEventOf(const PlannedDataset &dataset, int verified);

class Planner {
public:
    Planner(RunEventSink &events, CatalogueReader &reader, CatalogueWriter &writer, const PreparedRun &prepared,
            QString lockFile);

    Status plan(Plan &plan);

private:
    // The names of one dataset a versioned name must not take: the server's
    // listing (when one was needed), the local files, and versions chosen in
    // this run.
    struct DatasetNames {
        QVector<DataFile> listing;
        QHash<QString, const DataFile *> onServer; // by DataFileLookup::key
        QSet<QString> local;
        QSet<QString> chosen;
        void index(const ScannedDataset &ds);
    };

    // Starts finding the owners, then the existing experiments and datasets
    // of the scan on a few threads at once (max_upload_threads), in the
    // background while this thread reads the journal; joined before the loop
    // asks in order.
    std::thread prefetchTargets(const QVector<ScannedDataset> &datasets, OwnerResolver &owners,
                         ExperimentDatasetResolver &resolver);
    // Lists the files of the datasets [from, to) with an id (datasets.at(i)
    // is planned.at(i)) on max_upload_threads threads at once, for `lookup`.
    void prefetchListings(const QVector<ScannedDataset> &datasets, const QVector<PlannedDataset> &planned, int from,
                          int to, DataFileLookup &lookup);

    // The decision for a file the server holds verified under its name but
    // whose record does not describe it as it is now (size or modification
    // time differ): verified when its MD5 is the server's, else a conflict,
    // or a versioned upload when upload_changed_as_versions asks for it.
    Status decideChanged(const ScannedFile &scanned, const DataFile &record, const JournalEntry &known,
                         const PlannedDataset &dataset, DatasetNames &names, PlannedFile &file);
    // AlreadyVerified, and the journal row that says so when it does not yet.
    static void markVerified(const ScannedFile &scanned, PlannedFile &file, const JournalEntry &known,
                             qint64 datasetId, QVector<JournalEntry> &journal);
    // The journal row of a conflict or versioned upload: its MD5 for this size and time.
    static JournalEntry changedEntry(const ScannedFile &scanned, const PlannedFile &file, qint64 datasetId);

    // The decision for a file the server holds unverified; `known` is what
    // the journal says of it.
    // An unverified record of other bytes than the file has now: a Conflict.
    static void unverifiable(const ScannedFile &scanned, const DataFile &record, PlannedFile &p);
    Status decideUnverified(const ScannedFile &scanned, const DataFile &record, const JournalEntry &known,
                            PlannedFile &file);

    RunEventSink &m_events;
    CatalogueReader &m_reader;
    CatalogueWriter &m_writer;
    const PreparedRun &m_prepared;
    QString m_lockFile;
};

} // namespace tardigrade
