#pragma once

#include "SftpPacket.h"
#include "util/Result.h"

#include <QByteArray>
#include <memory>

struct ssh_session_struct;
struct ssh_channel_struct;

namespace tardigrade {

// An SFTP conversation of our own on an SSH channel (the "sftp" subsystem),
// beside libssh's: libssh 0.10 waits for each answer before the next
// request, this one sends requests without waiting and reads the answers as
// they come (SftpPipeline). Opened once per connection, for one thread.
class SftpChannel {
public:
    ~SftpChannel();
    SftpChannel(const SftpChannel &) = delete;
    SftpChannel &operator=(const SftpChannel &) = delete;

    // Opens the channel and agrees on version 3 (INIT, VERSION), waiting at
    // most `timeoutMs` for the answer. The error holds libssh's words.
    static Result<std::unique_ptr<SftpChannel>> open(ssh_session_struct *session, int timeoutMs);

    // Bytes of file data per WRITE this server takes.
    int writeSize() const { return m_writeSize; }

    // Sends a whole packet; false when the channel failed or the server
    // stopped taking data for `stallMs` (then stalled() is true).
    bool send(const QByteArray &packet, int stallMs);
    bool stalled() const { return m_stalled; }
    // The next answer: waits at most `timeoutMs` (0: only what has arrived).
    // Nothing when none came in time; `failed` is set when the channel is
    // closed, broken or sent something that is not SFTP.
    bool receive(sftp::Reply *reply, int timeoutMs, bool *failed);

    QString lastError() const;

private:
    SftpChannel(ssh_session_struct *session, ssh_channel_struct *channel) : m_session(session), m_channel(channel) {}

    ssh_session_struct *m_session;
    ssh_channel_struct *m_channel;
    sftp::ReplyReader m_reader;
    int m_writeSize = 32 * 1024; // what every server takes
    bool m_stalled = false;
};

} // namespace tardigrade
