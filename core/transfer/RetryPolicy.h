#pragma once

#include "util/Result.h"

#include <QNetworkReply>
#include <chrono>

namespace tardigrade {

// When to try a failed transfer again and how long to wait first. Pure: the
// random draw for the jitter is a parameter, so the delays are testable.
class RetryPolicy {
public:
    struct Options {
        int maxAttempts = 5;                        // including the first try
        std::chrono::milliseconds baseDelay{2000};  // before the 2nd attempt
        std::chrono::milliseconds maxDelay{120000}; // cap, jitter included
        double jitter = 0.25;                       // +/- fraction of the delay
    };

    RetryPolicy() = default;
    explicit RetryPolicy(const Options &options) : m_options(options) {}

    const Options &options() const { return m_options; }

    // Whether attempt number `attemptsMade + 1` should happen after `error`.
    bool shouldRetry(const Error &error, int attemptsMade) const;

    // Wait before attempt `attempt` (2 = first retry): baseDelay * 2^(attempt-2),
    // spread by +/- jitter using `random01` in [0, 1), never above maxDelay.
    // A server's Retry-After, when given, is honoured up to the cap.
    std::chrono::milliseconds delayBefore(int attempt, double random01,
                                          std::chrono::milliseconds retryAfter = std::chrono::milliseconds(0)) const;

    // The same with a random draw from QRandomGenerator::global().
    std::chrono::milliseconds delayBefore(int attempt) const;

    // Classification of HTTP answers: no answer (0), 408, 425, 429 and 5xx but
    // 501/505 are transient; other 4xx are permanent; 2xx/3xx are not errors
    // and come back as Permanent only if asked (callers do not).
    static ErrorKind classifyHttpStatus(int status);

    // Classification of a QNetworkReply failure: connection-level problems
    // (refused, reset, timeout, DNS, proxy unreachable, TLS handshake cut) are
    // transient; content errors follow the HTTP status.
    static ErrorKind classifyNetworkError(QNetworkReply::NetworkError error, int httpStatus);

private:
    Options m_options;
};

} // namespace tardigrade
