#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace tardigrade::test {

// A real OpenSSH sshd on a free loopback port, running as the current user
// under a private temporary folder: its own host key, its own
// authorized_keys, public-key login only, SFTP subsystem. What a staging
// host is, minus everything that is not needed to test against it.
class SshdFixture {
public:
    SshdFixture();
    ~SshdFixture();
    SshdFixture(const SshdFixture &) = delete;
    SshdFixture &operator=(const SshdFixture &) = delete;

    // Creates the folder, host key and config, starts sshd and waits until it
    // greets. False with `error` set (and the sshd log) on failure.
    bool start(QString *error = nullptr);
    // Kills sshd and every session process it forked, so that connections in
    // progress drop as if the host went away.
    void stop();
    // Stops (SIGSTOP) / continues sshd and its sessions: a host that hangs
    // without closing connections.
    void freeze();
    void thaw();
    // Waits until sshd has no session processes left (after thaw()).
    bool waitForNoSessions(int timeoutMs);

    // stop() + start() on the same port with the same host key.
    bool restart(QString *error = nullptr);
    // A new host key (as after a reinstall); restarts sshd if it was running.
    bool regenerateHostKey(QString *error = nullptr);

    bool isRunning() const;
    QString host() const { return QStringLiteral("127.0.0.1"); }
    int port() const { return m_port; }
    QString user() const;                        // the current user's name
    QString dir() const { return m_dir.path(); } // private folder of this sshd
    QString log() const;                         // what sshd wrote (-e)

    // More sshd_config lines (e.g. "Ciphers aes256-ctr"), used from the next start.
    void setExtraConfig(const QString &lines) { m_extraConfig = lines; }

    // Lets `publicKeyLine` (`ssh-rsa AAAA... comment`) log in.
    bool authorize(const QByteArray &publicKeyLine);
    void revokeAll();

    // `SHA256:...` of the current host key, as ssh-keygen -l prints it.
    QByteArray hostKeyFingerprint() const;

private:
    bool writeConfig(QString *error);
    bool generateHostKey(QString *error);
    bool waitUntilGreeting(int timeoutMs);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_sshd;
    int m_port = 0;
    QString m_extraConfig;
};

} // namespace tardigrade::test
