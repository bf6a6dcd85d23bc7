#include "Scheduler.h"

#include "NextRun.h"
#include "util/Log.h"

#include <algorithm>

namespace tardigrade {

Scheduler::Scheduler(ScheduleSpec spec, const Clock &clock, QObject *parent)
    : QObject(parent), m_spec(std::move(spec)), m_clock(clock)
{
    m_timer.setSingleShot(true);
    // Minute-scale waits do not need millisecond precision; let the kernel
    // batch the wake-up with others.
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::checkNow);
}

void Scheduler::setSpec(const ScheduleSpec &spec)
{
    const bool keepCounting = spec.type == ScheduleType::Timer && m_spec.type == ScheduleType::Timer;
    m_spec = spec;
    if (m_anchor && !keepCounting)
        m_anchor = m_clock.now();
    m_next.reset();
    if (m_started)
        checkNow();
    else
        publishNext(nextRunTime(m_spec, m_clock.now(), m_anchor));
}

void Scheduler::setLastRun(const QDateTime &when)
{
    if (!when.isValid())
        return;
    m_lastRun = when;
    m_anchor = when;
    m_next.reset();
    if (m_started)
        checkNow();
}

void Scheduler::start()
{
    if (m_started)
        return;
    m_started = true;
    qCInfo(lcSchedule).noquote() << "Schedule:" << m_spec.describe();
    if (m_spec.type == ScheduleType::OnStartup)
        fire(QStringLiteral("On Startup"), m_clock.now());
    checkNow();
}

void Scheduler::stop()
{
    m_started = false;
    m_timer.stop();
}

void Scheduler::pause()
{
    if (m_paused)
        return;
    m_paused = true;
    m_timer.stop();
    qCInfo(lcSchedule) << "Scheduled runs paused.";
    emit pausedChanged(true);
}

void Scheduler::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    qCInfo(lcSchedule) << "Scheduled runs resumed.";
    emit pausedChanged(false);
    checkNow();
}

void Scheduler::setBusy(bool busy)
{
    m_busy = busy;
}

bool Scheduler::syncNow()
{
    if (!fire(QStringLiteral("Sync Now"), m_clock.now()))
        return false;
    if (m_spec.type == ScheduleType::Timer) { // the interval restarts from this run
        m_next.reset();
        checkNow();
    }
    return true;
}

void Scheduler::settingsSaved()
{
    if (m_spec.type == ScheduleType::OnSettingsSaved)
        fire(QStringLiteral("On Settings Saved"), m_clock.now());
}

void Scheduler::checkNow()
{
    if (!m_started || m_paused)
        return;
    const QDateTime now = m_clock.now();
    // A remembered next run already passed (we slept through it, or the
    // clock jumped forward) is due. Otherwise recompute from the clock, which
    // also notices a clock that went back.
    bool due = m_next && *m_next <= now;
    if (!due) {
        m_next = nextRunTime(m_spec, now, m_anchor);
        due = m_next && *m_next <= now;
    }
    if (due) {
        fire(scheduleTypeName(m_spec.type), now);
        m_anchor = now; // consumed, whether it ran or was skipped
        m_next = nextRunTime(m_spec, now, m_anchor);
    }
    publishNext(m_next);
    arm(now);
}

bool Scheduler::fire(const QString &reason, const QDateTime &now)
{
    if (m_busy) {
        const QString why = QStringLiteral("The %1 run was skipped because a run is already in progress.").arg(reason);
        qCInfo(lcSchedule).noquote() << why;
        emit runSkipped(why);
        return false;
    }
    qCInfo(lcSchedule).noquote() << "Run due:" << reason;
    m_lastRun = now;
    if (m_spec.type == ScheduleType::Timer || reason != QLatin1String("Sync Now"))
        m_anchor = now; // a manual run restarts a Timer's interval
    emit runDue(reason);
    return true;
}

void Scheduler::publishNext(const std::optional<QDateTime> &next)
{
    const QDateTime value = next.value_or(QDateTime());
    if (value == m_published)
        return;
    m_published = value;
    emit nextRunChanged(value);
}

void Scheduler::arm(const QDateTime &now)
{
    m_timer.stop();
    if (!m_started || m_paused || !m_next)
        return;
    qint64 ms = now.msecsTo(*m_next);
    ms = ((ms + 999) / 1000) * 1000; // whole seconds: no sub-second wake-ups
    m_timer.start(int(std::clamp<qint64>(ms, MinSleepMs, MaxSleepMs)));
}

} // namespace tardigrade
