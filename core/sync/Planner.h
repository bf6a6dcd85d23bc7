#pragma once

#include "Plan.h"
#include "RunPreparation.h"
#include "util/Result.h"

#include <QHash>

namespace tardigrade {

class SyncRun;
struct JournalEntry;

// The look-up stage: scans the data directory, resolves each dataset's
// owner, experiment and dataset (creating them in an upload run, reporting
// "would create" in a Test Run), asks the catalogue which files it holds
// (one paged listing per dataset, or the lookup cache) and decides for every
// file: upload, resume, verify, already verified, or skipped with a reason.
class Planner {
public:
    Planner(SyncRun &run, const PreparedRun &prepared, bool testRun);

    Status plan(Plan &plan);

private:
    SyncRun &m_run;
    const PreparedRun &m_prepared;
    bool m_testRun;
};

} // namespace tardigrade
