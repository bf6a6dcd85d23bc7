#include "KeepAliveClient.h"

#include "TryRules.h"
#include "util/Clock.h"
#include "util/Log.h"

#include <algorithm>
#include <deque>
#include <utility>

namespace tardigrade {

namespace {

ApiResponse cancelledAfter(int tries)
{
    ApiResponse cancelled;
    cancelled.cancelled = true;
    cancelled.networkError = QNetworkReply::OperationCanceledError;
    cancelled.errorString = QStringLiteral("Cancelled.");
    cancelled.tries = tries;
    return cancelled;
}

} // namespace

KeepAliveClient::KeepAliveClient() { m_connections.push_back(std::make_unique<KeepAliveConnection>()); }

bool KeepAliveClient::suits(const ApiRequest &request)
{
    return !request.multipart && request.body.size() < 1024 * 1024 &&
           (request.url.scheme() == QLatin1String("http") || request.url.scheme() == QLatin1String("https")) &&
           request.url.userInfo().isEmpty() && !request.url.host().isEmpty();
}

int KeepAliveClient::connectionsOpened() const
{
    int opened = 0;
    for (const auto &c : m_connections)
        opened += c->connectionsOpened();
    return opened;
}

QSslConfiguration KeepAliveClient::tlsFor(const ApiJobOptions &options)
{
    // What ApiJob's request carries: the site's configuration, else Qt's default.
    return options.ssl ? *options.ssl : QSslConfiguration::defaultConfiguration();
}

QByteArray KeepAliveClient::headersFor(const ApiRequest &request, const ApiJobOptions &options)
{
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
    return headers;
}

ApiResponse KeepAliveClient::send(ApiRequest request, const ApiJobOptions &options, const std::atomic_bool *cancel)
{
    if (request.maxTries <= 0)
        request.maxTries = std::max(1, options.maxTries);
    const QByteArray headers = headersFor(request, options);
    KeepAliveConnection &connection = *m_connections.front();
    const QSslConfiguration tls = tlsFor(options);
    const KeepAliveConnection::Limits limits{options.timeoutSecs, cancel, &tls};
    for (int tryNo = 1;; ++tryNo) {
        ApiResponse r = connection.exchange(request, headers, limits);
        r.tries = tryNo;
        tries::settle(r);
        if (tries::sendAgain(request, r, tryNo)) {
            const qint64 delay = backoffDelay(tryNo, options.backoff).count();
            qCInfo(lcCatalogue) << request.method.constData() << request.url.path() << "failed ("
                                << (r.status ? QString::number(r.status) : r.errorString) << "), try" << tryNo + 1
                                << "in" << delay << "ms";
            if (!Clock::system().sleepUnlessCancelled(delay, cancel))
                return cancelledAfter(tryNo);
            continue;
        }
        r.outcomeUnknown = tries::outcomeUnknown(request, r);
        return r;
    }
}

QVector<ApiResponse> KeepAliveClient::sendAll(QVector<ApiRequest> requests, const ApiJobOptions &options,
                                              const std::atomic_bool *cancel)
{
    QVector<ApiResponse> answers(requests.size());
    QVector<int> pending;
    for (int i = 0; i < requests.size(); ++i) {
        if (requests[i].maxTries <= 0)
            requests[i].maxTries = std::max(1, options.maxTries);
        pending.append(i);
    }
    // Rounds: every request still pending has had the same tries, so each
    // is sent again after exactly the pause send() would make.
    for (int tryNo = 1; !pending.isEmpty(); ++tryNo) {
        tryEach(requests, pending, options, cancel, answers);
        QVector<int> again;
        for (int i : std::as_const(pending)) {
            ApiResponse &r = answers[i];
            r.tries += tryNo - 1; // tryEach counts this round's try (0 when none was made)
            tries::settle(r);
            if (tries::sendAgain(requests[i], r, tryNo)) {
                again.append(i);
                continue;
            }
            r.outcomeUnknown = tries::outcomeUnknown(requests[i], r);
        }
        if (again.isEmpty())
            break;
        const qint64 delay = backoffDelay(tryNo, options.backoff).count();
        qCInfo(lcCatalogue) << again.size() << "of a batch of" << requests.size() << "failed, try" << tryNo + 1
                            << "in" << delay << "ms";
        if (!Clock::system().sleepUnlessCancelled(delay, cancel)) {
            for (int i : std::as_const(again))
                answers[i] = cancelledAfter(tryNo);
            break;
        }
        pending = again;
    }
    return answers;
}

void KeepAliveClient::tryEach(const QVector<ApiRequest> &all, const QVector<int> &indices,
                              const ApiJobOptions &options, const std::atomic_bool *cancel,
                              QVector<ApiResponse> &answers)
{
    const int lanes = std::min<int>(kMaxInFlight, indices.size());
    while (int(m_connections.size()) < lanes)
        m_connections.push_back(std::make_unique<KeepAliveConnection>());
    const QSslConfiguration tls = tlsFor(options);
    const KeepAliveConnection::Limits limits{options.timeoutSecs, cancel, &tls};
    // New connections come up together, not one round trip after another.
    for (int s = 0; s < lanes; ++s)
        m_connections[s]->open(all[indices[s]].url, &tls);

    // Written on every connection first, then each answer read in turn
    // (those that came meanwhile wait in their sockets), and the
    // connection given the next request at once.
    std::deque<std::pair<int, int>> inFlight; // connection, request
    int next = 0;
    auto startOn = [&](int slot) {
        const ApiRequest &request = all[indices[next]];
        m_connections[slot]->begin(request, headersFor(request, options), limits);
        inFlight.emplace_back(slot, indices[next]);
        ++next;
    };
    for (int s = 0; s < lanes; ++s)
        startOn(s);
    while (!inFlight.empty()) {
        const auto [slot, i] = inFlight.front();
        inFlight.pop_front();
        answers[i] = m_connections[slot]->end(all[i], limits);
        answers[i].tries = 1;
        if (answers[i].cancelled) {
            // Stop promptly: what is in flight is dropped with its connection.
            for (const auto &[otherSlot, other] : inFlight) {
                m_connections[otherSlot]->abandon();
                answers[other] = cancelledAfter(1);
            }
            for (; next < indices.size(); ++next)
                answers[indices[next]] = cancelledAfter(0);
            return;
        }
        if (next < indices.size())
            startOn(slot);
    }
}

} // namespace tardigrade
