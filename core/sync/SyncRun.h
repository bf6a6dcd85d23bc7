#pragma once

#include "Plan.h"
#include "RunEvents.h"
#include "catalogue/Catalogue.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace tardigrade {

// One run of the pipeline: settings -> validate -> scan -> look up ->
// (upload -> verify). The stages (RunPreparation, Planner, FileWorker,
// Verifier) are wired here; what they report becomes this object's signals.
// A Test Run is the same pipeline with a catalogue writer that only records
// and no journal: it builds the Plan and reports it, sending nothing that
// changes the server. run() blocks the calling thread; progress is reported
// through signals (safe to connect across threads with queued connections).
class SyncRun : public QObject {
    Q_OBJECT
public:
    struct Options {
        bool testRun = false;
        // Tests shorten the wait for the server's verification.
        int verifyTimeoutSecs = 300;
        // Makes each thread's catalogue; empty: the MyTardis client (tests
        // give an in-process fake).
        CatalogueFactory makeCatalogue;
        // Files from this size go by the chunk API when HTTP is used and the
        // server offers it; 0: 100 MiB, or TARDIGRADE_CHUNKED_ABOVE (bytes, a
        // test hook).
        qint64 chunkedAbove = 0;
    };

    SyncRun(const QString &configFile, Options options, const Clock &clock = Clock::system());
    ~SyncRun() override;

    SyncSummary run(const std::atomic_bool *cancel = nullptr);

    const Plan &plan() const { return m_plan; }
    // Set when the run stopped before or while planning (settings invalid,
    // server unreachable, wrong key, ...): kind User -> exit code 1.
    const std::optional<Error> &fatalError() const { return m_fatal; }

signals:
    void datasetChanged(const tardigrade::DatasetEvent &event);
    void ownerChanged(const tardigrade::OwnerEvent &event);
    void fileChanged(const tardigrade::FileEvent &event);
    void filesLookedUp(const QVector<tardigrade::LookupEvent> &events); // one dataset's files
    void progress(const tardigrade::ProgressEvent &event);
    void message(const QString &sentence);

private:
    class Impl;
    friend class Impl;
    QString m_configFile;
    Options m_options;
    const Clock &m_clock;
    std::unique_ptr<Impl> d;
    Plan m_plan;
    std::optional<Error> m_fatal;
};

} // namespace tardigrade
