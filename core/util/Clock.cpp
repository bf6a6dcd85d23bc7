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

const Clock &Clock::system()
{
    static const SystemClock clock;
    return clock;
}

} // namespace tardigrade
