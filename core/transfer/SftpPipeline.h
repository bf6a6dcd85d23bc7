#pragma once

#include "SftpPacket.h"
#include "util/Result.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QVector>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>

namespace tardigrade {

class LocalFile;
class Md5;
class SftpChannel;

// One small file of a batch: where it is, where it goes (bytes, exactly as
// given), and the digest that gets exactly the bytes sent (may be null).
struct PipelinedFile {
    QString localPath;
    QByteArray remotePath;
    Md5 *digest = nullptr;
};

// Writes a batch of files over one SftpChannel with many requests in flight:
// OPENs go out without waiting, each file's WRITEs follow as soon as its
// handle arrives, then FSETSTAT (mode) and CLOSE, and the answers are matched
// to their requests by id. A round trip is paid once per window of files
// instead of several times per file. Each file succeeds or fails on its own;
// cancel, a stall or a broken channel end the batch (the channel is then
// mid-conversation and must not be used again).
class SftpPipeline {
public:
    struct Limits {
        int openFiles = 64;                       // files open on the server at once
        qint64 unansweredBytes = qint64(8) << 20; // bytes written and not yet acknowledged
        int stallMs = 10000;                      // no answer for this long: the host stopped
        int permissions = 0660;
    };
    // What became of one file.
    struct Outcome {
        enum class State { Unfinished, Sent, LocalFailure, Refused };
        State state = State::Unfinished;
        Error localError;         // LocalFailure: the sentence
        std::uint32_t status = 0; // Refused: the server's status code,
        QByteArray message;       //   its text,
        QString doing;            //   and what was being done ("creating", "writing" ...)
        qint64 size = 0;
    };
    enum class Ending { Finished, Cancelled, Stalled, Broken };

    using Progress = std::function<void(int index, qint64 done, qint64 total)>;
    // Opens a local file for sending; a null pointer with the error otherwise.
    using LocalOpener = std::function<Result<std::shared_ptr<LocalFile>>(const PipelinedFile &file)>;

    SftpPipeline(SftpChannel &channel, const QVector<PipelinedFile> &files, const LocalOpener &openLocal,
                 const Limits &limits, const Progress &progress, const std::atomic_bool *cancel);
    ~SftpPipeline();

    Ending run();
    const QVector<Outcome> &outcomes() const { return m_outcomes; }
    // Packets sent and the most requests that were ever waiting for answers
    // at once (tests, logs).
    int requestsSent() const { return m_nextId; }
    int mostInFlight() const { return m_mostInFlight; }

private:
    enum class RequestKind { Open, Write, SetMode, Close };
    struct Request {
        int file = 0;
        RequestKind kind = RequestKind::Open;
        qint64 bytes = 0;
    };
    struct FileState {
        enum class Phase { Waiting, Opening, Writing, Closing, Done };
        Phase phase = Phase::Waiting;
        std::shared_ptr<LocalFile> local;
        QByteArray handle;
        qint64 sent = 0;
        qint64 acknowledged = 0;
        int unanswered = 0;
        bool failed = false;
    };

    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    // How the batch ends when a request could not be sent (or an answer made no sense).
    Ending sendFailed() const;
    bool request(int file, RequestKind kind, qint64 bytes, const QByteArray &packet);
    bool openNext();
    bool writeNext();
    bool answer(const sftp::Reply &reply);
    bool endFile(int file); // FSETSTAT (unless failed) and CLOSE
    void refuse(int file, const sftp::Reply &reply, const QString &doing);
    void failLocally(int file, const Error &error);
    void finishIfAnswered(int file);

    SftpChannel &m_channel;
    const QVector<PipelinedFile> &m_files;
    LocalOpener m_openLocal;
    Limits m_limits;
    Progress m_progress;
    const std::atomic_bool *m_cancel;
    QVector<FileState> m_state;
    QVector<Outcome> m_outcomes;
    QHash<std::uint32_t, Request> m_requests;
    std::deque<int> m_writing; // files with a handle and bytes still to write, oldest first
    int m_nextFile = 0;
    int m_openNow = 0;
    int m_finished = 0;
    qint64 m_unanswered = 0;
    std::uint32_t m_nextId = 0;
    int m_mostInFlight = 0;
};

} // namespace tardigrade
