#pragma once

// The catalogue client's settings in tests against a local server: quick
// pauses between tries, a short timeout, and as many tries as the test asks.

#include "catalogue/CatalogueTypes.h"

namespace tardigrade::test {

inline ClientConfig testClientConfig(const QString &url, int tries, int timeout = 2)
{
    ClientConfig c;
    c.url = url;
    c.username = QStringLiteral("alice");
    c.apiKey = QStringLiteral("s3cret");
    c.timeoutSecs = timeout;
    c.maxTries = tries;
    c.backoffMs = 50;
    return c;
}

} // namespace tardigrade::test
