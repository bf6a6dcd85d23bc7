#pragma once

#include "SftpPipeline.h"
#include "SshEndpoint.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QVector>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

struct ssh_session_struct;
struct sftp_session_struct;

namespace tardigrade {

class LocalFile;
class ReadTally;
class Md5;
class ScpSink;
class SftpChannel;

// One authenticated SSH session to a staging host, reused for many files by
// one worker thread (never shared between threads). Remote paths are bytes
// used exactly as given: no decoding, no charset conversion, and every one
// that reaches a remote shell is single-quoted.
//
// Bulk data goes to one long-lived SCP sink per connection (ScpSink), file
// after file; resuming a partial file streams the rest through
// `cat >> <path>` on an exec channel at the same speed; SFTP carries small
// files and does the small things (stat, mkdir, chmod, truncate, reading
// back the bytes before a resume point).
class SshConnection {
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    static constexpr qint64 ResumeThreshold = qint64(1) << 20; // smaller partial files are re-sent whole
    static constexpr int FileMode = 0660;
    static constexpr int DirectoryMode = 02770;

    ~SshConnection();
    SshConnection(const SshConnection &) = delete;
    SshConnection &operator=(const SshConnection &) = delete;

    static Result<std::unique_ptr<SshConnection>> open(const SshEndpoint &endpoint);

    const SshEndpoint &endpoint() const { return m_endpoint; }
    // Every byte this connection reads from local files goes into `reads`
    // (the run's tally); none: not counted.
    void countReadsInto(ReadTally *reads) { m_reads = reads; }
    // False once the session dropped, or after a transfer was abandoned half
    // way (stall, cancel): open a new connection then.
    bool isConnected() const;

    // mkdir -p: creates the missing folders of `remoteDir`, giving each one it
    // creates `mode` (setgid included, whatever the remote umask).
    Status makeDirectories(const QByteArray &remoteDir, int mode = DirectoryMode);

    // Size of a remote file, -1 if there is none.
    Result<qint64> remoteSize(const QByteArray &remotePath);

    // Sends `localPath` to `remotePath` (its folder must exist), continuing
    // after the first `resumeOffset` bytes when the staging host holds at
    // least that many and they end with the same bytes as the local file
    // (-1: continue after whatever the host holds). Ends with mode 0660 and
    // the remote size checked. `progress` gets bytes present remotely so far.
    // With `digest`, every byte of the local file goes into it exactly as
    // read for sending (the bytes before a resume point are read locally
    // first), so it ends as the MD5 of exactly what the host holds; each
    // byte is read once. Sent blocks leave the page cache.
    Status upload(const QString &localPath, const QByteArray &remotePath, qint64 resumeOffset, const Progress &progress,
                  const std::atomic_bool *cancel, Md5 *digest = nullptr);

    // Sends a batch of small fresh files (their folders must exist) over
    // one SFTP channel of this connection with many requests in flight
    // (SftpPipeline): one answer per file, in order, each with the sentence
    // upload() would give. A file's digest gets exactly the bytes sent;
    // nothing resumes. After a cancel, a stall or a drop the connection is
    // no longer connected (isConnected): the files not finished fail and the
    // next use reconnects.
    using ManyProgress = std::function<void(int index, qint64 done, qint64 total)>;
    QVector<Status> uploadMany(const QVector<PipelinedFile> &files, const ManyProgress &progress,
                               const std::atomic_bool *cancel);
    // How much a batch keeps in flight (tests turn it down to one file).
    void setPipelineLimits(const SftpPipeline::Limits &limits) { m_pipelineLimits = limits; }

    // Moves a file on the staging host (making the new folder, mode 2770),
    // replacing what is there: an SFTP rename, or a shell `mv` of the quoted
    // paths where the server has no posix-rename.
    Status move(const QByteArray &from, const QByteArray &to);

    // Deletes a file on the staging host (an SFTP remove: no shell, so no
    // quoting); a file that is not there counts as deleted.
    Status remove(const QByteArray &remotePath);

    // Bytes of the block size used for reads and channel writes.
    static constexpr qint64 BlockSize = qint64(4) << 20;
    // Bytes per channel write: cancel is checked between two.
    static constexpr qint64 SliceSize = qint64(1) << 20;

    // Files (or remainders) smaller than this go by SFTP writes, which need
    // no remote process at all; larger ones go to the SCP sink (one process
    // per connection), which streams 3-4x faster. 0: always SCP/exec.
    static constexpr qint64 DefaultSftpBelow = qint64(4) << 20;
    void setSftpBelow(qint64 bytes) { m_sftpBelow = bytes; }
    // Fresh files from this size are sent only when the host has room.
    static constexpr qint64 SpaceCheckAbove = qint64(64) << 20;

private:
    explicit SshConnection(const SshEndpoint &endpoint);

