#pragma once

#include <QString>

namespace tardigrade {

// A server at an https:// address that redirects to http:// would have the
// API key (and the data) cross the network unencrypted. Redirects are never
// followed (ApiJob), and this one gets its own sentence: "use the exact
// address" would not help, since the only address it offers is the unsafe one.
//
// The sentence for such a redirect of `serverUrl` (mytardis_url) to
// `location` while `doing`; empty when the redirect does not leave HTTPS.
QString httpsDowngradeSentence(const QString &serverUrl, int status, const QString &location, const QString &doing);

} // namespace tardigrade
