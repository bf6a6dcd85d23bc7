#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace tardigrade {

// When the schedule last started a run, kept in a small file beside the
// settings. Read at start-up, so a restart (a reboot for updates, a crash)
// counts a Timer from the last run instead of from the start, and a Daily or
// Weekly run missed while Tardigrade was not running happens once when it is
// back (the same rule as after a sleep, see NextRun.h).
namespace LastRunRecord {
std::optional<QDateTime> read(const QString &path); // none when missing or unreadable
bool write(const QString &path, const QDateTime &when); // atomic replace
} // namespace LastRunRecord

} // namespace tardigrade
