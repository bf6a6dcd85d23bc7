#pragma once

#include "Settings.h"

namespace tardigrade {

// Gives the installation its stable `uuid` (the key of its uploader record on
// the server) when it has none yet. Returns true when it made one: the
// caller then saves the settings.
bool ensureInstallationUuid(Settings &settings);

} // namespace tardigrade
