#pragma once

#include "Plan.h"
#include "RunContext.h"
#include "catalogue/Records.h"
#include "settings/Settings.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <atomic>

namespace tardigrade {

class SyncRun;

// Everything a run settles before it scans: the settings, the server's
// answers about them, and how files will travel.
struct PreparedRun {
    Settings settings;
    RunContext context;
    User account;          // the facility account of the settings
    Facility facility;
    Instrument instrument; // id 0 when it would be created (Test Run)
    int uploadThreads = 5;
    int verifyThreads = 5;
};

// The first stage of a run: loads and validates the settings, checks them
// against the server (URL, credentials, facility, instrument, mydata app),
// creates or updates the installation's uploader record, applies settings a
// facility manager pushed from the server, and decides the upload method:
// staging when the installation's registration is approved, else HTTP POST
// (said once per run). A Test Run only looks; it creates nothing.
class RunPreparation {
public:
    RunPreparation(SyncRun &run, QString configFile, bool testRun, const Clock &clock,
                   const std::atomic_bool *cancel);

    // Failures are user errors (settings, credentials) or server errors;
    // problems a Test Run can report and go on past are put in the plan.
    Result<PreparedRun> prepare(Plan &plan);

private:
    Status loadSettings(PreparedRun &prepared, Plan &plan);
    Status checkServer(PreparedRun &prepared, Plan &plan);
    Status decideUploadMethod(PreparedRun &prepared, Plan &plan);

    SyncRun &m_run;
    QString m_configFile;
    bool m_testRun;
    const Clock &m_clock;
    const std::atomic_bool *m_cancel;
    std::optional<Uploader> m_uploader;
};

} // namespace tardigrade
