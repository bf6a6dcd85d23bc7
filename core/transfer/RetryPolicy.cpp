#include "RetryPolicy.h"

#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

namespace tardigrade {

bool RetryPolicy::shouldRetry(const Error &error, int attemptsMade) const
{
    return error.kind == ErrorKind::Transient && attemptsMade < m_options.maxAttempts;
}

std::chrono::milliseconds RetryPolicy::delayBefore(int attempt, double random01,
                                                   std::chrono::milliseconds retryAfter) const
{
    const double cap = double(m_options.maxDelay.count());
    const int exponent = std::clamp(attempt - 2, 0, 30); // 2^30 * any base is past any cap
    double delay = std::min(cap, double(m_options.baseDelay.count()) * std::ldexp(1.0, exponent));
    const double r = std::clamp(random01, 0.0, 1.0);
    delay *= 1.0 + m_options.jitter * (2.0 * r - 1.0);
    delay = std::max(delay, double(retryAfter.count()));
    delay = std::clamp(delay, 0.0, cap);
    return std::chrono::milliseconds(qint64(std::llround(delay)));
}

std::chrono::milliseconds RetryPolicy::delayBefore(int attempt) const
{
    return delayBefore(attempt, QRandomGenerator::global()->generateDouble());
}

ErrorKind RetryPolicy::classifyHttpStatus(int status)
{
    switch (status) {
    case 0:   // no answer at all
    case 408: // request timeout
    case 425: // too early
    case 429: // too many requests
        return ErrorKind::Transient;
    case 501: // not implemented
    case 505: // HTTP version not supported
        return ErrorKind::Permanent;
    default:
        return status >= 500 && status <= 599 ? ErrorKind::Transient : ErrorKind::Permanent;
    }
}

ErrorKind RetryPolicy::classifyNetworkError(QNetworkReply::NetworkError error, int httpStatus)
{
    switch (error) {
    case QNetworkReply::NoError:
        return classifyHttpStatus(httpStatus);
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownProxyError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::UnknownServerError:
        return ErrorKind::Transient;
    case QNetworkReply::OperationCanceledError:
        // Qt reports its own transfer timeout as a cancel: retry it; a cancel
        // the user asked for is known to the caller before it gets here.
        return ErrorKind::Transient;
    default:
        return httpStatus > 0 ? classifyHttpStatus(httpStatus) : ErrorKind::Permanent;
    }
}

} // namespace tardigrade
