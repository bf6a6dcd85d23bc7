#include "ScpChannel.h"

#include <QString>

// libssh 0.10 marks the SCP API deprecated but keeps it complete and it
// streams 3x faster than its SFTP writes; the warning is silenced here only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#include <libssh/libssh.h>

namespace tardigrade {

namespace {
// libssh formats "scp -t <quoted>" into char[1024], and quoting can triple
// the length in the worst case ('...'"'"'... for every quote).
constexpr int MaxCarriedPath = (1024 - int(sizeof("scp -t  ")) - 2) / 3;
} // namespace

bool ScpChannel::canCarry(const QByteArray &remotePath)
{
    return !remotePath.isEmpty() && remotePath.size() <= MaxCarriedPath && !remotePath.contains('\0');
}

Result<std::unique_ptr<ScpChannel>> ScpChannel::open(ssh_session_struct *session, const QByteArray &remotePath,
                                                     qint64 size, int mode)
{
    if (!canCarry(remotePath))
        return Error::internal(QStringLiteral("The staging path is too long for SCP."));
    ssh_scp scp = ssh_scp_new(session, SSH_SCP_WRITE, remotePath.constData());
    if (!scp)
        return Error::internal(QString::fromUtf8(ssh_get_error(session)));
    std::unique_ptr<ScpChannel> channel(new ScpChannel(session, scp));
    if (ssh_scp_init(scp) != SSH_OK)
        return Error::transient(channel->lastError());
    // The name in the C line is ignored by the sink when the target is not a
    // directory (it writes to the target itself); a fixed harmless name keeps
    // the sink's own checks (no '/', not "..") from ever refusing it.
    if (ssh_scp_push_file64(scp, "tardigrade-upload", uint64_t(size), mode) != SSH_OK)
        return Error::transient(channel->lastError());
    // A 0-byte file still needs the write that sends the end-of-file mark.
    if (size == 0 && ssh_scp_write(scp, "", 0) != SSH_OK)
        return Error::transient(channel->lastError());
    return channel;
}

ScpChannel::~ScpChannel()
{
    if (m_scp) {
        if (!m_closed)
            ssh_scp_close(m_scp);
        ssh_scp_free(m_scp);
    }
}

bool ScpChannel::write(const char *data, std::size_t size)
{
    return ssh_scp_write(m_scp, data, size) == SSH_OK;
}

bool ScpChannel::close()
{
    m_closed = true;
    return ssh_scp_close(m_scp) == SSH_OK;
}

QString ScpChannel::lastError() const
{
    return QString::fromUtf8(ssh_get_error(m_session));
}

} // namespace tardigrade

#pragma GCC diagnostic pop
