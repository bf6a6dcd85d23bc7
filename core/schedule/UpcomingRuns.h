#pragma once

#include "ScheduleSpec.h"

#include <QDateTime>
#include <QVector>

namespace tardigrade {

// The next `count` times a timed schedule falls due, starting with `first`
// (the Scheduler's next run, which knows about the last run and a pause),
// each following one as nextRunTime() gives it after the one before. Empty
// for the types that are events (On Startup, On Settings Saved, Manually)
// or when `first` is invalid; a Once schedule has one. Pure, for the Tasks
// tab's "Next runs".
QVector<QDateTime> upcomingRuns(const ScheduleSpec &spec, const QDateTime &first, int count);

} // namespace tardigrade
