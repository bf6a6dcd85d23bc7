#pragma once

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QTimeZone>

namespace tardigrade {

// The instant a wall-clock time happens in a zone, with the two DST cases
// decided explicitly (Qt 6.4 has no TransitionResolution yet):
// - a time that does not exist (spring forward, e.g. 02:30 when 02:00 jumps
//   to 03:00) resolves to the first valid instant after it: the transition;
// - a time that happens twice (fall back) resolves to the first of the two,
//   so a daily run in the repeated hour happens once.
// The result is expressed in `zone`.
QDateTime firstInstantAt(const QDate &date, const QTime &time, const QTimeZone &zone);

} // namespace tardigrade
