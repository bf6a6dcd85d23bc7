#include "SshKeyImport.h"

#include "settings/ConfigPaths.h"
#include "util/Log.h"
#include "util/OwnerOnlyFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <libssh/libssh.h>
#include <memory>

namespace tardigrade {

namespace {

struct KeyDeleter {
    void operator()(ssh_key k) const { ssh_key_free(k); }
};
using KeyPtr = std::unique_ptr<ssh_key_struct, KeyDeleter>;

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// libssh asks for a passphrase only when the key has one; an uploader that
// runs unattended has nobody to type it, so being asked is the answer.
int refusePassphrase(const char *, char *, size_t, int, int, void *userdata)
{
    *static_cast<bool *>(userdata) = true;
    return SSH_ERROR;
}

KeyPtr parsePrivate(const QByteArray &bytes, bool *wantsPassphrase)
{
    ssh_key raw = nullptr;
    const QByteArray text = bytes + '\0';
    if (ssh_pki_import_privkey_base64(text.constData(), nullptr, refusePassphrase, wantsPassphrase, &raw) != SSH_OK)
        return nullptr;
    return KeyPtr(raw);
}

// `type base64` of a key's public half, the part a .pub line is compared by.
QByteArray publicPartOf(ssh_key key)
{
    char *b64 = nullptr;
    if (ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK || !b64)
        return {};
    const QByteArray line = QByteArray(ssh_key_type_to_char(ssh_key_type(key))) + ' ' + QByteArray(b64);
    ssh_string_free_char(b64);
    return line;
}

QByteArray typeAndBlob(const QByteArray &line)
{
    const QList<QByteArray> parts = line.simplified().split(' ');
    return parts.size() < 2 ? QByteArray() : parts.at(0) + ' ' + parts.at(1);
}

Error howToGiveTheKey(const QString &sentenceStart)
{
    return Error::user(sentenceStart + QStringLiteral(": give the path of MyData's private key file (usually %1).")
                                           .arg(native(QDir::homePath() + QStringLiteral("/.ssh/MyData"))));
}

} // namespace

Result<SshKeyImport> SshKeyImport::check(const QString &privateKeyFile, const QString &configFile)
{
    SshKeyImport in;
    in.m_source = QFileInfo(privateKeyFile).absoluteFilePath();
    in.m_configFile = configFile;
    in.m_target = ConfigPaths::stateFilePath(configFile, StateFile::IdentityKey);
    const QFileInfo info(privateKeyFile);
    if (!info.exists())
        return howToGiveTheKey(QStringLiteral("The key file %1 does not exist").arg(native(privateKeyFile)));
    if (!info.isFile())
        return howToGiveTheKey(QStringLiteral("%1 is a folder, not a key file").arg(native(privateKeyFile)));
    QFile file(privateKeyFile);
    if (!file.open(QIODevice::ReadOnly))
        return Error::user(QStringLiteral("The key file %1 cannot be read: run Tardigrade as the user who owns it, "
                                          "or make it readable for you.")
                               .arg(native(privateKeyFile)));
    in.m_privateBytes = file.readAll();
    file.close();

    const QByteArray start = in.m_privateBytes.trimmed().left(64);
    if (start.startsWith("ssh-") || start.startsWith("ecdsa-") || start.startsWith("---- BEGIN SSH2 PUBLIC KEY")) {
        QString privatePath = privateKeyFile;
        if (privatePath.endsWith(QLatin1String(".pub")))
            privatePath.chop(4);
        return Error::user(QStringLiteral("%1 is a public key: give the private key file beside it (%2).")
                               .arg(native(privateKeyFile), native(privatePath)));
    }
    bool wantsPassphrase = false;
    const KeyPtr key = parsePrivate(in.m_privateBytes, &wantsPassphrase);
    if (!key && wantsPassphrase)
        return Error::user(QStringLiteral("The key %1 is protected by a passphrase, which an unattended uploader "
                                          "cannot type: import a copy without one (ssh-keygen -p -f COPY).")
                               .arg(native(privateKeyFile)));
    if (!key || !ssh_key_is_private(key.get()))
        return howToGiveTheKey(QStringLiteral("%1 is not an SSH private key").arg(native(privateKeyFile)));
    const QByteArray ours = publicPartOf(key.get());
    if (ours.isEmpty())
        return Error::internal(QStringLiteral("Cannot read the public half of the key %1.").arg(native(privateKeyFile)));

    // The .pub is what the administrator saw and approved: one that holds
    // another key means this is not the approved pair.
    const QString pubPath = privateKeyFile + QStringLiteral(".pub");
    in.m_publicLine = ours;
    if (QFileInfo::exists(pubPath)) {
        QFile pub(pubPath);
        if (!pub.open(QIODevice::ReadOnly))
            return Error::user(QStringLiteral("The public key file %1 cannot be read: make it readable for you, or "
                                              "move it away to import the private key alone.")
                                   .arg(native(pubPath)));
        const QByteArray line = pub.readAll().trimmed();
        if (typeAndBlob(line) != ours)
            return Error::user(QStringLiteral("The public key %1 does not belong to the private key %2: give the "
                                              "pair as MyData made it (MyData and MyData.pub from one folder).")
                                   .arg(native(pubPath), native(privateKeyFile)));
        in.m_publicLine = line;
    }

    // Never replace this installation's own key behind its back: its
    // approval may be the one in use.
    if (QFileInfo::exists(in.m_target)) {
        QFile existing(in.m_target);
        bool ignored = false;
        const KeyPtr current = existing.open(QIODevice::ReadOnly) ? parsePrivate(existing.readAll(), &ignored) : nullptr;
        if (!current)
            return Error::user(QStringLiteral("This installation's SSH key %1 cannot be read: move it away, then "
                                              "import again.")
                                   .arg(native(in.m_target)));
        if (publicPartOf(current.get()) != ours)
            return Error::user(
                QStringLiteral("This installation already has a different SSH key (%1, %2): move it and its .pub "
                               "away first if %3 should replace it, and the staging access approved for the old "
                               "key no longer applies.")
                    .arg(native(in.m_target), QString::fromLatin1(SshIdentity::fingerprintSha256Of(
                                                  publicPartOf(current.get()))),
                         native(privateKeyFile)));
        in.m_alreadyInPlace = true;
    }
    return in;
}

Result<SshIdentity> SshKeyImport::install() const
{
    if (!m_alreadyInPlace) {
        ConfigPaths::stateFile(m_configFile, StateFile::IdentityKey); // makes the settings folder (0700) when missing
        const Status written = OwnerOnlyFile::createExclusive(m_target, m_privateBytes);
        if (!written) {
            // Another process put a key there since check(): decide again.
            if (!QFileInfo::exists(m_target))
                return written.error();
            const auto again = check(m_source, m_configFile);
            if (!again)
                return again.error();
        } else {
            QFile pub(m_target + QStringLiteral(".pub"));
            if (!pub.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return Error::internal(
                    QStringLiteral("Cannot write %1: check that its folder is writable.").arg(native(pub.fileName())));
            pub.write(m_publicLine + '\n');
            pub.close();
            qCInfo(lcTransfer) << "Copied the SSH key" << m_source << "to" << m_target;
        }
    }
    return SshIdentity::loadOrCreateAt(m_target);
}

} // namespace tardigrade
