#include "KeepAliveClient.h"

#include "TryRules.h"
#include "util/Clock.h"
#include "util/Log.h"

#include <algorithm>

namespace tardigrade {

bool KeepAliveClient::suits(const ApiRequest &request)
{
    return !request.multipart && request.body.size() < 1024 * 1024 &&
           request.url.scheme() == QLatin1String("http") && request.url.userInfo().isEmpty() &&
           !request.url.host().isEmpty();
}

ApiResponse KeepAliveClient::send(ApiRequest request, const ApiJobOptions &options, const std::atomic_bool *cancel)
{
    if (request.maxTries <= 0)
        request.maxTries = std::max(1, options.maxTries);
    // The headers ApiJob sets, in the same order; Host and Content-Length
    // are the connection's.
    QByteArray headers = "Accept: application/json\r\n";
    if (!options.userAgent.isEmpty())
        headers += "User-Agent: " + options.userAgent + "\r\n";
    if (request.authenticate && !options.authorization.isEmpty())
        headers += "Authorization: " + options.authorization + "\r\n";
    if (!request.contentType.isEmpty())
        headers += "Content-Type: " + request.contentType + "\r\n";
    for (const auto &h : request.headers)
        headers += h.first + ": " + h.second + "\r\n";

    const KeepAliveConnection::Limits limits{options.timeoutSecs, cancel};
    for (int tryNo = 1;; ++tryNo) {
        ApiResponse r = m_connection.exchange(request, headers, limits);
        r.tries = tryNo;
        tries::settle(r);
        if (tries::sendAgain(request, r, tryNo)) {
            const qint64 delay = backoffDelay(tryNo, options.backoff).count();
            qCInfo(lcCatalogue) << request.method.constData() << request.url.path() << "failed ("
                                << (r.status ? QString::number(r.status) : r.errorString) << "), try" << tryNo + 1
                                << "in" << delay << "ms";
            if (!Clock::system().sleepUnlessCancelled(delay, cancel)) {
                ApiResponse cancelled;
                cancelled.cancelled = true;
                cancelled.networkError = QNetworkReply::OperationCanceledError;
                cancelled.errorString = QStringLiteral("Cancelled.");
                cancelled.tries = tryNo;
                return cancelled;
            }
            continue;
        }
        r.outcomeUnknown = tries::outcomeUnknown(request, r);
        return r;
    }
}

} // namespace tardigrade
