#pragma once

#include <QString>

namespace tardigrade {

// The MIME type a file is registered with, from its name alone
// ("application/octet-stream" when nothing matches), as QMimeDatabase says.
// Remembered per suffix on each thread for names only a suffix decides:
// QMimeDatabase compiles glob patterns into regular expressions on every
// call, which was 5% of the upload CPU for small files.
QString mimeTypeOf(const QString &fileName);

} // namespace tardigrade
