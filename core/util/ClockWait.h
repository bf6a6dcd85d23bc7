#pragma once

#include "Clock.h"

#include <condition_variable>
#include <functional>
#include <mutex>

namespace tardigrade {

// Waits up to `ms` on `clock`, or until `woken` (checked with `lock` held)
// is true after `cv` is notified; `lock` is released while waiting. True
// when woken. A poll thread waits here so that news wakes it at once. Any
// clock but the system's is a test's, which skips its sleeps: there the
// wait is a moment of real time (so a polling thread does not spin) and
// then a sleep on that clock.
bool waitOnClock(const Clock &clock, std::condition_variable &cv, std::unique_lock<std::mutex> &lock, qint64 ms,
                 const std::function<bool()> &woken);

} // namespace tardigrade
