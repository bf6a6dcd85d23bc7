#include "NextRun.h"

#include "ZoneTime.h"

namespace tardigrade {

namespace {

// The first occurrence of spec.time on an allowed day after `from` (at or
// after it when `inclusive`). Looks from the day before (zone edge cases) to
// eight days ahead, which covers any weekly pattern.
template <typename DayFilter>
std::optional<QDateTime> firstOccurrence(const ScheduleSpec &spec, const QDateTime &from, bool inclusive,
                                         DayFilter allowed)
{
    const QDate day0 = from.toTimeZone(spec.zone).date();
    for (int i = -1; i <= 8; ++i) {
        const QDate day = day0.addDays(i);
        if (!allowed(day))
            continue;
        const QDateTime at = firstInstantAt(day, spec.time, spec.zone);
        if (inclusive ? at >= from : at > from)
            return at;
    }
    return std::nullopt;
}

// `at` itself when inside the Timer window, else the window's next opening.
QDateTime timerWindowAtOrAfter(const ScheduleSpec &spec, const QDateTime &at)
{
    if (isInTimerWindow(spec, at))
        return at.toTimeZone(spec.zone);
    const QDate day0 = at.toTimeZone(spec.zone).date();
    for (int i = 0; i <= 2; ++i) {
        const QDateTime opening = firstInstantAt(day0.addDays(i), spec.timerFrom, spec.zone);
        if (opening > at)
            return opening;
    }
    return at.toTimeZone(spec.zone); // unreachable with a valid zone
}

bool anyWeekday(const ScheduleSpec &spec)
{
    for (const bool d : spec.weekdays)
        if (d)
            return true;
    return false;
}

} // namespace

bool isInTimerWindow(const ScheduleSpec &spec, const QDateTime &at)
{
    const QTime t = at.toTimeZone(spec.zone).time();
    const QTime &from = spec.timerFrom;
    const QTime &to = spec.timerTo;
    if (from == to)
        return true; // a zero-length window cannot be meant: all day
    if (from < to)
        return from <= t && t <= to;
    return t >= from || t <= to; // wraps past midnight, e.g. 22:00-02:00
}

std::optional<QDateTime> nextRunTime(const ScheduleSpec &spec, const QDateTime &now,
                                     const std::optional<QDateTime> &lastRun)
{
    if (!now.isValid())
        return std::nullopt;
    const bool counted = lastRun.has_value() && lastRun->isValid();
    // A last run later than now means the wall clock went back: count from
    // now instead of waiting for the old time to come round again.
    const QDateTime from = counted ? std::min(*lastRun, now) : now;

    std::optional<QDateTime> next;
    switch (spec.type) {
    case ScheduleType::OnStartup:
    case ScheduleType::OnSettingsSaved:
    case ScheduleType::Manually:
        return std::nullopt;
    case ScheduleType::Once: {
        if (!spec.date.isValid() || !spec.time.isValid())
            return std::nullopt;
        const QDateTime at = firstInstantAt(spec.date, spec.time, spec.zone);
        if (counted && *lastRun >= at)
            return std::nullopt; // done
        if (!counted && at < now)
            return std::nullopt; // in the past: a validation error, not a run
        next = at;
        break;
    }
    case ScheduleType::Daily:
        if (!spec.time.isValid())
            return std::nullopt;
        next = firstOccurrence(spec, from, !counted, [](const QDate &) { return true; });
        break;
    case ScheduleType::Weekly:
        if (!spec.time.isValid() || !anyWeekday(spec))
            return std::nullopt;
        next = firstOccurrence(spec, from, !counted,
                               [&spec](const QDate &d) { return spec.isWeekdayTicked(d.dayOfWeek()); });
        break;
    case ScheduleType::Timer: {
        if (spec.timerMinutes < 1 || !spec.timerFrom.isValid() || !spec.timerTo.isValid())
            return std::nullopt;
        // Real elapsed time: add seconds in UTC, never to the wall time.
        QDateTime earliest = counted ? from.toUTC().addSecs(qint64(spec.timerMinutes) * spec.timerUnitSeconds) : now;
        if (earliest < now)
            earliest = now; // slept through: once, now (if inside the window)
        return timerWindowAtOrAfter(spec, earliest);
    }
    }
    if (next && *next < now)
        return now; // slept through one or more: run once, now
    return next;
}

QString validateSchedule(const ScheduleSpec &spec, const QDateTime &now)
{
    switch (spec.type) {
    case ScheduleType::OnStartup:
    case ScheduleType::OnSettingsSaved:
    case ScheduleType::Manually:
        return {};
    case ScheduleType::Once: {
        if (!spec.date.isValid() || !spec.time.isValid())
            return QStringLiteral("The Once schedule needs a date and a time; set scheduled_date and scheduled_time.");
        const QDateTime at = firstInstantAt(spec.date, spec.time, spec.zone);
        if (at < now)
            return QStringLiteral("The Once schedule's date and time (%1 %2) are in the past; choose a later time or "
                                  "another schedule type.")
                .arg(spec.date.toString(Qt::ISODate), spec.time.toString(QStringLiteral("HH:mm:ss")));
        return {};
    }
    case ScheduleType::Daily:
        if (!spec.time.isValid())
            return QStringLiteral("The Daily schedule needs a time; set scheduled_time.");
        return {};
    case ScheduleType::Weekly:
        if (!spec.time.isValid())
            return QStringLiteral("The Weekly schedule needs a time; set scheduled_time.");
        if (!anyWeekday(spec))
            return QStringLiteral("The Weekly schedule has no day ticked; tick at least one day of the week.");
        return {};
    case ScheduleType::Timer:
        if (spec.timerMinutes < 1)
            return QStringLiteral("The timer interval must be at least 1 minute; set timer_minutes to 1 or more.");
        if (!spec.timerFrom.isValid() || !spec.timerTo.isValid())
            return QStringLiteral("The Timer schedule needs a From and a To time; set timer_from_time and "
                                  "timer_to_time.");
        return {};
    }
    return {};
}

} // namespace tardigrade
