#pragma once

#include <QString>
#include <QStringList>

namespace tardigrade {

// What this build of Tardigrade is made of, for `--version --verbose`, the
// About box and support logs: the libraries it runs with and the way it
// reads local files (POSIX calls, or the portable Qt implementation of
// TARDIGRADE_PORTABLE_IO and Windows).
namespace BuildInfo {
QString version();      // "0.1.0"
QString ioBackend();    // "POSIX" or "portable (Qt)"
QString license();      // "GPL-3.0-or-later"
QStringList libraries(); // "Qt 6.4.2", "libssh 0.10.4", "OpenSSL 3.0.17 ..."
} // namespace BuildInfo

} // namespace tardigrade
