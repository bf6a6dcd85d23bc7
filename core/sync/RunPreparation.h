#pragma once

#include "Plan.h"
#include "RunContext.h"
#include "RunEventSink.h"
#include "catalogue/Records.h"
#include "settings/Settings.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <atomic>
#include <optional>

namespace tardigrade {

class CatalogueReader;
class CatalogueWriter;

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

// The first stage of a run, in two steps.
//
// loadSettings() reads and validates the settings file (no network): an
// upload run stops at any problem, a Test Run notes them in the plan and
// goes on as far as it can; only an upload run writes the file (a new uuid).
//
// prepare() checks the settings against the server (URL, credentials,
// facility, instrument, mydata app), writes the installation's uploader
// record and staging request through the writer, applies settings a
// facility manager pushed from the server, and decides how files travel:
// staging when the installation's access is approved, else HTTP POST (said
// once per run), with large files by the chunk API when the server has it.
class RunPreparation {
public:
    struct Options {
        QString configFile;
        bool testRun = false;  // reports settings problems instead of stopping; writes no local file
        QString lockFile;      // the catalogue lock (empty: threads only)
        const std::atomic_bool *cancel = nullptr;
        CatalogueFactory makeCatalogue;
        qint64 chunkedAbove = qint64(100) << 20;
    };

    RunPreparation(RunEventSink &events, CatalogueReader &reader, CatalogueWriter &writer, Options options,
                   const Clock &clock = Clock::system());

    static Result<PreparedRun> loadSettings(const Options &options, const Clock &clock, Plan &plan);

    // Failures are user errors (settings, credentials) or server errors;
    // problems a Test Run can report and go on past are put in the plan.
    Status prepare(PreparedRun &prepared, Plan &plan);

private:
    Status checkServer(PreparedRun &prepared, Plan &plan);
    Status decideUploadMethod(PreparedRun &prepared, Plan &plan);
    void say(Plan &plan, const QString &sentence);

    RunEventSink &m_events;
    CatalogueReader &m_reader;
    CatalogueWriter &m_writer;
    Options m_options;
    const Clock &m_clock;
    std::optional<UploaderRecord> m_uploader;
};

} // namespace tardigrade
