#pragma once

#include <QDateTime>
#include <QString>

namespace tardigrade {

// How a moment reads everywhere a person sees one: the status bar, the
// tray, the log, the Test Run report and the support file. Local time,
// "Mon 2026-11-30 02:00": the weekday for schedules, an ISO date nobody
// misreads across countries, no seconds. "" for an invalid moment.
QString localTimeText(const QDateTime &when);

} // namespace tardigrade
