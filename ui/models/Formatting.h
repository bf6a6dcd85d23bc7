#pragma once

#include <QString>

namespace tardigrade::ui {

// How sizes, speeds and durations read in the tables and the status bar:
// one place so every tab says "1.5 MB" the same way.
QString formatBytes(qint64 bytes);
QString formatSpeed(double bytesPerSecond); // "" when unknown (<= 0)
QString formatEta(int seconds);             // "" when unknown (< 0)

} // namespace tardigrade::ui

#include "sync/FileState.h"

namespace tardigrade::ui {

// "Transferring", "Verified", ...: the state as a column shows it.
QString fileStateLabel(FileState state);

} // namespace tardigrade::ui
