#include "ClockWait.h"

namespace tardigrade {

bool waitOnClock(const Clock &clock, std::condition_variable &cv, std::unique_lock<std::mutex> &lock, qint64 ms,
                 const std::function<bool()> &woken)
{
    if (&clock == &Clock::system())
        return cv.wait_for(lock, std::chrono::milliseconds(qMax<qint64>(0, ms)), woken);
    if (cv.wait_for(lock, std::chrono::milliseconds(qMin<qint64>(ms, 5)), woken))
        return true;
    lock.unlock();
    clock.sleepUnlessCancelled(ms, nullptr);
    lock.lock();
    return woken();
}

} // namespace tardigrade