    Result<sftp_session_struct *> sftp();
    // A folder this connection just made gets `mode` (setgid included).
    Status fixFolderMode(const QByteArray &dir, int mode);
    Error failure(const QString &doing, const QByteArray &remotePath) const;
    Error sftpFailure(const QString &doing, const QByteArray &remotePath);
    // The sentence for an SFTP status code the host answered (`detail`: its words).
    Error refusal(unsigned status, const QString &detail, const QString &doing, const QByteArray &remotePath) const;
    Error stalled(const QByteArray &remotePath, qint64 stallMs) const;
    qint64 stallMs() const { return qint64(m_endpoint.timeoutSecs > 0 ? m_endpoint.timeoutSecs : 10) * 1000; }
    // The local file opened for sending (its reads counted into m_reads),
    // or why it cannot be.
    Result<std::shared_ptr<LocalFile>> openLocal(const QString &localPath);
    // upload()'s sentence for what uploadMany()'s pipeline said about one file.
    Error batchFailure(const SftpPipeline::Outcome &outcome, SftpPipeline::Ending ending,
                       const QByteArray &remotePath, std::optional<bool> *diskFullSeen);
    Error hostRefused(const Error &said, const QByteArray &remotePath) const;
    // A transfer that failed because the staging file system is full shows
    // it in many ways (the SCP sink stops reading, SFTP answers only
    // "Failure", fewer bytes arrive): the host's free space tells. The
    // disk-full sentence when under `needed` bytes are free, else `failed`.
    Error unlessDiskFull(const Error &failed, const QByteArray &remotePath, qint64 needed);
    // The disk-full sentence when the folder of `remotePath` has under
    // `needed` bytes free; nothing when it has, or the host cannot say.
    std::optional<Error> lacksSpace(const QByteArray &remotePath, qint64 needed);
    Error diskFull(const QByteArray &remotePath, const QString &detail) const;
    struct RemoteEntry {
        bool exists = false;
        bool isFolder = false;
        qint64 size = -1;
    };
    // One stat on the staging host; a missing path is an entry that does not exist.
    Result<RemoteEntry> statRemote(const QByteArray &remotePath, const QString &doing);
    bool remoteIsFolder(const QByteArray &remotePath);
    static Error folderInTheWay(const QByteArray &remotePath);
    bool sendsBySftp(qint64 bytes) const { return bytes < m_sftpBelow; }
    Result<qint64> usableResumeOffset(LocalFile &localFile, qint64 localSize, const QByteArray &remotePath, qint64 wanted);
    Status truncateRemote(const QByteArray &remotePath, qint64 size);
    // Reads bytes [from, total) of the local file a block at a time and
    // hands each block to `send` (which reports progress), stopping between
    // blocks on cancel.
    using BlockSender = std::function<Status(const char *data, qint64 size, qint64 offset)>;
    Status sendLocalBlocks(LocalFile &localFile, qint64 from, qint64 total, const QByteArray &remotePath,
                           const Progress &progress, const std::atomic_bool *cancel, const BlockSender &send);
    // Feeds bytes [0, upTo) of the local file to m_digest (what a resumed
    // file's host copy holds already).
    Status hashLocalPrefix(LocalFile &localFile, qint64 upTo, const QByteArray &remotePath,
                           const std::atomic_bool *cancel);
    Status streamSftp(LocalFile &localFile, qint64 from, qint64 total, const QByteArray &remotePath, const Progress &progress,
                      const std::atomic_bool *cancel);
    Status stream(LocalFile &localFile, qint64 from, qint64 total, const QByteArray &remotePath, bool append,
                  const Progress &progress, const std::atomic_bool *cancel);

    SshEndpoint m_endpoint;
    ssh_session_struct *m_session = nullptr;
    sftp_session_struct *m_sftp = nullptr;
    qint64 m_sftpBelow = DefaultSftpBelow;
    bool m_broken = false;
    bool m_stalled = false; // the last transfer stopped because the host stopped reading (or a write failed)
    std::unique_ptr<ScpSink> m_sink; // opened on the first large file, kept for the next
    std::unique_ptr<SftpChannel> m_pipelineChannel; // opened on the first batch, kept for the next
    SftpPipeline::Limits m_pipelineLimits;
    Md5 *m_digest = nullptr;         // of the upload in progress, when it hashes while sending
    ReadTally *m_reads = nullptr;    // the run's local reads
};

} // namespace tardigrade
