#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <memory>

struct ssh_session_struct;
struct ssh_channel_struct;

namespace tardigrade {

// One remote command over an SSH exec channel, fed through its standard
// input at full channel speed. The command line goes through the remote
// user's shell, so every argument in it must come from shellQuote().
class ExecChannel {
public:
    ~ExecChannel();
    ExecChannel(const ExecChannel &) = delete;
    ExecChannel &operator=(const ExecChannel &) = delete;

    static Result<std::unique_ptr<ExecChannel>> start(ssh_session_struct *session, const QByteArray &command);

    bool write(const char *data, std::size_t size);

    // Reads up to `size` bytes of the command's standard output, waiting at
    // most `timeoutMs`: the count, 0 on timeout or end of output, -1 on error.
    int read(char *data, std::size_t size, int timeoutMs);
    bool atEnd() const;

    // Closes standard input, waits for the command to end, returns its exit
    // status (-1 if the host sent none); `errorOutput` gets its stderr.
    int finish(QByteArray *errorOutput = nullptr);

    QString lastError() const;

private:
    ExecChannel(ssh_session_struct *session, ssh_channel_struct *channel) : m_session(session), m_channel(channel) {}

    ssh_session_struct *m_session;
    ssh_channel_struct *m_channel;
};

} // namespace tardigrade
