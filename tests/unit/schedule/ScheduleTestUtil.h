#pragma once

#include "schedule/ScheduleSpec.h"
#include "schedule/ZoneTime.h"

#include <QDateTime>
#include <QStringList>
#include <QTimeZone>

// Shared by the schedule tests: every time is Melbourne wall time, which has
// real DST changes (spring forward first Sunday of October 02:00->03:00, fall
// back first Sunday of April 03:00->02:00).
namespace scheduletest {

inline QTimeZone melbourne()
{
    return QTimeZone(QByteArrayLiteral("Australia/Melbourne"));
}

// "2026-03-02T10:00" is Melbourne wall time; "2026-04-05T02:30:00+11:00"
// names one of two repeated instants exactly; "" is no time.
inline QDateTime at(const QString &text)
{
    if (text.isEmpty())
        return {};
    const QString s = text.size() == 16 ? text + QStringLiteral(":00") : text;
    const QDateTime parsed = QDateTime::fromString(s, Qt::ISODate);
    if (parsed.timeSpec() == Qt::OffsetFromUTC || parsed.timeSpec() == Qt::UTC)
        return parsed.toTimeZone(melbourne());
    return tardigrade::firstInstantAt(parsed.date(), parsed.time(), melbourne());
}

inline tardigrade::ScheduleSpec spec(const QString &type, const QString &date, const QString &time, const QString &days,
                                     int minutes, const QString &from, const QString &to)
{
    tardigrade::ScheduleSpec s;
    s.type = tardigrade::scheduleTypeFromName(type).value();
    s.date = QDate::fromString(date, Qt::ISODate);
    s.time = QTime::fromString(time, Qt::ISODate);
    for (const QString &d : days.split(QLatin1Char(','), Qt::SkipEmptyParts))
        s.weekdays[static_cast<size_t>(d.toInt() - 1)] = true;
    s.timerMinutes = minutes;
    if (!from.isEmpty())
        s.timerFrom = QTime::fromString(from, Qt::ISODate);
    if (!to.isEmpty())
        s.timerTo = QTime::fromString(to, Qt::ISODate);
    s.zone = melbourne();
    return s;
}

} // namespace scheduletest
