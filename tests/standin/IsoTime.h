#pragma once

#include <QString>

namespace tardigrade::standin {

// Times as Django/MyTardis print them: naive ISO 8601 in local time with
// microseconds (e.g. 2026-11-22T13:12:34.834394).
QString isoNow();
// A stored naive local time as UTC with milliseconds and Z (dataset stats).
QString isoUtcMillis(const QString &naiveLocal);

} // namespace tardigrade::standin
