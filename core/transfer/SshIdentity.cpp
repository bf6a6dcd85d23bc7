#include "SshIdentity.h"

#include "Md5.h"
#include "settings/ConfigPaths.h"
#include "util/Log.h"

#include "util/OwnerOnlyFile.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>
#include <libssh/libssh.h>
#include <memory>

namespace tardigrade {

namespace {
struct KeyDeleter {
    void operator()(ssh_key k) const { ssh_key_free(k); }
};
using KeyPtr = std::unique_ptr<ssh_key_struct, KeyDeleter>;

struct CharDeleter {
    void operator()(char *p) const { ssh_string_free_char(p); }
};
using SshChars = std::unique_ptr<char, CharDeleter>;

Result<QByteArray> publicLineOf(ssh_key key)
{
    char *b64 = nullptr;
    if (ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK || !b64)
        return Error::internal(QStringLiteral("Cannot export this installation's SSH public key."));
    SshChars holder(b64);
    const QByteArray host = QSysInfo::machineHostName().toUtf8();
    const QByteArray line = QByteArray(ssh_key_type_to_char(ssh_key_type(key))) + ' ' + QByteArray(b64) +
                            " tardigrade@" + (host.isEmpty() ? QByteArray("localhost") : host);
    return line;
}
} // namespace

Result<SshIdentity> SshIdentity::loadOrCreate(const QString &configFile)
{
    return loadOrCreateAt(ConfigPaths::stateFile(configFile, StateFile::IdentityKey));
}

Result<SshIdentity> SshIdentity::loadOrCreateAt(const QString &privateKeyPath)
{
    SshIdentity id;
    id.m_privateKeyPath = privateKeyPath;
    const QByteArray native = QFile::encodeName(privateKeyPath);

    if (!QFileInfo::exists(privateKeyPath)) {
        ssh_key raw = nullptr;
        if (ssh_pki_generate(SSH_KEYTYPE_RSA, RsaBits, &raw) != SSH_OK || !raw)
            return Error::internal(QStringLiteral("Cannot generate this installation's SSH key."));
        KeyPtr key(raw);
        char *pem = nullptr;
        if (ssh_pki_export_privkey_base64(key.get(), nullptr, nullptr, nullptr, &pem) != SSH_OK || !pem)
            return Error::internal(QStringLiteral("Cannot export this installation's new SSH key."));
        SshChars pemHolder(pem);
        const Status written = OwnerOnlyFile::createExclusive(privateKeyPath, QByteArray(pem));
        if (!written.ok()) {
            if (!QFileInfo::exists(privateKeyPath)) // lost a race with another first run: use its key
                return written.error();
        } else {
            id.m_created = true;
            qCInfo(lcTransfer) << "Created the SSH key" << privateKeyPath;
        }
    }

    // Keep the private key private even if someone loosened its mode.
    OwnerOnlyFile::restrict(privateKeyPath);

    ssh_key raw = nullptr;
    if (ssh_pki_import_privkey_file(native.constData(), nullptr, nullptr, nullptr, &raw) != SSH_OK || !raw)
        return Error::user(QStringLiteral("Cannot read this installation's SSH key %1: move the file away to "
                                          "create a new key (the new public key must then be approved again).")
                               .arg(privateKeyPath));
    KeyPtr key(raw);
    Result<QByteArray> line = publicLineOf(key.get());
    if (!line.ok())
        return line.error();
    id.m_publicKeyLine = line.value();

    // The .pub file is a copy for people (and ssh-keygen); rewrite it when
    // missing or not matching the private key.
    QFile pub(id.publicKeyPath());
    QByteArray existing;
    if (pub.open(QIODevice::ReadOnly)) {
        existing = pub.readAll().trimmed();
        pub.close();
    }
    const QList<QByteArray> a = existing.split(' ');
    const QList<QByteArray> b = id.m_publicKeyLine.split(' ');
    if (a.size() < 2 || a.at(0) != b.at(0) || a.at(1) != b.at(1)) {
        if (!pub.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return Error::internal(
                QStringLiteral("Cannot write %1: check that its folder is writable.").arg(id.publicKeyPath()));
        pub.write(id.m_publicKeyLine + '\n');
        pub.close();
        pub.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                           QFileDevice::ReadOther);
    }
    return id;
}

QByteArray SshIdentity::fingerprintMd5() const
{
    return fingerprintMd5Of(m_publicKeyLine);
}

QByteArray SshIdentity::fingerprintMd5Of(const QByteArray &publicKeyLine)
{
    const QList<QByteArray> parts = publicKeyLine.trimmed().split(' ');
    if (parts.size() < 2)
        return {};
    Md5 md5;
    md5.update(QByteArray::fromBase64(parts.at(1)));
    return md5.finalRaw().toHex(':');
}

QByteArray SshIdentity::fingerprintSha256() const
{
    return fingerprintSha256Of(m_publicKeyLine);
}

QByteArray SshIdentity::fingerprintSha256Of(const QByteArray &publicKeyLine)
{
    const QList<QByteArray> parts = publicKeyLine.trimmed().split(' ');
    if (parts.size() < 2)
        return {};
    const QByteArray digest = QCryptographicHash::hash(QByteArray::fromBase64(parts.at(1)), QCryptographicHash::Sha256);
    return "SHA256:" + digest.toBase64(QByteArray::OmitTrailingEquals);
}

} // namespace tardigrade
