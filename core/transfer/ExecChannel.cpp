#include "ExecChannel.h"

#include <QString>
#include <libssh/libssh.h>

namespace tardigrade {

Result<std::unique_ptr<ExecChannel>> ExecChannel::start(ssh_session_struct *session, const QByteArray &command)
{
    ssh_channel channel = ssh_channel_new(session);
    if (!channel)
        return Error::transient(QString::fromUtf8(ssh_get_error(session)));
    std::unique_ptr<ExecChannel> exec(new ExecChannel(session, channel));
    if (ssh_channel_open_session(channel) != SSH_OK || ssh_channel_request_exec(channel, command.constData()) != SSH_OK)
        return Error::transient(exec->lastError());
    return exec;
}

ExecChannel::~ExecChannel()
{
    if (ssh_channel_is_open(m_channel))
        ssh_channel_close(m_channel);
    ssh_channel_free(m_channel);
}

bool ExecChannel::write(const char *data, std::size_t size)
{
    while (size > 0) {
        // Takes in the window adjustments that have arrived, so the write
        // below sees the whole window instead of stopping to wait for one
        // (what libssh's own SCP writer does; 30% faster on loopback).
        (void)ssh_channel_poll(m_channel, 0);
        // ssh_channel_write takes uint32_t; our blocks are far below that.
        const int n = ssh_channel_write(m_channel, data, uint32_t(size));
        // 0 means libssh gave up waiting for the peer's window (timeout).
        if (n <= 0)
            return false;
        data += n;
        size -= std::size_t(n);
    }
    return true;
}

int ExecChannel::read(char *data, std::size_t size, int timeoutMs)
{
    const int n = ssh_channel_read_timeout(m_channel, data, uint32_t(size), 0, timeoutMs);
    return n == SSH_ERROR ? -1 : qMax(0, n);
}

bool ExecChannel::atEnd() const
{
    return !ssh_channel_is_open(m_channel) || ssh_channel_is_eof(m_channel);
}

int ExecChannel::finish(QByteArray *errorOutput)
{
    ssh_channel_send_eof(m_channel);
    char buffer[4096];
    // Drain both streams until the command has gone; stderr is kept (short)
    // for the error sentence, stdout (nothing expected) is dropped.
    for (int isStderr = 1; isStderr >= 0; --isStderr) {
        for (;;) {
            const int n = ssh_channel_read(m_channel, buffer, sizeof buffer, isStderr);
            if (n <= 0)
                break;
            if (isStderr && errorOutput && errorOutput->size() < 4096)
                errorOutput->append(buffer, n);
        }
    }
    const int status = ssh_channel_get_exit_status(m_channel);
    ssh_channel_close(m_channel);
    return status;
}

QString ExecChannel::lastError() const
{
    return QString::fromUtf8(ssh_get_error(m_session));
}

} // namespace tardigrade
