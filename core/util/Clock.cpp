#include "Clock.h"

#include "CancellableSleep.h"

namespace tardigrade {

namespace {
class SystemClock : public Clock {
public:
    QDateTime now() const override { return QDateTime::currentDateTime(); }
};
} // namespace

bool Clock::sleepUnlessCancelled(qint64 ms, const std::atomic_bool *cancel) const
{
    return tardigrade::sleepUnlessCancelled(ms, cancel);
}

bool Clock::waitOn(std::condition_variable &cv, std::unique_lock<std::mutex> &lock, qint64 ms,
                   const std::function<bool()> &woken) const
{
    return cv.wait_for(lock, std::chrono::milliseconds(qMax<qint64>(0, ms)), woken);
}

bool FakeClock::waitOn(std::condition_variable &cv, std::unique_lock<std::mutex> &lock, qint64 ms,
                       const std::function<bool()> &woken) const
{
    if (cv.wait_for(lock, std::chrono::milliseconds(qMin<qint64>(ms, 5)), woken))
        return true;
    lock.unlock();
    sleepUnlessCancelled(ms, nullptr);
    lock.lock();
    return woken();
}

const Clock &Clock::system()
{
    static const SystemClock clock;
    return clock;
}

} // namespace tardigrade
