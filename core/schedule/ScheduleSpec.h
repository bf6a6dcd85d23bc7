#pragma once

#include <QDate>
#include <QString>
#include <QTime>
#include <QTimeZone>
#include <array>
#include <optional>

namespace tardigrade {

class Settings;

// The seven schedule types of MyData.cfg's `schedule_type`.
enum class ScheduleType { OnStartup, OnSettingsSaved, Manually, Once, Daily, Weekly, Timer };

QString scheduleTypeName(ScheduleType type);                           // as written in MyData.cfg
std::optional<ScheduleType> scheduleTypeFromName(const QString &name); // case-insensitive

// Everything that decides when runs fall due, read once from the settings.
// Times are wall-clock times in `zone` (the system zone unless a test or a
// facility says otherwise), so a daily 02:00 stays 02:00 across DST changes.
struct ScheduleSpec {
    ScheduleType type = ScheduleType::Manually;
    QDate date;                     // Once
    QTime time;                     // Once, Daily, Weekly
    std::array<bool, 7> weekdays{}; // Weekly; [0] = Monday ... [6] = Sunday (Qt::DayOfWeek - 1)
    int timerMinutes = 15;          // Timer
    int timerUnitSeconds = 60;      // test hook only: the Engine sets it from TARDIGRADE_TIMER_SECONDS
    QTime timerFrom = QTime(0, 0);  // Timer window start (inclusive)
    QTime timerTo = QTime(23, 59);  // Timer window end (inclusive); before From = wraps past midnight
    QTimeZone zone = QTimeZone::systemTimeZone();

    static ScheduleSpec fromSettings(const Settings &settings);
    static ScheduleSpec fromSettings(const Settings &settings, const QTimeZone &zone);

    bool isWeekdayTicked(int qtDayOfWeek) const { return weekdays.at(static_cast<size_t>(qtDayOfWeek - 1)); }
    // True for the types that fire on a clock (Once, Daily, Weekly, Timer).
    bool isTimed() const;
    // One line for the UI and the log, e.g. "Daily at 02:00" or
    // "Every 15 minutes between 22:00 and 02:00".
    QString describe() const;
};

} // namespace tardigrade
