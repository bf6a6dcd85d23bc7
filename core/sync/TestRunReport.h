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

// Human-readable byte counts ("1.5 MB"), decimal units as file managers show
// them; the one format of the CLI, the reports and the GUI's tables.
QString formatBytes(qint64 bytes);

} // namespace tardigrade
