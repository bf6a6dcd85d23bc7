#include "SftpPipeline.h"

#include "Md5.h"
#include "SftpChannel.h"
#include "util/LocalFile.h"

#include <QElapsedTimer>
#include <algorithm>

namespace tardigrade {

namespace {
// While nothing can be sent, answers are awaited in slices this long, so
// that a cancel is seen promptly.
constexpr int WaitSliceMs = 50;
} // namespace

SftpPipeline::SftpPipeline(SftpChannel &channel, const QVector<PipelinedFile> &files, const LocalOpener &openLocal,
                           const Limits &limits, const Progress &progress, const std::atomic_bool *cancel)
    : m_channel(channel), m_files(files), m_openLocal(openLocal), m_limits(limits), m_progress(progress),
      m_cancel(cancel), m_state(files.size()), m_outcomes(files.size())
{
}

SftpPipeline::~SftpPipeline() = default;

SftpPipeline::Ending SftpPipeline::run()
{
    QElapsedTimer quiet; // since the last answer, while nothing could be sent
    quiet.start();
    while (m_finished < m_files.size()) {
        if (cancelled())
            return Ending::Cancelled;
        bool sentAny = false;
        while (m_openNow < m_limits.openFiles && m_nextFile < m_files.size()) {
            if (!openNext())
                return sendFailed();
            sentAny = true;
        }
        while (!m_writing.empty() && m_unanswered < m_limits.unansweredBytes) {
            if (cancelled())
                return Ending::Cancelled;
            if (!writeNext())
                return sendFailed();
            sentAny = true;
        }
        if (m_finished == m_files.size())
            break;
        // Take every answer that has arrived; wait for one only when
        // nothing more may be sent before it.
        sftp::Reply reply;
        bool failed = false;
        bool answered = false;
        while (m_channel.receive(&reply, answered || sentAny ? 0 : WaitSliceMs, &failed)) {
            if (!answer(reply))
                return sendFailed();
            answered = true;
        }
        if (failed)
            return Ending::Broken;
        if (answered || sentAny)
            quiet.restart();
        else if (quiet.elapsed() >= m_limits.stallMs)
            return Ending::Stalled;
    }
    return Ending::Finished;
}

SftpPipeline::Ending SftpPipeline::sendFailed() const
{
    // A host that stopped taking data is not a broken channel: the
    // difference is in the sentence the files get.
    return m_channel.stalled() ? Ending::Stalled : Ending::Broken;
}

bool SftpPipeline::request(int file, RequestKind kind, qint64 bytes, const QByteArray &packet)
{
    const std::uint32_t id = m_nextId++;
    m_requests.insert(id, Request{file, kind, bytes});
    ++m_state[file].unanswered;
    m_mostInFlight = std::max(m_mostInFlight, int(m_requests.size()));
    return m_channel.send(packet, m_limits.stallMs);
}

bool SftpPipeline::openNext()
{
    const int i = m_nextFile++;
    FileState &f = m_state[i];
    // The local file first: nothing is created on the host for a file
    // that cannot be read.
    Result<std::shared_ptr<LocalFile>> local = m_openLocal(m_files.at(i));
    if (!local.ok()) {
        failLocally(i, local.error());
        f.phase = FileState::Phase::Done;
        ++m_finished;
        return true;
    }
    f.local = std::move(local).value();
    m_outcomes[i].size = f.local->size();
    if (Md5 *digest = m_files.at(i).digest)
        digest->reset();
    if (m_progress)
        m_progress(i, 0, f.local->size());
    f.phase = FileState::Phase::Opening;
    ++m_openNow;
    const std::uint32_t id = m_nextId;
    return request(i, RequestKind::Open, 0,
                   sftp::open(id, m_files.at(i).remotePath,
                              sftp::open_flags::Write | sftp::open_flags::Create | sftp::open_flags::Truncate,
                              m_limits.permissions));
}

bool SftpPipeline::writeNext()
{
    const int i = m_writing.front();
    FileState &f = m_state[i];
    const qint64 size = f.local->size();
    if (f.sent < size) {
        const int n = int(std::min<qint64>(m_channel.writeSize(), size - f.sent));
        char *data = nullptr;
        const QByteArray packet = sftp::write(m_nextId, f.handle, std::uint64_t(f.sent), n, &data);
        if (!f.local->readFullyAt(f.sent, data, n)) {
            failLocally(i, Error::permanent(
                               QStringLiteral("Cannot read the local file while sending it to %1 (%2): check that it "
                                              "was not truncated or moved.")
                                   .arg(QString::fromUtf8(m_files.at(i).remotePath), f.local->errorString())));
            m_writing.pop_front();
            return endFile(i);
        }
        // Hashed from the very buffer that is sent.
        if (Md5 *digest = m_files.at(i).digest)
            digest->update(data, std::size_t(n));
        if (!request(i, RequestKind::Write, n, packet))
            return false;
        f.local->doneWith(f.sent, n);
        f.sent += n;
        m_unanswered += n;
        if (f.sent < size)
            return true;
    }
    m_writing.pop_front();
    return endFile(i);
}

bool SftpPipeline::endFile(int i)
{
    FileState &f = m_state[i];
    f.phase = FileState::Phase::Closing;
    // An open with a mode is subject to the host's umask; the mode set on
    // the handle is not (as the one-at-a-time path's chmod).
    if (!f.failed &&
        !request(i, RequestKind::SetMode, 0, sftp::setPermissions(m_nextId, f.handle, m_limits.permissions)))
        return false;
    return request(i, RequestKind::Close, 0, sftp::close(m_nextId, f.handle));
}

bool SftpPipeline::answer(const sftp::Reply &reply)
{
    const auto found = m_requests.constFind(reply.id);
    if (found == m_requests.constEnd() || reply.type == sftp::Version)
        return false; // an answer to nothing we asked: the conversation is lost
    const Request req = *found;
    m_requests.erase(found);
    FileState &f = m_state[req.file];
    --f.unanswered;
    const bool ok = reply.type == sftp::StatusReply && reply.status == sftp::Ok;
    switch (req.kind) {
    case RequestKind::Open:
        if (reply.type == sftp::HandleReply) {
            f.handle = reply.handle;
            f.phase = FileState::Phase::Writing;
            m_writing.push_back(req.file);
        } else {
            refuse(req.file, reply, QStringLiteral("creating"));
            f.phase = FileState::Phase::Closing; // nothing to close
        }
        break;
    case RequestKind::Write:
        m_unanswered -= req.bytes;
        if (ok) {
            f.acknowledged += req.bytes;
            if (m_progress && !f.failed)
                m_progress(req.file, f.acknowledged, f.local->size());
        } else if (!f.failed) {
            refuse(req.file, reply, QStringLiteral("writing"));
            // No more writes; close the handle at once.
            const auto queued = std::find(m_writing.begin(), m_writing.end(), req.file);
            if (queued != m_writing.end()) {
                m_writing.erase(queued);
                if (!endFile(req.file))
                    return false;
            }
        }
        break;
    case RequestKind::SetMode:
        if (!ok && !f.failed)
            refuse(req.file, reply, QStringLiteral("setting the permissions of"));
        break;
    case RequestKind::Close:
        if (!ok && !f.failed)
            refuse(req.file, reply, QStringLiteral("closing"));
        break;
    }
    finishIfAnswered(req.file);
    return true;
}

void SftpPipeline::finishIfAnswered(int i)
{
    FileState &f = m_state[i];
    if (f.phase != FileState::Phase::Closing || f.unanswered > 0)
        return;
    f.phase = FileState::Phase::Done;
    if (!f.failed) {
        m_outcomes[i].state = Outcome::State::Sent;
        if (m_progress && f.local->size() == 0)
            m_progress(i, 0, 0);
    }
    f.local.reset();
    --m_openNow;
    ++m_finished;
}

void SftpPipeline::refuse(int i, const sftp::Reply &reply, const QString &doing)
{
    m_state[i].failed = true;
    Outcome &o = m_outcomes[i];
    o.state = Outcome::State::Refused;
    // An answer that is not a STATUS where one was due is a failure too.
    o.status = reply.type == sftp::StatusReply ? reply.status : std::uint32_t(sftp::Failure);
    o.message = reply.message;
    o.doing = doing;
}

void SftpPipeline::failLocally(int i, const Error &error)
{
    m_state[i].failed = true;
    m_outcomes[i].state = Outcome::State::LocalFailure;
    m_outcomes[i].localError = error;
}

} // namespace tardigrade
