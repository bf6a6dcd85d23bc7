#include "SettingsFields.h"

#include "settings/Settings.h"

namespace tardigrade::ui {

namespace {
// The current text is valid for its type; an invalid one is always
// replaced, so the user can fix a broken value through the dialog.
bool currentValid(const Settings &s, const QString &key)
{
    return Settings::checkValue(key, s.value(key)).ok();
}
} // namespace

QString boolText(bool value)
{
    return value ? QStringLiteral("True") : QStringLiteral("False");
}

void putString(Settings &s, const QString &key, const QString &value)
{
    if (s.value(key) != value)
        s.setRawValue(key, value);
}

void putBool(Settings &s, const QString &key, bool value)
{
    if (currentValid(s, key) && s.boolValue(key) == value)
        return;
    s.setRawValue(key, boolText(value));
}

void putInt(Settings &s, const QString &key, int value)
{
    if (currentValid(s, key) && !s.value(key).trimmed().isEmpty() && s.intValue(key) == value)
        return;
    s.setRawValue(key, QString::number(value));
}

void putTime(Settings &s, const QString &key, const QTime &value)
{
    if (currentValid(s, key) && s.timeValue(key) == value)
        return;
    s.setRawValue(key, value.toString(QStringLiteral("HH:mm:ss")));
}

void putDate(Settings &s, const QString &key, const QDate &value)
{
    if (currentValid(s, key) && s.dateValue(key) == value)
        return;
    s.setRawValue(key, value.toString(QStringLiteral("yyyy-MM-dd")));
}

} // namespace tardigrade::ui
