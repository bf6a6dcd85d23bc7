#include "UpcomingRuns.h"

#include "NextRun.h"

namespace tardigrade {

QVector<QDateTime> upcomingRuns(const ScheduleSpec &spec, const QDateTime &first, int count)
{
    QVector<QDateTime> times;
    if (!spec.isTimed() || !first.isValid() || count <= 0)
        return times;
    times.append(first);
    while (times.size() < count) {
        // As if the run before had just happened: the one after it.
        const auto next = nextRunTime(spec, times.last(), times.last());
        if (!next || *next <= times.last())
            break; // Once: done; never loop on a time that does not move
        times.append(*next);
    }
    return times;
}

} // namespace tardigrade
