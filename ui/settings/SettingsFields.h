#pragma once

#include <QDate>
#include <QString>
#include <QTime>

#include "settings/SettingsSchema.h"

namespace tardigrade {
class Settings;
}

namespace tardigrade::ui {

// Writing a widget's value back into Settings only when it differs from
// what is there (by meaning, not spelling), so a key the user did not touch
// keeps its original text and stays unset when it was unset: a dialog
// opened and closed with OK changes nothing in the file.
void putString(Settings &s, SettingKey key, const QString &value);
void putBool(Settings &s, SettingKey key, bool value);
void putInt(Settings &s, SettingKey key, int value);
void putTime(Settings &s, SettingKey key, const QTime &value);
void putDate(Settings &s, SettingKey key, const QDate &value);

QString boolText(bool value); // "True" / "False", as MyData.cfg spells them

} // namespace tardigrade::ui
