#pragma once

#include "RunStatus.h"
#include "util/LogSeverity.h"

#include <QIcon>

namespace tardigrade::ui {

// The SVG icons of resources/: the resources live in a static library, so
// they are registered explicitly once (initResources) before any is used.
void initResources();
QIcon appIcon();
QIcon stateIcon(RunStatus::State state);
QIcon actionIcon(const char *name); // "sync", "stop", ...: resources/icons/<name>.svg
// A warning triangle or an error sign beside a line that needs a look; none for Info.
QIcon severityIcon(LogSeverity severity);

} // namespace tardigrade::ui
