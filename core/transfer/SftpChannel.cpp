#include "SftpChannel.h"

#include <QElapsedTimer>
#include <QString>
#include <libssh/libssh.h>

namespace tardigrade {

namespace {
// Every server must take 32 KiB; OpenSSH's sftp-server takes messages up to
// 256 KiB, and says who it is by its @openssh.com extensions. Larger writes
// mean fewer packets for the same bytes (measured: see the report of issue 15).
constexpr int OpenSshWriteSize = 128 * 1024;
} // namespace

Result<std::unique_ptr<SftpChannel>> SftpChannel::open(ssh_session_struct *session, int timeoutMs)
{
    ssh_channel channel = ssh_channel_new(session);
    if (!channel)
        return Error::transient(QString::fromUtf8(ssh_get_error(session)));
    std::unique_ptr<SftpChannel> c(new SftpChannel(session, channel));
    if (ssh_channel_open_session(channel) != SSH_OK || ssh_channel_request_subsystem(channel, "sftp") != SSH_OK)
        return Error::transient(c->lastError());
    if (!c->send(sftp::init(), timeoutMs))
        return Error::transient(c->lastError());
    sftp::Reply version;
    bool failed = false;
    if (!c->receive(&version, timeoutMs, &failed) || version.type != sftp::Version)
        return Error::transient(failed ? c->lastError()
                                       : QStringLiteral("the SFTP server did not answer its greeting"));
    if (version.id < 3)
        return Error::permanent(QStringLiteral("the SFTP server speaks only version %1").arg(version.id));
    for (const QByteArray &name : version.extensions)
        if (name.endsWith("@openssh.com"))
            c->m_writeSize = OpenSshWriteSize;
    return c;
}

SftpChannel::~SftpChannel()
{
    if (ssh_channel_is_open(m_channel))
        ssh_channel_close(m_channel);
    ssh_channel_free(m_channel);
}

bool SftpChannel::send(const QByteArray &packet, int stallMs)
{
    const char *data = packet.constData();
    qint64 left = packet.size();
    QElapsedTimer waited;
    waited.start();
    while (left > 0) {
        // Takes in window adjustments already arrived (see ExecChannel::write).
        (void)ssh_channel_poll(m_channel, 0);
        const int n = ssh_channel_write(m_channel, data, uint32_t(left));
        if (n < 0)
            return false;
        if (n == 0 && waited.elapsed() >= stallMs) {
            m_stalled = true; // libssh gave up waiting for the window, for long enough
            return false;
        }
        if (n > 0)
            waited.restart();
        data += n;
        left -= n;
    }
    return true;
}

bool SftpChannel::receive(sftp::Reply *reply, int timeoutMs, bool *failed)
{
    *failed = false;
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        if (m_reader.next(reply))
            return true;
        if (m_reader.malformed()) {
            *failed = true;
            return false;
        }
        const int left = timeoutMs - int(waited.elapsed());
        char buffer[16384];
        const int n = left > 0 ? ssh_channel_read_timeout(m_channel, buffer, sizeof buffer, 0, left)
                               : ssh_channel_read_nonblocking(m_channel, buffer, sizeof buffer, 0);
        if (n < 0 || (n == 0 && (ssh_channel_is_eof(m_channel) || !ssh_channel_is_open(m_channel)))) {
            *failed = true;
            return false;
        }
        if (n > 0) {
            m_reader.feed(buffer, n);
            continue;
        }
        if (left <= 0 || waited.elapsed() >= timeoutMs)
            return false;
    }
}

QString SftpChannel::lastError() const
{
    if (m_reader.malformed())
        return QStringLiteral("the SFTP server sent something that is not SFTP");
    return QString::fromUtf8(ssh_get_error(m_session));
}

} // namespace tardigrade
