#pragma once

#include "SshdFixture.h"
#include "settings/ConfigPaths.h"
#include "transfer/KnownHosts.h"
#include "transfer/Md5Hasher.h"
#include "transfer/SshEndpoint.h"
#include "transfer/SshIdentity.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <optional>

#include <sys/stat.h>

namespace tardigrade::test {

// What the staging transfer tests share: a real OpenSSH sshd on loopback as
// the staging host, an installation key it accepts, a staging folder, and
// local files of random bytes. The "remote" side is this machine, so what
// arrived is checked on disk. A test class derives from it and calls
// startHost() in its initTestCase.
class StagingHostTest : public QObject {
protected:
    // Empty when the host is ready, else what went wrong. The installation
    // key is RSA as in production, but 2048 bits made by ssh-keygen:
    // generating 4096 bits can take 10 s on a busy machine (tst_sshidentity
    // covers generation).
    QString startHost()
    {
        if (!m_tmp.isValid())
            return QStringLiteral("no temporary folder");
        m_cfg = m_tmp.filePath(QStringLiteral("config/MyData.cfg"));
        const QString keyPath = ConfigPaths::stateFile(m_cfg, StateFile::IdentityKey);
        QProcess keygen;
        keygen.start(QStringLiteral("ssh-keygen"),
                     {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("rsa"), QStringLiteral("-b"),
                      QStringLiteral("2048"), QStringLiteral("-N"), QString(), QStringLiteral("-f"), keyPath});
        if (!keygen.waitForFinished(30000) || keygen.exitCode() != 0)
            return QStringLiteral("ssh-keygen failed: ") + QString::fromLocal8Bit(keygen.readAllStandardError());
        auto id = SshIdentity::loadOrCreate(m_cfg);
        if (!id.ok())
            return id.error().message;
        m_identity = id.value();
        QString error;
        if (!m_sshd.start(&error))
            return error;
        if (!m_sshd.authorize(m_identity->publicKeyLine()))
            return QStringLiteral("cannot authorise the key");
        m_staging = m_tmp.filePath(QStringLiteral("staging"));
        if (!QDir().mkpath(m_staging))
            return QStringLiteral("cannot make the staging folder");
        return {};
    }

    // `port`: another way to the same host (a relay), 0 for the host itself.
    SshEndpoint endpoint(const SshdFixture &sshd, int port = 0) const
    {
        SshEndpoint e;
        e.host = sshd.host();
        e.port = port ? port : sshd.port();
        e.user = sshd.user();
        e.privateKeyPath = m_identity->privateKeyPath();
        e.knownHostsPath = KnownHosts::defaultPath(m_cfg);
        e.ciphers = QStringLiteral("aes128-gcm@openssh.com,aes128-ctr");
        e.timeoutSecs = 5;
        return e;
    }
    SshEndpoint endpoint(int port = 0) const { return endpoint(m_sshd, port); }

    // `size` random bytes (the same for the same seed) under the test's
    // folder; the path, or empty when it could not be written.
    QString makeLocal(const QString &name, qint64 size, quint32 seed = 1)
    {
        const QString path = m_tmp.filePath(QStringLiteral("local/") + name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        QRandomGenerator rng(seed);
        QByteArray chunk(1 << 20, Qt::Uninitialized);
        for (qint64 left = size; left > 0;) {
            rng.fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
            const qint64 n = qMin<qint64>(left, chunk.size());
            f.write(chunk.constData(), n);
            left -= n;
        }
        return path;
    }

    static QByteArray md5(const QString &path) { return Md5Hasher().hashFile(path).valueOr(QByteArray("error")); }
    // The permission bits of a staged file or folder, -1 when there is none.
    static int modeOf(const QByteArray &path)
    {
        struct stat st {};
        if (::stat(path.constData(), &st) != 0)
            return -1;
        return int(st.st_mode & 07777);
    }

    QTemporaryDir m_tmp;
    QString m_cfg;
    std::optional<SshIdentity> m_identity;
    SshdFixture m_sshd;
    QString m_staging; // the staging root ("location")
};

} // namespace tardigrade::test
