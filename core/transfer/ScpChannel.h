#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <memory>

struct ssh_session_struct;
struct ssh_scp_struct;

namespace tardigrade {

// One file pushed over libssh's SCP API (`scp -t <path>` on the remote side),
// the fastest way libssh 0.10 has to stream a file: it is deprecated there in
// favour of SFTP, whose synchronous writes are several times slower. This is
// the ONLY translation unit that calls the deprecated functions.
//
// libssh quotes the location for the remote shell itself (ssh_quote_file_name,
// since 0.9.3), but builds the command in a 1024-byte buffer and silently cuts
// longer ones, which could name a different file: canCarry() says whether a
// path is short enough to be safe; callers use ExecChannel otherwise.
class ScpChannel {
public:
    ~ScpChannel();
    ScpChannel(const ScpChannel &) = delete;
    ScpChannel &operator=(const ScpChannel &) = delete;

    static bool canCarry(const QByteArray &remotePath);

    // Starts `scp -t <remotePath>` and announces one file of `size` bytes.
    // `remotePath` must not be an existing directory (scp would write into it).
    static Result<std::unique_ptr<ScpChannel>> open(ssh_session_struct *session, const QByteArray &remotePath,
                                                    qint64 size, int mode);

    // Sends the next bytes; the total must come to exactly `size`.
    bool write(const char *data, std::size_t size);
    // Ends the transfer. libssh does not report the remote side's last word,
    // so the caller checks the remote size afterwards.
    bool close();

    QString lastError() const;

private:
    ScpChannel(ssh_session_struct *session, ssh_scp_struct *scp) : m_session(session), m_scp(scp) {}

    ssh_session_struct *m_session;
    ssh_scp_struct *m_scp;
    bool m_closed = false;
};

} // namespace tardigrade
