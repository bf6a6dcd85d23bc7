#pragma once

#include "util/Result.h"

#include <QString>

namespace tardigrade {

// Scheduled runs are paused while the file `<settings file>.paused` exists.
// A file, not a socket: `tardigrade pause` works whether or not the service
// or the tray app is running, both follow it (ConfigFolderWatcher), and a
// pause outlives a restart.
namespace PauseFlag {
QString path(const QString &configFile);
bool isSet(const QString &configFile);
// Writes or removes the flag; one sentence saying what to do when it cannot.
Status set(const QString &configFile, bool paused);
} // namespace PauseFlag

} // namespace tardigrade
