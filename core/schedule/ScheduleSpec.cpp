#include "ScheduleSpec.h"

#include "settings/Settings.h"

#include <QLocale>
#include <QStringList>

namespace tardigrade {

namespace {
struct TypeName {
    ScheduleType type;
    const char *name;
};
constexpr TypeName kTypeNames[] = {
    {ScheduleType::OnStartup, "On Startup"}, {ScheduleType::OnSettingsSaved, "On Settings Saved"},
    {ScheduleType::Manually, "Manually"},    {ScheduleType::Once, "Once"},
    {ScheduleType::Daily, "Daily"},          {ScheduleType::Weekly, "Weekly"},
    {ScheduleType::Timer, "Timer"},
};

// The settings keys of the weekdays, Monday first like QDate::dayOfWeek().
QString hhmm(const QTime &t)
{
    return t.second() == 0 ? t.toString(QStringLiteral("HH:mm")) : t.toString(QStringLiteral("HH:mm:ss"));
}
} // namespace

QString scheduleTypeName(ScheduleType type)
{
    for (const TypeName &t : kTypeNames)
        if (t.type == type)
            return QString::fromLatin1(t.name);
    return QStringLiteral("Manually");
}

std::optional<ScheduleType> scheduleTypeFromName(const QString &name)
{
    const QString trimmed = name.trimmed();
    for (const TypeName &t : kTypeNames)
        if (trimmed.compare(QLatin1String(t.name), Qt::CaseInsensitive) == 0)
            return t.type;
    return std::nullopt;
}

ScheduleSpec ScheduleSpec::fromSettings(const Settings &settings)
{
    return fromSettings(settings, QTimeZone::systemTimeZone());
}

ScheduleSpec ScheduleSpec::fromSettings(const Settings &s, const QTimeZone &zone)
{
    ScheduleSpec spec;
    // An unknown type cannot come out of a validated file; if it does, the
    // safe reading is "only when asked".
    spec.type = scheduleTypeFromName(s.value(SettingKey::ScheduleType)).value_or(ScheduleType::Manually);
    spec.date = s.dateValue(SettingKey::ScheduledDate);
    spec.time = s.timeValue(SettingKey::ScheduledTime);
    for (size_t i = 0; i < 7; ++i)
        spec.weekdays[i] = s.boolValue(weekdayKeys()[i]);
    spec.timerMinutes = s.intValue(SettingKey::TimerMinutes);
    spec.timerFrom = s.timeValue(SettingKey::TimerFromTime);
    spec.timerTo = s.timeValue(SettingKey::TimerToTime);
    spec.zone = zone;
    return spec;
}

bool ScheduleSpec::isTimed() const
{
    return type == ScheduleType::Once || type == ScheduleType::Daily || type == ScheduleType::Weekly ||
           type == ScheduleType::Timer;
}

QString ScheduleSpec::describe() const
{
    switch (type) {
    case ScheduleType::OnStartup:
        return QStringLiteral("On startup");
    case ScheduleType::OnSettingsSaved:
        return QStringLiteral("When the settings are saved");
    case ScheduleType::Manually:
        return QStringLiteral("Manually");
    case ScheduleType::Once:
        return QStringLiteral("Once on %1 at %2").arg(date.toString(Qt::ISODate), hhmm(time));
    case ScheduleType::Daily:
        return QStringLiteral("Daily at %1").arg(hhmm(time));
    case ScheduleType::Weekly: {
        QStringList days;
        const QLocale c = QLocale::c();
        for (int d = 1; d <= 7; ++d)
            if (isWeekdayTicked(d))
                days << c.dayName(d, QLocale::ShortFormat);
        return QStringLiteral("Weekly on %1 at %2").arg(days.join(QStringLiteral(", ")), hhmm(time));
    }
    case ScheduleType::Timer:
        if (timerFrom == timerTo)
            return QStringLiteral("Every %1 minutes").arg(timerMinutes);
        return QStringLiteral("Every %1 minutes between %2 and %3")
            .arg(timerMinutes)
            .arg(hhmm(timerFrom), hhmm(timerTo));
    }
    return {};
}

} // namespace tardigrade
