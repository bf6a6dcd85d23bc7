#pragma once

#include "ScheduleSpec.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace tardigrade {

// When the next scheduled run falls due. Pure: same inputs, same answer; no
// clock, no timer. The Scheduler calls it; tests call it directly.
//
// `lastRun` is when a scheduled run last fell due (ran or was skipped);
// nullopt means "never in this process": counting starts at `now`.
//
// - On Startup, On Settings Saved, Manually: nullopt. They are events, not
//   times; Scheduler::start(), Scheduler::settingsSaved() and
//   Scheduler::syncNow() fire them.
// - Once: the scheduled date + time; nullopt when already run at or after it,
//   or (never run) when it is in the past - validateSchedule() reports that.
// - Daily / Weekly: the scheduled time on each (ticked) day, in spec.zone's
//   wall time (see firstInstantAt() for DST gaps and repeats).
// - Timer: lastRun + timerMinutes of real elapsed time (never run: now), but
//   only inside [timerFrom, timerTo] wall time, which may wrap past midnight;
//   outside it, the window's next opening. From == To means all day.
//
// Missed runs: when the occurrence after `lastRun` is already past (the
// machine slept through it), the answer is `now` - one run, not a burst
// (Timer: `now` if inside the window, else the next opening).
// Clock jumped back (lastRun later than now): counting restarts from `now`,
// so there is neither a run storm nor a stall until the old time returns.
//
// An answer <= now means "due now".
std::optional<QDateTime> nextRunTime(const ScheduleSpec &spec, const QDateTime &now,
                                     const std::optional<QDateTime> &lastRun);

// Empty when the spec can run as written; otherwise one sentence saying what
// is wrong and what to do (for the settings dialog and `tardigrade validate`).
QString validateSchedule(const ScheduleSpec &spec, const QDateTime &now);

// True when `at` lies inside the Timer window (both ends inclusive).
bool isInTimerWindow(const ScheduleSpec &spec, const QDateTime &at);

} // namespace tardigrade
