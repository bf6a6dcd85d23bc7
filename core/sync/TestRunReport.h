#pragma once

#include "Plan.h"

#include <QDateTime>
#include <QString>

namespace tardigrade {

// The Test Run's report as text: the same for the CLI and the GUI's Test Run
// window, so a facility manager can send either to support.
// Its first line gives `when` as localTimeText() does, the words the GUI's
// Test Run window heads the report with.
QString renderTestRunReport(const Plan &plan, const QDateTime &when);

// What `upload` would do with the plan's settings problems, said after them:
// "An upload with these settings would not start: fix …". The Test Run fails
// (exit 1) with it, as `upload` refuses with the same settings.
QString testRunVerdict(const Plan &plan);

// What `upload` would do with the files and folders the plan could not
// read: send the rest and end with exit code 2. Empty when it read them
// all. The Test Run ends with it (and exit code 2) when the settings are
// fine: a facility manager checking a setup learns it there, not from the
// first real run.
QString testRunUnreadableVerdict(const Plan &plan);

// Human-readable byte counts ("1.5 MB"), decimal units as file managers show
// them; the one format of the CLI, the reports and the GUI's tables.
QString formatBytes(qint64 bytes);

} // namespace tardigrade
