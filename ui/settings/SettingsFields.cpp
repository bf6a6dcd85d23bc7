#include "SettingsFields.h"

#include "settings/Settings.h"

namespace tardigrade::ui {

namespace {
// The current text is valid for its type; an invalid one is always
// replaced, so the user can fix a broken value through the dialog.
bool currentValid(const Settings &s, SettingKey key)
{
    return Settings::checkValue(keyName(key), s.value(key)).ok();
}
} // namespace

QString boolText(bool value)
{
    return value ? QStringLiteral("True") : QStringLiteral("False");
}

void putString(Settings &s, SettingKey key, const QString &value)
{
    if (s.value(key) != value)
        s.setRawValue(key, value);
}

void putBool(Settings &s, SettingKey key, bool value)
{
    if (currentValid(s, key) && s.boolValue(key) == value)
        return;
    s.setRawValue(key, boolText(value));
}

void putInt(Settings &s, SettingKey key, int value)
{
    if (currentValid(s, key) && !s.value(key).trimmed().isEmpty() && s.intValue(key) == value)
        return;
    s.setRawValue(key, QString::number(value));
}

void putTime(Settings &s, SettingKey key, const QTime &value)
{
    if (currentValid(s, key) && s.timeValue(key) == value)
        return;
    s.setRawValue(key, value.toString(QStringLiteral("HH:mm:ss")));
}

void putDate(Settings &s, SettingKey key, const QDate &value)
{
    if (currentValid(s, key) && s.dateValue(key) == value)
        return;
    s.setRawValue(key, value.toString(QStringLiteral("yyyy-MM-dd")));
}

} // namespace tardigrade::ui
