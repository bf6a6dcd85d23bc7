#include "SshdFixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <csignal>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

namespace tardigrade::test {

namespace {
const char *const SshdBinary = "/usr/sbin/sshd"; // sshd insists on an absolute path

int freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// Every process below `root` (sessions call setsid() but keep their parent).
QList<pid_t> descendantsOf(pid_t root)
{
    QMultiHash<pid_t, pid_t> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool isPid = false;
        const pid_t pid = pid_t(entry.toInt(&isPid));
        if (!isPid)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const int close = line.lastIndexOf(')'); // the command name may contain spaces
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (fields.size() > 1)
            children.insert(pid_t(fields.at(1).toInt()), pid);
    }
    QList<pid_t> out;
    QList<pid_t> queue{root};
    while (!queue.isEmpty()) {
        const pid_t p = queue.takeFirst();
        const QList<pid_t> kids = children.values(p);
        for (pid_t k : kids) {
            out.append(k);
            queue.append(k);
        }
    }
    return out;
}

bool run(const QString &program, const QStringList &args, QByteArray *out = nullptr)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return false;
    if (out)
        *out = p.readAllStandardOutput();
    return true;
}
} // namespace

SshdFixture::SshdFixture() = default;

SshdFixture::~SshdFixture()
{
    stop();
}

QString SshdFixture::user() const
{
    const passwd *pw = ::getpwuid(::geteuid());
    return pw ? QString::fromLocal8Bit(pw->pw_name) : QString::fromLocal8Bit(qgetenv("USER"));
}

QString SshdFixture::log() const
{
    QFile f(dir() + QStringLiteral("/sshd.log"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(f.readAll()) : QString();
}

bool SshdFixture::generateHostKey(QString *error)
{
    const QString key = dir() + QStringLiteral("/ssh_host_ed25519_key");
    QFile::remove(key);
    QFile::remove(key + QStringLiteral(".pub"));
    if (!run(QStringLiteral("ssh-keygen"),
             {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"), QString(),
              QStringLiteral("-C"), QStringLiteral("tardigrade-test-host"), QStringLiteral("-f"), key})) {
        if (error)
            *error = QStringLiteral("ssh-keygen failed to create a host key");
        return false;
    }
    return true;
}

bool SshdFixture::writeConfig(QString *error)
{
    QFile cfg(dir() + QStringLiteral("/sshd_config"));
    if (!cfg.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = QStringLiteral("cannot write sshd_config");
        return false;
    }
    const QString d = dir();
    const QString text = QStringLiteral("Port %1\n"
                                        "ListenAddress 127.0.0.1\n"
                                        "HostKey %2/ssh_host_ed25519_key\n"
                                        "PidFile %2/sshd.pid\n"
                                        "AuthorizedKeysFile %2/authorized_keys\n"
                                        "AuthenticationMethods publickey\n"
                                        "PubkeyAuthentication yes\n"
                                        "PasswordAuthentication no\n"
                                        "KbdInteractiveAuthentication no\n"
                                        "UsePAM no\n"
                                        "StrictModes no\n"
                                        "PermitRootLogin prohibit-password\n"
                                        "Subsystem sftp internal-sftp\n"
                                        "MaxStartups 100\n"
                                        "MaxSessions 100\n"
                                        // VERBOSE logs each session's start: tests count remote commands.
                                        "LogLevel VERBOSE\n")
                             .arg(m_port)
                             .arg(d);
    cfg.write(text.toLocal8Bit());
    cfg.write(m_extraConfig.toLocal8Bit() + '\n');
    return true;
}

bool SshdFixture::start(QString *error)
{
    if (isRunning())
        return true;
    if (!m_dir.isValid()) {
        if (error)
            *error = QStringLiteral("no temporary folder");
        return false;
    }
    if (!QFile::exists(dir() + QStringLiteral("/ssh_host_ed25519_key")) && !generateHostKey(error))
        return false;
    if (!QFile::exists(dir() + QStringLiteral("/authorized_keys"))) {
        QFile keys(dir() + QStringLiteral("/authorized_keys"));
        keys.open(QIODevice::WriteOnly);
    }
    // The privilege-separation folder a packaged sshd expects.
    if (::geteuid() == 0 && !QFileInfo::exists(QStringLiteral("/run/sshd")))
        ::mkdir("/run/sshd", 0755);

    for (int attempt = 0; attempt < 5; ++attempt) {
        if (m_port == 0 || attempt > 0)
            m_port = freeLoopbackPort();
        if (!writeConfig(error))
            return false;
        m_sshd = std::make_unique<QProcess>();
        m_sshd->setProcessChannelMode(QProcess::SeparateChannels);
        // A file, not a pipe: a pipe nobody reads would block sshd once full.
        m_sshd->setStandardErrorFile(dir() + QStringLiteral("/sshd.log"), QIODevice::Append);
        m_sshd->setStandardOutputFile(QProcess::nullDevice());
        m_sshd->start(QString::fromLatin1(SshdBinary), {QStringLiteral("-D"), QStringLiteral("-e"),
                                                        QStringLiteral("-f"), dir() + QStringLiteral("/sshd_config")});
        if (!m_sshd->waitForStarted(5000)) {
            if (error)
                *error =
                    QStringLiteral("cannot start %1: %2").arg(QString::fromLatin1(SshdBinary), m_sshd->errorString());
            m_sshd.reset();
            return false;
        }
        if (waitUntilGreeting(10000))
            return true;
        stop(); // most likely the port was taken in between: try another
    }
    if (error)
        *error = QStringLiteral("sshd did not come up; its log:\n%1").arg(log());
    return false;
}

bool SshdFixture::waitUntilGreeting(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (!m_sshd || m_sshd->state() != QProcess::Running)
            return false;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(m_port));
        if (socket.waitForConnected(500) && socket.waitForReadyRead(2000) && socket.readAll().startsWith("SSH-2.0"))
            return true;
        m_sshd->waitForFinished(50); // a short sleep that notices sshd exiting
    }
    return false;
}

