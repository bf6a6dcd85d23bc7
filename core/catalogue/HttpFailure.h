#pragma once

#include "ApiRequest.h"
#include "util/Result.h"

namespace tardigrade {

// What a failed HTTP exchange means, decided in this one place for both the
// request layer's retries (ApiJob) and the error a caller sees
// (CatalogueTransport): whether it is worth another try, and whether the
// server may have carried the request out before it failed.
struct HttpFailure {
    ErrorKind kind = ErrorKind::Permanent;
    // The request may have reached the server and been acted on (a timeout
    // after sending, a dropped connection, a 500): a request that creates
    // something is not sent again blindly after this.
    bool serverMayHaveActed = false;
    // Asking again would only meet the same answer (one too large, or one
    // that trickled in too slowly after a long wait).
    bool sameAgain = false;

    static HttpFailure of(const ApiResponse &response);

    bool worthResending(ResendRule rule) const
    {
        return kind == ErrorKind::Transient && !sameAgain && (rule == ResendRule::Idempotent || !serverMayHaveActed);
    }
};

} // namespace tardigrade
