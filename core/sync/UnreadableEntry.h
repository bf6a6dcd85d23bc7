#pragma once

#include "RunEvents.h"
#include "scan/ScanTypes.h"

namespace tardigrade {

// A file or folder the scan could not read, as the run's failure: one
// sentence that names it, says why and what to do. An upload run counts it
// failed (and exits non-zero) instead of passing over it in silence; the
// Test Run lists it. Nothing of it is journalled, so the next run looks
// again.
FailedFile unreadableFailure(const SkippedEntry &entry);

} // namespace tardigrade
