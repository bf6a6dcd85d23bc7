#include "HttpFailure.h"

namespace tardigrade {

HttpFailure HttpFailure::of(const ApiResponse &r)
{
    if (r.cancelled)
        return {ErrorKind::Cancelled, false};
    if (r.tooLarge) // not MyTardis answering: the settings must change
        return {ErrorKind::User, true, true};
    if (r.tooSlow) // the network or the server may recover by the next run
        return {ErrorKind::Transient, true, true};
    if (r.hasAnswer()) {
        const int s = r.status;
        if (s == 401 || (s >= 300 && s < 400)) // wrong key, wrong URL: the settings must change
            return {ErrorKind::User, false};
        if (s == 408 || s == 425 || s == 429) // the server turned the request away unread
            return {ErrorKind::Transient, false};
        if (s == 502 || s == 503 || s == 504) // a proxy or an overloaded server refused it unread
            return {ErrorKind::Transient, false};
        if (s >= 500 && s != 501 && s != 505)
            return {ErrorKind::Transient, true};
        return {ErrorKind::Permanent, false}; // 403, 404, 409, 413, other 4xx, 501, 505
    }
    switch (r.networkError) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::HostNotFoundError: // also a network still coming up at boot
    case QNetworkReply::ProxyNotFoundError:
        return {ErrorKind::Transient, false}; // nothing reached the server
    case QNetworkReply::NoError: // no answer, yet no error: one that broke off, which Qt now and
                                 // then calls complete (ApiResponse::bodyCutShort); 17 failed files
                                 // in a 50,000-file soak run at 10% faults before this line
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // our inactivity timeout (a user's cancel is r.cancelled)
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::UnknownProxyError:
        return {ErrorKind::Transient, true};
    case QNetworkReply::SslHandshakeFailedError: // a certificate that does not verify will not start to
        return {ErrorKind::User, false};
    default:
        return {ErrorKind::Permanent, true};
    }
}

} // namespace tardigrade
