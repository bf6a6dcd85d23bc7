#pragma once

#include "SshIdentity.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>

namespace tardigrade {

// Taking over an existing SSH key pair (MyData's ~/.ssh/MyData and
// MyData.pub) as this installation's identity, so that the staging access a
// MyTardis administrator approved for that key carries over: the server
// finds the request by the uploader's uuid and the key's fingerprint.
//
// The pair is copied, never moved (MyData may still be installed and
// running), and the copy of the private part is readable by its owner
// alone. An installation that already has a different key of its own is
// never overwritten: the import stops and says so.
class SshKeyImport {
public:
    // Reads and checks `privateKeyFile` (and the .pub beside it, when there
    // is one) for the installation whose settings file is `configFile`;
    // writes nothing. One sentence when the file is missing, unreadable, a
    // public key, not an SSH private key, protected by a passphrase, when
    // its .pub holds another key, or when the installation has a different
    // key already.
    static Result<SshKeyImport> check(const QString &privateKeyFile, const QString &configFile);

    // Copies the pair into place (nothing to do when the same key is there
    // already) and answers the installation's identity, now that key.
    Result<SshIdentity> install() const;

    QString sourcePath() const { return m_source; }
    QString targetPath() const { return m_target; }
    bool alreadyInPlace() const { return m_alreadyInPlace; }
    QByteArray fingerprintSha256() const { return SshIdentity::fingerprintSha256Of(m_publicLine); }

private:
    QString m_source;
    QString m_configFile;
    QString m_target;
    QByteArray m_privateBytes; // the file exactly as read: its format is kept
    QByteArray m_publicLine;   // `type base64 [comment]` as the .pub has it, or made from the private key
    bool m_alreadyInPlace = false;
};

} // namespace tardigrade
