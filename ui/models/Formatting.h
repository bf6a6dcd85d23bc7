#pragma once

#include <QDateTime>
#include <QString>

namespace tardigrade::ui {

// How sizes, speeds and durations read in the tables and the status bar:
// one place so every tab says "1.5 MB" the same way.
QString formatBytes(qint64 bytes);
QString formatSpeed(double bytesPerSecond); // "" when unknown (<= 0)
QString formatEta(int seconds);             // "" when unknown (< 0), "a few seconds" below 5, never "0 s"
// A moment as every part of the GUI shows it (status bar, tray, log,
// reports): localTimeText(), "Mon 2026-11-30 02:00"; "" when invalid.
QString formatLocalTime(const QDateTime &when);

} // namespace tardigrade::ui

#include "sync/FileState.h"

namespace tardigrade::ui {

// "Transferring", "Verified", ...: the state as a column shows it.
QString fileStateLabel(FileState state);

} // namespace tardigrade::ui
