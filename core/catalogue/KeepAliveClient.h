#pragma once

#include "ApiJob.h"
#include "KeepAliveConnection.h"

#include <QVector>
#include <atomic>
#include <memory>
#include <vector>

namespace tardigrade {

// ApiJob's twin for small requests to an http or https server with no proxy in
// between: the same tries, backoff and verdicts (TryRules), sent blocking on
// this thread over one kept connection (KeepAliveConnection) instead of
// through Qt's network thread and an event loop per request. Belongs to the
// thread that made it.
class KeepAliveClient {
public:
    // Requests of one batch in flight at once, each on its own connection.
    static constexpr int kMaxInFlight = 16;

    KeepAliveClient();

    // Whether `request` can go this way: http or https, no body to stream and
    // none of a size whose progress anyone watches, no credentials in the URL.
    // The proxy is the caller's to rule out.
    static bool suits(const ApiRequest &request);

    ApiResponse send(ApiRequest request, const ApiJobOptions &options, const std::atomic_bool *cancel);
    // Several requests with up to kMaxInFlight in flight together (more
    // kept connections of this thread), one answer each, in order. Each gets
    // exactly send()'s tries: a failed try that send() would repeat is
    // repeated after the same backoff, together with the others of its
    // round; a POST that may have been carried out is not. On cancel, those
    // not yet answered come back cancelled (tries 0 for any never sent).
    QVector<ApiResponse> sendAll(QVector<ApiRequest> requests, const ApiJobOptions &options,
                                 const std::atomic_bool *cancel);

    // The connection single requests use.
    const KeepAliveConnection &connection() const { return *m_connections.front(); }
    // Connections opened so far by all of this thread's kept connections.
    int connectionsOpened() const;

private:
    static QSslConfiguration tlsFor(const ApiJobOptions &options);
    static QByteArray headersFor(const ApiRequest &request, const ApiJobOptions &options);
    // One try of each of `requests` (indices into `all`), kMaxInFlight at a
    // time, answers in `answers`.
    void tryEach(const QVector<ApiRequest> &all, const QVector<int> &indices, const ApiJobOptions &options,
                 const std::atomic_bool *cancel, QVector<ApiResponse> &answers);

    std::vector<std::unique_ptr<KeepAliveConnection>> m_connections; // the first for single requests
};

} // namespace tardigrade