bool SshdFixture::isRunning() const
{
    return m_sshd && m_sshd->state() == QProcess::Running;
}

void SshdFixture::stop()
{
    if (!m_sshd)
        return;
    const pid_t master = pid_t(m_sshd->processId());
    if (master > 0) {
        // Sessions first, so that no connection survives the listener.
        for (int round = 0; round < 3; ++round) {
            const QList<pid_t> pids = descendantsOf(master);
            if (pids.isEmpty())
                break;
            for (pid_t p : pids)
                ::kill(p, SIGKILL);
            QThread::msleep(20);
        }
        ::kill(master, SIGKILL);
    }
    m_sshd->waitForFinished(5000);
    m_sshd.reset();
}

void SshdFixture::freeze()
{
    if (!m_sshd)
        return;
    const pid_t master = pid_t(m_sshd->processId());
    ::kill(master, SIGSTOP);
    for (pid_t p : descendantsOf(master))
        ::kill(p, SIGSTOP);
}

void SshdFixture::thaw()
{
    if (!m_sshd)
        return;
    const pid_t master = pid_t(m_sshd->processId());
    for (pid_t p : descendantsOf(master))
        ::kill(p, SIGCONT);
    ::kill(master, SIGCONT);
}

bool SshdFixture::waitForNoSessions(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (m_sshd && !descendantsOf(pid_t(m_sshd->processId())).isEmpty()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QThread::msleep(20);
    }
    return true;
}

bool SshdFixture::restart(QString *error)
{
    stop();
    // Same port: a client's known_hosts entry is per host:port.
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (!writeConfig(error))
            return false;
        m_sshd = std::make_unique<QProcess>();
        m_sshd->setStandardErrorFile(dir() + QStringLiteral("/sshd.log"), QIODevice::Append);
        m_sshd->setStandardOutputFile(QProcess::nullDevice());
        m_sshd->start(QString::fromLatin1(SshdBinary), {QStringLiteral("-D"), QStringLiteral("-e"),
                                                        QStringLiteral("-f"), dir() + QStringLiteral("/sshd_config")});
        if (m_sshd->waitForStarted(5000) && waitUntilGreeting(5000))
            return true;
        stop();
        QThread::msleep(100); // the old socket may linger a moment
    }
    if (error)
        *error = QStringLiteral("sshd did not restart; its log:\n%1").arg(log());
    return false;
}

bool SshdFixture::regenerateHostKey(QString *error)
{
    const bool wasRunning = isRunning();
    stop();
    if (!generateHostKey(error))
        return false;
    return wasRunning ? restart(error) : true;
}

bool SshdFixture::authorize(const QByteArray &publicKeyLine)
{
    QFile keys(dir() + QStringLiteral("/authorized_keys"));
    if (!keys.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    keys.write(publicKeyLine.trimmed() + '\n');
    return true;
}

void SshdFixture::revokeAll()
{
    QFile keys(dir() + QStringLiteral("/authorized_keys"));
    keys.open(QIODevice::WriteOnly | QIODevice::Truncate);
}

QByteArray SshdFixture::hostKeyFingerprint() const
{
    QByteArray out;
    if (!run(QStringLiteral("ssh-keygen"),
             {QStringLiteral("-l"), QStringLiteral("-f"), dir() + QStringLiteral("/ssh_host_ed25519_key.pub")}, &out))
        return {};
    const QList<QByteArray> fields = out.trimmed().split(' ');
    return fields.size() > 1 ? fields.at(1) : QByteArray();
}

} // namespace tardigrade::test
