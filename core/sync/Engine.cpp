#include "Engine.h"

#include "SyncRun.h"
#include "TestRunReport.h"
#include "platform/Autostart.h"
#include "schedule/LastRunRecord.h"
#include "schedule/ScheduleSpec.h"
#include "schedule/Scheduler.h"
#include "settings/ConfigPaths.h"
#include "settings/SettingsFile.h"
#include "util/TimeText.h"

#include <QFile>
#include <QMetaObject>
#include <QThread>

namespace tardigrade {

namespace {

const QString kSyncNow = QStringLiteral("Sync Now");

// Test-only: TARDIGRADE_TIMER_SECONDS=N counts a Timer's minutes in N-second
// units so an end-to-end test sees several runs in a few seconds.
int timerUnitSeconds()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("TARDIGRADE_TIMER_SECONDS", &ok);
    return ok && n > 0 ? n : 60;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

QString describeSummary(const SyncSummary &s)
{
    // A run that never reached its files did not "find 0 files": it failed,
    // and the one sentence says why.
    if (!s.fatalError.isEmpty())
        return (s.testRun ? QStringLiteral("Test Run failed: %1") : QStringLiteral("Run failed: %1")).arg(s.fatalError);
    QString line;
    if (s.testRun) {
        line = QStringLiteral("Test Run finished: %1 files found in %2 datasets, %3 would be uploaded")
                   .arg(s.found)
                   .arg(s.datasets)
                   .arg(s.wouldUpload);
    } else {
        line = QStringLiteral("Run finished: %1 files found in %2 datasets, %3 already verified, %4 uploaded, "
                              "%5 verified, %6 failed")
                   .arg(s.found)
                   .arg(s.datasets)
                   .arg(s.alreadyVerified)
                   .arg(s.uploaded)
                   .arg(s.verified)
                   .arg(s.failed.size());
    }
    // Not verified and not retried: a person decides (the log has a line per file with both MD5s).
    if (const int open = s.openConflicts(); open > 0)
        line += QStringLiteral(", %1 in conflict with a different file of the same name on the server").arg(open);
    if (s.cancelled)
        line += QStringLiteral(" (stopped: %1 files left; the next run continues where it left off)").arg(s.filesLeft());
    return line + QLatin1Char('.');
}

Engine::Engine(const QString &configFile, QObject *parent) : Engine(configFile, Clock::system(), parent) {}

Engine::Engine(const QString &configFile, const Clock &clock, QObject *parent)
    : QObject(parent), m_configFile(configFile), m_clock(clock)
{
    qRegisterMetaType<SyncSummary>();
    qRegisterMetaType<DatasetEvent>();
    qRegisterMetaType<OwnerEvent>();
    qRegisterMetaType<FileEvent>();
    qRegisterMetaType<QVector<LookupEvent>>();
    qRegisterMetaType<ProgressEvent>();
    qRegisterMetaType<TestRunTree>();
    qRegisterMetaType<LogSeverity>();
    qRegisterMetaType<RunRecord>();
}

Engine::~Engine()
{
    // EngineThread deletes the engine on its own thread once quit() reaches
    // it through Qt's event queue, a hand-over ThreadSanitizer cannot see.
    // The owner's last call is shutdown(); reading its flag here orders the
    // owner's calls before this delete (tst_engine pauseAndStopFromAnotherThread).
    (void)m_shutdown.load(std::memory_order_acquire);
    // Only when the owner gave up waiting: the run must end before the
    // objects it reports to go away.
    if (m_runThread) {
        m_cancel = true;
        m_runThread->wait();
        delete m_runThread;
    }
}

void Engine::log(const QString &line)
{
    // The owner decides where lines go (the GUI's Log tab, the service's
    // stderr), so each is written once.
    emit logLine(line);
}

void Engine::logAs(LogSeverity severity, const QString &line)
{
    emit logLine(line, severity);
}

bool Engine::reloadSchedule(bool *changed)
{
    const QByteArray bytes = fileBytes(m_configFile);
    const bool differs = bytes != m_knownSettings || !m_scheduler;
    if (changed)
        *changed = differs;
    if (!differs)
        return true;
    auto settings = SettingsFile::load(m_configFile);
    if (!settings) {
        logAs(LogSeverity::Error, settings.error().message);
        return false;
    }
    m_knownSettings = bytes;
    ScheduleSpec spec = ScheduleSpec::fromSettings(*settings);
    spec.timerUnitSeconds = timerUnitSeconds();
    if (!m_scheduler) {
        makeScheduler(spec);
    } else {
        m_scheduler->setSpec(spec);
    }
    log(QStringLiteral("Schedule: %1.").arg(spec.describe()));
    return true;
}

void Engine::start()
{
    if (m_scheduler || m_shutdown)
        return;
    if (!reloadSchedule())
        makeScheduler(ScheduleSpec{}); // unreadable settings: an idle Manually schedule until they are fixed
    if (const auto last = LastRunRecord::read(lastRunFile()))
        m_scheduler->setLastRun(*last);
    if (m_paused)
        m_scheduler->pause();
    m_scheduler->start();
    // The scheduler only reports a next run it has; the UI waits for a first
    // answer before it shows "Next run", so "none" is said once here.
    if (!m_scheduler->nextRun().isValid())
        publishNextRun(QDateTime());
}

void Engine::publishNextRun(const QDateTime &when)
{
    log(when.isValid() ? QStringLiteral("Next run: %1.").arg(localTimeText(when))
                       : QStringLiteral("Next run: manual only."));
    emit nextRunChanged(when);
}

void Engine::syncNow()
{
    if (m_scheduler)
        m_scheduler->syncNow(); // restarts a Timer's interval; says so when busy
    else
        runOnce(false, kSyncNow);
}

void Engine::testRun()
{
    runOnce(true, QStringLiteral("Test Run"));
}

void Engine::stop()
{
    if (m_running)
        log(QStringLiteral("Stopping the current run."));
    m_cancel = true;
}

void Engine::shutdown()
{
    m_shutdown = true;
    m_cancel = true;
}

void Engine::pause()
{
    if (m_paused.exchange(true))
        return;
    log(QStringLiteral("Paused: no scheduled runs until resumed."));
    emit pausedChanged(true);
    // The scheduler belongs to the engine's thread (the caller may be on
    // another); onRunDue() checks m_paused until this has run. Posted by
    // member pointer, not as a lambda: a lambda's captures are written on the
    // caller's thread and read on the engine's, handed over inside Qt where
    // ThreadSanitizer cannot see it (tst_service, `tardigrade run` paused).
    QMetaObject::invokeMethod(this, &Engine::pauseScheduler, Qt::QueuedConnection);
}

void Engine::pauseScheduler()
{
    if (m_scheduler && m_paused)
        m_scheduler->pause();
}

void Engine::resume()
{
    if (!m_paused.exchange(false))
        return;
    log(QStringLiteral("Resumed: scheduled runs start again."));
    emit pausedChanged(false);
    QMetaObject::invokeMethod(this, &Engine::resumeScheduler, Qt::QueuedConnection);
}

void Engine::resumeScheduler()
{
    if (m_scheduler && !m_paused)
        m_scheduler->resume(); // a run missed while paused happens now
}

void Engine::settingsSaved()
{
    m_ownWritePending = false;
    if (!reloadSchedule())
        return;
    if (m_applyAutostart) {
        auto settings = SettingsFile::load(m_configFile);
        if (settings) {
            const Result<QString> s = Autostart::applyForThisProgram(
                settings->boolValue(SettingKey::StartAutomaticallyOnLogin), m_configFile);
            if (!s)
                logAs(LogSeverity::Error, s.error().message);
        }
    }
    if (m_scheduler)
        m_scheduler->settingsSaved();
}

void Engine::ownSettingsWriteDone()
{
    reloadSchedule();
    m_ownWritePending = false;
}

void Engine::settingsFileChanged()
{
    bool changed = false;
    if (!reloadSchedule(&changed) || !changed)
        return;
    // Our own writes are not news: the GUI's save (settingsSaved() follows)
    // and, during a run, settings pushed by the server (taken in after it).
    if (m_ownWritePending || m_running)
        return;
    log(QStringLiteral("The settings file changed; settings reloaded."));
    if (m_scheduler)
        m_scheduler->settingsSaved();
}

void Engine::onRunDue(const QString &reason)
{
    if (m_paused && reason != kSyncNow) {
        log(QStringLiteral("The %1 run was skipped because scheduled runs are paused.").arg(reason));
        return;
    }
    if (m_scheduler && m_scheduler->lastRun() &&
        !LastRunRecord::write(lastRunFile(), *m_scheduler->lastRun()))
        logAs(LogSeverity::Warning, QStringLiteral("Could not record the time of this run in %1; after a restart "
                                                   "the schedule counts from the start.")
                                        .arg(lastRunFile()));
    runOnce(false, reason);
}

void Engine::makeScheduler(const ScheduleSpec &spec)
{
    m_scheduler = std::make_unique<Scheduler>(spec, m_clock);
    connect(m_scheduler.get(), &Scheduler::runDue, this, &Engine::onRunDue);
    connect(m_scheduler.get(), &Scheduler::runSkipped, this, &Engine::log);
    connect(m_scheduler.get(), &Scheduler::nextRunChanged, this, &Engine::publishNextRun);
}

void Engine::recordInHistory(const SyncSummary &summary, const QString &reason)
{
    const RunRecord record = RunRecord::of(summary, reason);
    const QString file = ConfigPaths::stateFile(m_configFile, StateFile::RunHistory);
    int dropped = 0;
    if (!RunHistory::append(file, record, &dropped))
        logAs(LogSeverity::Warning,
              QStringLiteral("Could not add this run to the run history in %1; check that the folder is writable.")
                  .arg(file));
    else if (dropped > 0)
        logAs(LogSeverity::Warning, QStringLiteral("The run history in %1 had %2 damaged lines; they were dropped "
                                                   "and the history carries on without them.")
                                        .arg(file)
                                        .arg(dropped));
    emit runRecorded(record);
}

QString Engine::lastRunFile() const
{
    return ConfigPaths::stateFile(m_configFile, StateFile::LastRun);
}

void Engine::runOnce(bool testRun, const QString &reason)
{
    if (m_shutdown)
        return;
    if (m_running.exchange(true)) {
        log(QStringLiteral("The %1 run was skipped because a run is already in progress.").arg(reason));
        return;
    }
    m_cancel = false;
    if (m_shutdown) { // shutdown() between the checks: its cancel was just reset
        m_running = false;
        return;
    }
    if (m_scheduler)
        m_scheduler->setBusy(true);

    emit runStarted(testRun);
    log(QStringLiteral("%1 started (%2).").arg(testRun ? QStringLiteral("Test Run") : QStringLiteral("Run"), reason));

    // The run blocks its own thread, so this one stays in its event loop:
    // the scheduler notices (and skips) runs falling due meanwhile, and
    // pause/resume/settings take effect during a long upload.
    auto result = std::make_shared<RunOutcome>();
    result->reason = reason;
    m_runThread = QThread::create([this, testRun, result] {
        SyncRun::Options options;
        options.testRun = testRun;
        SyncRun run(m_configFile, options, m_clock);
        // Emitted from the run's worker threads: direct connections pass
        // the events on at once (receivers on other threads are queued by
        // Qt as usual).
        connect(&run, &SyncRun::datasetChanged, this, &Engine::datasetChanged, Qt::DirectConnection);
        connect(&run, &SyncRun::ownerChanged, this, &Engine::ownerChanged, Qt::DirectConnection);
        connect(&run, &SyncRun::fileChanged, this, &Engine::fileChanged, Qt::DirectConnection);
        connect(&run, &SyncRun::filesLookedUp, this, &Engine::filesLookedUp, Qt::DirectConnection);
        connect(&run, &SyncRun::progress, this, &Engine::progress, Qt::DirectConnection);
        connect(&run, &SyncRun::message, this, &Engine::message, Qt::DirectConnection);
        // A run speaks up only for what the user should notice (staging not
        // approved, a setting ignored, the journal failing): a warning.
        connect(
            &run, &SyncRun::message, this, [this](const QString &s) { logAs(LogSeverity::Warning, s); },
            Qt::DirectConnection);
        result->summary = run.run(&m_cancel);
        result->fatal = run.fatalError();
        if (testRun && !run.fatalError()) {
            result->report = renderTestRunReport(run.plan(), result->summary.started);
            result->tree = TestRunTree::fromPlan(run.plan(), result->summary.started); // the report's time
        }
    });
    m_runThread->setObjectName(QStringLiteral("tardigrade-run"));
    connect(m_runThread, &QThread::finished, this, [this, testRun, result] { finishRun(testRun, *result); });
    m_runThread->start();
}

void Engine::finishRun(bool testRun, RunOutcome &result)
{
    if (m_runThread) {
        m_runThread->wait();
        delete m_runThread;
        m_runThread = nullptr;
    }
    SyncSummary &summary = result.summary;
    if (result.fatal && !summary.cancelled) {
        summary.messages << result.fatal->message;
        summary.fatalError = result.fatal->message;
    }
    if (testRun && !result.fatal) {
        emit testRunTree(result.tree);
        emit testRunReport(result.report);
    }
    for (const FailedFile &f : std::as_const(summary.failed))
        logAs(LogSeverity::Error, QStringLiteral("Failed: %1: %2").arg(f.path, f.reason));
    logAs(!summary.fatalError.isEmpty() ? LogSeverity::Error
          : !summary.failed.isEmpty()   ? LogSeverity::Warning
                                        : LogSeverity::Info,
          describeSummary(summary));
    emit runFinished(summary);
    if (!testRun) // a Test Run changes nothing: the history lists what was done
        recordInHistory(summary, result.reason);

    // The server may have pushed new settings during the run (RunPreparation
    // saved them): take them in without counting it as a user's save.
    reloadSchedule();
    if (m_scheduler)
        m_scheduler->setBusy(false);
    m_running = false;
}

} // namespace tardigrade
