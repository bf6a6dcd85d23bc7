#include "BuildInfo.h"

#include <libssh/libssh.h>
#include <openssl/crypto.h>

namespace tardigrade::BuildInfo {

QString version() { return QStringLiteral(TARDIGRADE_VERSION); }

// ioBackend() is defined by BuildInfoPosix.cpp or BuildInfoPortable.cpp,
// whichever seam this build took.

QString license() { return QStringLiteral("GPL-3.0-or-later"); }

QStringList libraries()
{
    return {QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion())),
            QStringLiteral("libssh %1").arg(QString::fromLatin1(ssh_version(0))),
            QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION))};
}

} // namespace tardigrade::BuildInfo
