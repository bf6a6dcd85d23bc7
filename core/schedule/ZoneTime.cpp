#include "ZoneTime.h"

#include <algorithm>
#include <vector>

namespace tardigrade {

QDateTime firstInstantAt(const QDate &date, const QTime &time, const QTimeZone &zone)
{
    if (!zone.isValid())
        return QDateTime(date, time);
    // Read the wall time as if it were UTC, then try every offset the zone
    // uses within a day either side: each that maps back to the same wall
    // time is a real instant of it.
    const QDateTime naive(date, time, Qt::UTC);
    std::vector<int> offsets;
    for (const qint64 shift : {-86400LL, 0LL, 86400LL}) {
        const int off = zone.offsetFromUtc(naive.addSecs(shift));
        if (std::find(offsets.begin(), offsets.end(), off) == offsets.end())
            offsets.push_back(off);
    }
    QDateTime best;
    for (const int off : offsets) {
        const QDateTime utc = naive.addSecs(-off);
        const QDateTime local = utc.toTimeZone(zone);
        if (local.date() == date && local.time() == time && (!best.isValid() || utc < best))
            best = utc;
    }
    if (best.isValid())
        return best.toTimeZone(zone);

    // In a gap: the earliest reading (largest offset) lies before the
    // transition, which is the first instant that exists after the wall time.
    const int largest = *std::max_element(offsets.begin(), offsets.end());
    const QTimeZone::OffsetData transition = zone.nextTransition(naive.addSecs(-largest));
    if (transition.atUtc.isValid())
        return transition.atUtc.toTimeZone(zone);
    return QDateTime(date, time, zone); // no transition data: Qt's own resolution
}

} // namespace tardigrade
