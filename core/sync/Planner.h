#pragma once

#include "Plan.h"
#include "catalogue/Records.h"
#include "scan/ScanTypes.h"
#include "RunEventSink.h"
#include "RunPreparation.h"
#include "util/Result.h"

#include <QHash>

namespace tardigrade {

class CatalogueReader;
class CatalogueWriter;
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
    // The decision for a file the server holds unverified; `known` is what
    // the journal says of it.
    Status decideUnverified(const ScannedFile &scanned, const DataFile &record, const JournalEntry &known,
                            PlannedFile &file);

    RunEventSink &m_events;
    CatalogueReader &m_reader;
    CatalogueWriter &m_writer;
    const PreparedRun &m_prepared;
    QString m_lockFile;
};

} // namespace tardigrade
