#pragma once

#include "RunEvents.h"
#include "RunHistory.h"
#include "TestRunTree.h"
#include "util/Clock.h"
#include "util/LogSeverity.h"
#include "util/Result.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>

class QThread;

namespace tardigrade {

class Scheduler;
struct ScheduleSpec;

// The engine as the GUI and `tardigrade run` see it: lives on its own worker
// QThread (EngineThread makes one), holds the Scheduler built from the
// settings and runs one SyncRun at a time when a run falls due, on Sync Now
// or for a Test Run. The blocking SyncRun::run() gets a thread of its own,
// so the engine's thread stays in its event loop during a run: a run due
// meanwhile is skipped and logged, settings and pause apply at once.
// Callers use the slots through queued connections; stop(), pause(),
// resume() and shutdown() only touch atomics (and post the rest to the
// engine's thread), so they may also be called directly from any thread.
//
// Test hook: the environment variable TARDIGRADE_TIMER_SECONDS=N makes a
// Timer schedule's timer_minutes count in units of N seconds (test-only; the
// end-to-end tests cannot wait minutes).
class Engine : public QObject {
    Q_OBJECT
public:
    explicit Engine(const QString &configFile, QObject *parent = nullptr);
    Engine(const QString &configFile, const Clock &clock, QObject *parent = nullptr);
    ~Engine() override;

    QString configFile() const { return m_configFile; }
    bool isRunning() const { return m_running.load(); }
    bool isPaused() const { return m_paused.load(); }
    // Set by start() (engine thread only): tests look at the schedule.
    Scheduler *scheduler() const { return m_scheduler.get(); }

    // Whether settingsSaved() writes the start-on-login entry (GUI: yes; the
    // headless service leaves it to its systemd unit).
    void setApplyAutostart(bool apply) { m_applyAutostart = apply; }

public slots:
    // Reads the settings, builds the schedule and starts it (fires On
    // Startup). Call once, on the engine's thread, after connecting.
    void start();
    void syncNow(); // an upload run now (unless one is running)
    void testRun(); // a Test Run now
    // Thread-safe, call directly: cancels the current run within a second.
    void stop();
    // Thread-safe, call directly: the scheduler stops (resumes) starting runs.
    void pause();
    void resume();
    // Thread-safe, call directly: cancels the current run and refuses new
    // ones, for the program's exit.
    void shutdown();
    // Reload; applies start_automatically_on_login; triggers On Settings Saved.
    void settingsSaved();
    // The settings file changed on disk (the headless service's watcher):
    // when its content differs from what the engine last read, the same as
    // settingsSaved() without autostart. Changes a run made itself (settings
    // pushed by the server) are taken in silently after the run.
    void settingsFileChanged();
    // Thread-safe, call directly: the GUI is about to write the settings
    // file itself. Its change on disk is then taken in without "the
    // settings file changed" in the log; settingsSaved() follows.
    void expectOwnSettingsWrite() { m_ownWritePending = true; }
    // ...and the write failed: changes on disk are news again.
    void ownSettingsWriteFailed() { m_ownWritePending = false; }
    // A write of ours that is not a save of the user's (the uuid given by a
    // staging request) is done: taken in silently, no On Settings Saved run.
    void ownSettingsWriteDone();

signals:
    void runStarted(bool testRun);
    void runFinished(const tardigrade::SyncSummary &summary);
    void testRunReport(const QString &text); // the Test Run's report, as printed by the CLI
    // The same Test Run grouped for the GUI's tree, sent just before testRunReport.
    void testRunTree(const tardigrade::TestRunTree &tree);
    void datasetChanged(const tardigrade::DatasetEvent &event);
    void ownerChanged(const tardigrade::OwnerEvent &event);
    void fileChanged(const tardigrade::FileEvent &event);
    void filesLookedUp(const QVector<tardigrade::LookupEvent> &events); // one dataset's files, as looked up
    void progress(const tardigrade::ProgressEvent &event);
    void message(const QString &sentence); // user-facing status line / notification
    // For the Log tab; the severity colours the line there.
    void logLine(const QString &line, tardigrade::LogSeverity severity = tardigrade::LogSeverity::Info);
    void pausedChanged(bool paused);
    void nextRunChanged(const QDateTime &when);
    // An upload run ended and was added to the run history (after runFinished).
    void runRecorded(const tardigrade::RunRecord &record);

private:
    struct RunOutcome {
        SyncSummary summary;
        std::optional<Error> fatal;
        QString report; // Test Run
        TestRunTree tree; // Test Run
        QString reason;   // what started it, for the run history
    };
    void onRunDue(const QString &reason);
    // Engine thread: what pause() and resume() post for the scheduler.
    void pauseScheduler();
    void resumeScheduler();
    void runOnce(bool testRun, const QString &reason);
    void finishRun(bool testRun, RunOutcome &result);
    void publishNextRun(const QDateTime &when);
    // Reads the settings file; false (logged) when it cannot be read.
    bool reloadSchedule(bool *changed = nullptr);
    void makeScheduler(const ScheduleSpec &spec);
    QString lastRunFile() const;
    void recordInHistory(const SyncSummary &summary, const QString &reason);
    void log(const QString &line);
    void logAs(LogSeverity severity, const QString &line);

    QString m_configFile;
    const Clock &m_clock;
    std::unique_ptr<Scheduler> m_scheduler;
    QThread *m_runThread = nullptr; // the current run's; the engine's own thread stays in its event loop
    QByteArray m_knownSettings;     // the settings as last read, to tell real edits from echoes
    std::atomic_bool m_running{false};
    std::atomic_bool m_cancel{false};
    std::atomic_bool m_paused{false};
    std::atomic_bool m_shutdown{false};
    std::atomic_bool m_ownWritePending{false};
    bool m_applyAutostart = true;
};

// One line for logs: "Run finished: 12 found, 3 uploaded, 3 verified, 0 failed".
QString describeSummary(const SyncSummary &summary);

} // namespace tardigrade
