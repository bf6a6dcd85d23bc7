#pragma once

#include "Clock.h"
#include "Result.h"

#include <QtGlobal>

#include <atomic>
#include <chrono>
#include <functional>

namespace tardigrade {

// How long to wait between attempts: base * 2^(retry - 1), never above the
// cap, spread by +/- jitter so that workers failing together do not retry
// together.
struct Backoff {
    std::chrono::milliseconds base{500};
    std::chrono::milliseconds cap{30000};
    double jitter = 0.25; // fraction of the delay, either way
};

// The one backoff function (pure: the random draw is a parameter). `retry`
// counts from 1 (the wait before the second attempt); a server's
// Retry-After, when given, is honoured up to the cap.
std::chrono::milliseconds backoffDelay(int retry, const Backoff &backoff, double random01,
                                       std::chrono::milliseconds retryAfter = std::chrono::milliseconds(0));
// The same with a random draw of its own.
std::chrono::milliseconds backoffDelay(int retry, const Backoff &backoff);

// Whether a loop above the request layer (a file's attempts, a stage) may
// try again after `error`: transient failures of SSH or the local machine.
// HTTP failures are retried by the request layer alone, which has done all
// it may by the time the error reaches a loop.
inline bool retryableAboveRequests(const Error &error)
{
    return error.kind == ErrorKind::Transient && error.origin != ErrorOrigin::Http;
}

// Runs `attempt` until it succeeds, fails in a way no retry can mend
// (retryableAboveRequests), or has run `maxAttempts` times, waiting
// backoffDelay() on `clock` between attempts (cancel ends the wait and the
// loop). `beforeRetry` sees each error that is retried.
template <typename F>
auto retryAboveRequests(int maxAttempts, const Backoff &backoff, const Clock &clock, const std::atomic_bool *cancel,
                        F attempt, const std::function<void(const Error &)> &beforeRetry = {}) -> decltype(attempt())
{
    for (int made = 1;; ++made) {
        auto result = attempt();
        if (result || !retryableAboveRequests(result.error()) || made >= maxAttempts)
            return result;
        if (beforeRetry)
            beforeRetry(result.error());
        if (!clock.sleepUnlessCancelled(backoffDelay(made, backoff).count(), cancel))
            return Error::cancelled();
    }
}

// Creates something on the server with `create`. When its answer was lost
// (Error::outcomeUnknown: the server may or may not have made it), looks it
// up with `find` before creating it again, up to `maxAttempts` creates: the
// one place a create is repeated, so nothing is made twice. `find` answers
// Result<std::optional<T>>. Eight creates, as many tries as the request
// layer gives a request it may resend (ClientConfig::maxTries): with five, one
// file in 50,000 failed at 10% server faults (the soak run). `foundInstead`,
// when given, tells whether the result was found after a lost answer rather
// than answered by a create: most likely ours, but not surely (another
// installation, which does not share our lock, may have made it and filled
// it meanwhile), so it is not to be taken as new and empty.
template <typename T, typename Create, typename Find>
Result<T> createOrFind(Create create, Find find, const Clock &clock, const std::atomic_bool *cancel,
                       bool *foundInstead = nullptr, int maxAttempts = 8)
{
    if (foundInstead)
        *foundInstead = false;
    for (int made = 1;; ++made) {
        Result<T> result = create();
        if (result || !result.error().outcomeUnknown || made >= maxAttempts)
            return result;
        auto found = find();
        if (!found)
            return found.error();
        if (found->has_value()) {
            if (foundInstead)
                *foundInstead = true;
            return **found;
        }
        if (!clock.sleepUnlessCancelled(backoffDelay(made, Backoff{}).count(), cancel))
            return Error::cancelled();
    }
}

} // namespace tardigrade
