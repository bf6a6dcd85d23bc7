#include "Retry.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace tardigrade {

std::chrono::milliseconds backoffDelay(int retry, const Backoff &backoff, double random01,
                                       std::chrono::milliseconds retryAfter)
{
    const double cap = double(backoff.cap.count());
    const int exponent = std::clamp(retry - 1, 0, 30); // 2^30 of any base is past any cap
    double delay = std::min(cap, double(backoff.base.count()) * std::ldexp(1.0, exponent));
    delay *= 1.0 + backoff.jitter * (2.0 * std::clamp(random01, 0.0, 1.0) - 1.0);
    delay = std::clamp(std::max(delay, double(retryAfter.count())), 0.0, cap);
    return std::chrono::milliseconds(qint64(std::llround(delay)));
}

std::chrono::milliseconds backoffDelay(int retry, const Backoff &backoff)
{
    return backoffDelay(retry, backoff, QRandomGenerator::global()->generateDouble());
}

} // namespace tardigrade
