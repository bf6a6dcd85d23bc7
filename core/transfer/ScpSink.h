#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <memory>

struct ssh_session_struct;

namespace tardigrade {

class ExecChannel;

// One `scp -r -t /` on the staging host that takes file after file over one
// exec channel, walking between folders with the SCP protocol's D and E
// lines. The host starts one sink process per connection instead of one per
// file: each process start runs the account's shell rc files, which cost
// more than sending a 64 MiB file on the test host, and was the old tool's
// "new scp process per file". This side speaks the protocol itself (libssh's
// SCP API leaves the sink's answer to each file unread), so a write error
// on the host (a full disk) arrives as that file's answer.
class ScpSink {
public:
    ~ScpSink();
    ScpSink(const ScpSink &) = delete;
    ScpSink &operator=(const ScpSink &) = delete;

    // Absolute paths whose parts the protocol can name: no "." or ".." and
    // no newline (a protocol line ends at one).
    static bool canCarry(const QByteArray &remotePath);

    static Result<std::unique_ptr<ScpSink>> open(ssh_session_struct *session, int timeoutMs);

    // Starts a file of `size` bytes at `remotePath` (its folder must exist):
    // then write() exactly `size` bytes and call endFile().
    Status beginFile(const QByteArray &remotePath, qint64 size, int mode);
    bool write(const char *data, std::size_t size);
    // The host's answer once it has written and closed the file.
    Status endFile();

    QString lastError() const;

private:
    ScpSink(std::unique_ptr<ExecChannel> channel, int timeoutMs);

    Status command(const QByteArray &line);
    // The sink's one-byte answer (0: fine; 1, 2: a message follows), waited
    // for at most timeoutMs (-1: the stall timeout).
    Status answer(int timeoutMs = -1);

    static constexpr int FinalAnswerMs = 300 * 1000;

    std::unique_ptr<ExecChannel> m_channel;
    int m_timeoutMs;
    QList<QByteArray> m_folder; // where the sink is, below "/"
};

} // namespace tardigrade
