#pragma once

#include "ApiRequest.h"

namespace tardigrade {

// What is decided after each try of a request, in one place for both ways a
// request is sent (ApiJob through Qt's network stack, KeepAliveClient on its
// own connection), so that both retry exactly the same failures.
namespace tries {

// Takes the status away from an answer that cannot be trusted: one we broke
// off (timeout, cancel, too large, too slow) or one the connection broke off
// (network-level errors, protocol failures, a body shorter than announced),
// so that a cut-off 200 never reads as an empty list.
void settle(ApiResponse &response);

// Whether `request`, after its try number `tryNo` ended in `response`, is
// sent again (after backoffDelay(tryNo)).
bool sendAgain(const ApiRequest &request, const ApiResponse &response, int tryNo);

// The last try failed in a way that may have left the request carried out,
// and the request was not one to send again blindly.
bool outcomeUnknown(const ApiRequest &request, const ApiResponse &response);

} // namespace tries
} // namespace tardigrade
