#include "TryRules.h"

#include "HttpFailure.h"

#include <algorithm>

namespace tardigrade::tries {

void settle(ApiResponse &r)
{
    const int code = int(r.networkError);
    const bool brokenOff =
        (code > 0 && code < 200) || r.networkError == QNetworkReply::ProtocolFailure || r.bodyCutShort();
    if (r.timedOut || r.cancelled || r.tooLarge || r.tooSlow || brokenOff)
        r.status = 0;
    if (brokenOff && r.networkError == QNetworkReply::NoError) // Qt's "Unknown error" would say nothing
        r.errorString = QStringLiteral("the answer broke off");
}

bool sendAgain(const ApiRequest &request, const ApiResponse &r, int tryNo)
{
    const bool failed = !r.isSuccess() && !r.cancelled;
    if (!failed || !HttpFailure::of(r).worthResending(request.retry))
        return false;
    // A wrong address is said within seconds, while a server that is there
    // but failing still gets every try.
    const bool nobodyThere = r.timedOut || r.networkError == QNetworkReply::ConnectionRefusedError ||
                             r.networkError == QNetworkReply::HostNotFoundError;
    const int limit = request.maxTriesWithoutServer > 0 && nobodyThere
                          ? std::min(request.maxTriesWithoutServer, request.maxTries)
                          : request.maxTries;
    return tryNo < limit;
}

bool outcomeUnknown(const ApiRequest &request, const ApiResponse &r)
{
    const bool failed = !r.isSuccess() && !r.cancelled;
    const HttpFailure failure = HttpFailure::of(r);
    return failed && failure.kind == ErrorKind::Transient && failure.serverMayHaveActed &&
           !failure.worthResending(request.retry);
}

} // namespace tardigrade::tries
