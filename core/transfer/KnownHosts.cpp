#include "KnownHosts.h"

#include "settings/ConfigPaths.h"
#include "util/Log.h"

#include <libssh/libssh.h>

namespace tardigrade {

namespace {
QString serverKeyDescription(ssh_session session)
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(session, &key) != SSH_OK || !key)
        return QStringLiteral("an unreadable key");
    unsigned char *hash = nullptr;
    size_t len = 0;
    QString text = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key)));
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &len) == SSH_OK) {
        char *fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, len);
        if (fp) {
            text += QStringLiteral(" key ") + QString::fromLatin1(fp);
            ssh_string_free_char(fp);
        }
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(key);
    return text;
}
} // namespace

QString KnownHosts::defaultPath(const QString &configFile)
{
    return ConfigPaths::stateFile(configFile, StateFile::KnownHosts);
}

QString KnownHosts::entryName(const QString &host, int port)
{
    return port == 22 ? host : QStringLiteral("[%1]:%2").arg(host).arg(port);
}

Status KnownHosts::verify(ssh_session_struct *session, const QString &host, int port) const
{
    const QString name = entryName(host, port);
    switch (ssh_session_is_known_server(session)) {
    case SSH_KNOWN_HOSTS_OK:
        return {};
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
        return Error::permanent(
            QStringLiteral(
                "The staging host %1 now presents a different host key (%2) from the one recorded in %3, "
                "so the connection was refused: this can mean someone is intercepting it; if the "
                "administrator changed the host key on purpose, delete the line for %1 from %3 and try again.")
                .arg(name, serverKeyDescription(session), m_path));
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        // Trust on first use: the staging host comes from the MyTardis
        // server's approval, which is the trust anchor here.
        if (ssh_session_update_known_hosts(session) != SSH_OK)
            return Error::internal(QStringLiteral("Cannot record the host key of %1 in %2 (%3): check that the "
                                                  "file is writable.")
                                       .arg(name, m_path, QString::fromUtf8(ssh_get_error(session))));
        qCInfo(lcTransfer).noquote() << "Recorded the host key of" << name << "(" << serverKeyDescription(session)
                                     << ") in" << m_path;
        return {};
    case SSH_KNOWN_HOSTS_ERROR:
    default:
        return Error::internal(QStringLiteral("Cannot check the host key of %1 against %2 (%3): check that the "
                                              "file is readable, or delete it to start afresh.")
                                   .arg(name, m_path, QString::fromUtf8(ssh_get_error(session))));
    }
}

} // namespace tardigrade
