#pragma once

#include "settings/Settings.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

class QMimeData;
class QWidget;

namespace tardigrade::ui {

// The settings dialog's files other than its own: a copy saved elsewhere
// (Save a Copy…) and a MyData.cfg opened or dropped onto it.

// Where a copy goes and whether it carries the API key. The key stays out
// unless asked for: a copy is often mailed, and the key uploads as the
// facility account.
struct SettingsCopyChoice {
    QString path;
    bool withApiKey = false;
};
// Asks for both (nullopt: cancelled). The dialog's default asks with a file
// dialog and, when there is a key, a question; tests answer instead.
using SettingsCopyChooser = std::function<std::optional<SettingsCopyChoice>(QWidget *parent, bool hasApiKey)>;
std::optional<SettingsCopyChoice> askWhereToCopySettings(QWidget *parent, bool hasApiKey);

// MyData.cfg text of `settings`: SettingsFile::serialize, which never
// writes the API key, plus the key when asked for.
QByteArray settingsCopyText(const Settings &settings, bool withApiKey);
// Writes it to `path` (atomically); one sentence when it cannot.
Status writeSettingsCopy(const Settings &settings, const SettingsCopyChoice &choice);

// The settings file among dropped or pasted data: one local file ending in
// .cfg, or empty.
QString droppedSettingsFile(const QMimeData *data);

} // namespace tardigrade::ui
