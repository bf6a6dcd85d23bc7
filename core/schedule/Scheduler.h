#pragma once

#include "ScheduleSpec.h"
#include "util/Clock.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <optional>

namespace tardigrade {

// Turns a ScheduleSpec into runDue() signals. It never runs anything itself:
// the owner (the `run` command, the tray app) connects runDue() to the sync
// engine and reports back with setBusy(true/false) around each run.
//
// Time comes from a Clock; a single-shot timer calls checkNow() at the next
// run, or after at most MaxSleepMs so a suspend/resume or a clock change is
// noticed within a minute. No timer at all while there is nothing to wait for
// (Manually, On Startup, On Settings Saved, paused), so an idle scheduler costs
// no CPU. Tests drive time with a FakeClock and call checkNow().
//
// runDue() reasons: "On Startup", "On Settings Saved", "Sync Now", and for the
// timed types the type name: "Once", "Daily", "Weekly", "Timer".
class Scheduler : public QObject {
    Q_OBJECT
public:
    static constexpr int MaxSleepMs = 60 * 1000;
    static constexpr int MinSleepMs = 1000;

    explicit Scheduler(ScheduleSpec spec, const Clock &clock = Clock::system(), QObject *parent = nullptr);

    const ScheduleSpec &spec() const { return m_spec; }
    // New settings: recompute the next run. A timed schedule counts from now
    // (so editing the time does not fire at once for a time already passed
    // today); a Timer keeps counting from its last run.
    void setSpec(const ScheduleSpec &spec);
    // When the last run started, e.g. restored from the journal, so a run
    // missed while the program was not running happens once at start.
    void setLastRun(const QDateTime &when);
    std::optional<QDateTime> lastRun() const { return m_lastRun; }

    QDateTime nextRun() const { return m_next.value_or(QDateTime()); } // invalid: none
    bool isStarted() const { return m_started; }
    bool isPaused() const { return m_paused; }
    bool isBusy() const { return m_busy; }
    // Milliseconds the wake-up timer is set to, -1 when not armed (tests).
    int armedIntervalMs() const { return m_timer.isActive() ? m_timer.interval() : -1; }

public slots:
    // Begins scheduling; fires On Startup. Connect runDue() first.
    void start();
    void stop();
    // Paused: no scheduled runs (syncNow() still works). A run missed while
    // paused happens once on resume.
    void pause();
    void resume();
    // The owner says a run is (no longer) in progress. A run that falls due
    // while busy is skipped and logged, not queued.
    void setBusy(bool busy);
    // "Sync now" from the user: always fires unless a run is in progress,
    // then returns false and says so via runSkipped().
    bool syncNow();
    // The settings were saved (call setSpec() first): fires On Settings Saved.
    void settingsSaved();
    // Looks at the clock: fires a due run, recomputes and re-arms the timer.
    void checkNow();

signals:
    void runDue(const QString &reason);
    void runSkipped(const QString &why);
    void nextRunChanged(const QDateTime &next); // invalid: no next run
    void pausedChanged(bool paused);

private:
    bool fire(const QString &reason, const QDateTime &now);
    void publishNext(const std::optional<QDateTime> &next);
    void arm(const QDateTime &now);

    ScheduleSpec m_spec;
    const Clock &m_clock;
    QTimer m_timer;
    std::optional<QDateTime> m_lastRun; // last run fired (display)
    std::optional<QDateTime> m_anchor;  // last time a scheduled run fell due, fired or skipped
    std::optional<QDateTime> m_next;
    QDateTime m_published; // last value sent by nextRunChanged()
    bool m_started = false;
    bool m_paused = false;
    bool m_busy = false;
};

} // namespace tardigrade
