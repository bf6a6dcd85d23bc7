#pragma once

#include "ApiJob.h"
#include "KeepAliveConnection.h"

#include <atomic>

namespace tardigrade {

// ApiJob's twin for small requests to a plain-http server with no proxy in
// between: the same tries, backoff and verdicts (TryRules), sent blocking on
// this thread over one kept connection (KeepAliveConnection) instead of
// through Qt's network thread and an event loop per request. Belongs to the
// thread that made it.
class KeepAliveClient {
public:
    // Whether `request` can go this way: plain http, no body to stream and
    // none of a size whose progress anyone watches, no credentials in the URL.
    // The proxy is the caller's to rule out.
    static bool suits(const ApiRequest &request);

    ApiResponse send(ApiRequest request, const ApiJobOptions &options, const std::atomic_bool *cancel);

    const KeepAliveConnection &connection() const { return m_connection; }

private:
    KeepAliveConnection m_connection;
};

} // namespace tardigrade
