#include "CancellableSleep.h"

#include <QThread>

namespace tardigrade {

bool sleepUnlessCancelled(qint64 ms, const std::atomic_bool *cancel)
{
    for (qint64 slept = 0; slept < ms; slept += 100) {
        if (cancel && cancel->load())
            return false;
        QThread::msleep(ulong(qMin<qint64>(100, ms - slept)));
    }
    return !(cancel && cancel->load());
}

} // namespace tardigrade
