#pragma once

#include <QtGlobal>

#include <atomic>

namespace tardigrade {

// Waits `ms` milliseconds on a worker thread, waking within 100 ms when
// `cancel` is set. Returns false when cancelled. (Stop means stop: no wait
// before a retry may hold a cancelled run.)
bool sleepUnlessCancelled(qint64 ms, const std::atomic_bool *cancel);

} // namespace tardigrade
