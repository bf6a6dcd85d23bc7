#include "FileWorker.h"
#include "util/CancellableSleep.h"

#include "Journal.h"
#include "MimeTypeOf.h"
#include "catalogue/MyTardisClient.h"
#include "transfer/Md5Hasher.h"
#include "transfer/SshConnection.h"
#include "util/Log.h"

#include <QDateTime>
#include <QFileInfo>
#include <QThread>

namespace tardigrade {

namespace {

qint64 mtimeMs(const QFileInfo &info) { return info.lastModified().toMSecsSinceEpoch(); }

QString relativeName(const PlannedFile &f)
{
    return f.directory.isEmpty() ? f.name : f.directory + QLatin1Char('/') + f.name;
}

// The record a file is registered with (11a json_data, 11b body).
NewDataFile describe(const PlannedDataset &dataset, const PlannedFile &file, const QFileInfo &info, const QString &md5)
{
    NewDataFile d;
    d.datasetUri = dataset.datasetUri;
    d.filename = file.name;
    d.directory = file.directory;
    d.md5sum = md5;
    d.size = info.size();
    d.mimetype = mimeTypeOf(file.name);
    const QDateTime birth = info.birthTime();
    d.createdTime = birth.isValid() ? birth : info.lastModified();
    d.modificationTime = info.lastModified();
    return d;
}

bool unchanged(const QFileInfo &before, const QString &path)
{
    const QFileInfo now(path);
    return now.exists() && now.size() == before.size() && mtimeMs(now) == mtimeMs(before);
}

} // namespace

FileWorker::FileWorker(const RunContext &context, Report report, BytesSent bytesSent, BytesSent bytesHashed)
    : m_context(context), m_report(std::move(report)), m_bytesSent(std::move(bytesSent)),
      m_bytesHashed(std::move(bytesHashed)),
      m_client(std::make_unique<MyTardisClient>(context.client))
{
}

FileWorker::~FileWorker() = default;

void FileWorker::report(const PlannedFile &file, const PlannedDataset &dataset, FileState state, qint64 done,
                        const QString &message)
{
    if (!m_report)
        return;
    FileEvent e;
    e.path = file.absolutePath;
    e.dataset = dataset.datasetName.isEmpty() && m_dataset ? m_dataset->datasetName : dataset.datasetName;
    e.state = state;
    e.size = file.size;
    e.done = done;
    e.message = message;
    m_report(e);
}

void FileWorker::record(const QString &path, const std::function<void(JournalEntry &)> &change)
{
    // The row this worker wrote last is the row on disk: while process()
    // runs, only this worker writes the file's row, so it is not read back.
    if (m_entry.path != path) {
        auto known = m_context.journal->entry(path);
        if (!known)
            return; // never hashed in any run: nothing to record against
        m_entry = *known;
    }
    change(m_entry);
    if (!m_context.journal->put(m_entry))
        m_entry = JournalEntry{}; // unsure what is on disk now: read it next time
}

void FileWorker::setState(const QString &path, FileState state)
{
    (void)m_context.journal->setState(path, state);
    if (m_entry.path == path)
        m_entry.state = state;
}

bool FileWorker::waitBeforeRetry(int attempt) const
{
    // 2 s, 4 s, 8 s ... capped at a minute; wakes early on cancel.
    const qint64 waitMs = qMin<qint64>(60000, 2000LL << qMin(attempt, 5));
    return sleepUnlessCancelled(waitMs, m_context.cancel);
}

FileOutcome FileWorker::process(const PlannedDataset &dataset, const PlannedFile &file)
{
    m_dataset = &dataset;
    m_entry = JournalEntry{}; // read afresh: the verifier may have written the row since an earlier call
    Error last = Error::cancelled();
    for (int attempt = 0; attempt <= m_context.maxUploadRetries; ++attempt) {
        if (m_context.cancelled())
            return FileOutcome{false, 0, 0, Error::cancelled()};
        Result<FileOutcome> r = this->attempt(dataset, file);
        if (r)
            return *r;
        last = r.error();
        if (last.kind != ErrorKind::Transient)
            break;
        qCInfo(lcSync) << "transient failure for" << file.absolutePath << ":" << last.message;
        m_ssh.reset(); // a broken connection is made again on the next attempt
        if (attempt < m_context.maxUploadRetries && !waitBeforeRetry(attempt))
            return FileOutcome{false, 0, 0, Error::cancelled()};
    }
    if (last.kind != ErrorKind::Cancelled) {
        if (m_context.journal)
            record(file.absolutePath, [&](JournalEntry &entry) {
                entry.state = FileState::Failed;
                entry.error = last.message;
                entry.attempts += 1;
            });
        report(file, dataset, FileState::Failed, 0, last.message);
    }
    return FileOutcome{false, 0, 0, last};
}

Result<FileOutcome> FileWorker::attempt(const PlannedDataset &dataset, const PlannedFile &file)
{
    const QFileInfo info(file.absolutePath);
    if (!info.isFile())
        return Error::permanent(
            QStringLiteral("%1 disappeared before it could be uploaded; it is looked at again in the next run.")
                .arg(file.absolutePath));

    switch (file.decision) {
    case FileDecision::Verify:
    case FileDecision::AlreadyVerified:
        return FileOutcome{true, file.datafileId, 0, std::nullopt};
    case FileDecision::Resume:
        return sendToStaging(file, file.datafileId, file.stagingPath, -1);
    case FileDecision::Skipped:
        return FileOutcome{};
    case FileDecision::Upload:
        break;
    }

    auto md5 = md5Of(file, info);
    if (!md5)
        return md5.error();
    if (!unchanged(info, file.absolutePath))
        return Error::permanent(QStringLiteral("%1 changed while it was being hashed; it is uploaded in a later run, "
                                               "once it has stopped changing.")
                                    .arg(file.absolutePath));
    return m_context.staging ? stageFile(dataset, file, *md5) : postFile(dataset, file, *md5);
}

Result<QString> FileWorker::md5Of(const PlannedFile &file, const QFileInfo &info)
{
    JournalEntry entry;
    if (m_entry.path == file.absolutePath)
        entry = m_entry;
    else if (auto known = m_context.journal->entry(file.absolutePath))
        entry = *known;
    entry.path = file.absolutePath;
    const bool same = entry.size == info.size() && entry.mtimeMs == mtimeMs(info);
    if (!same || entry.md5.isEmpty()) {
        entry.size = info.size();
        entry.mtimeMs = mtimeMs(info);
        entry.datafileId = 0;
        entry.replicaId = 0;
        entry.stagingPath.clear();
        entry.offset = 0;
        entry.method = m_context.staging ? QStringLiteral("staging") : QStringLiteral("post");
        if (m_context.fakeMd5) {
            entry.md5 = QString::fromLatin1(Md5Hasher::fakeSum());
        } else {
            entry.state = FileState::Hashing;
            report(file, PlannedDataset{}, FileState::Hashing, 0);
            auto sum = Md5Hasher().hashFile(
                file.absolutePath,
                [&, hashed = qint64(0)](qint64 done, qint64) mutable {
                    if (m_bytesHashed)
                        m_bytesHashed(done - hashed);
                    hashed = done;
                    report(file, PlannedDataset{}, FileState::Hashing, done);
                },
                m_context.cancel);
            if (!sum)
                return sum.error();
            entry.md5 = QString::fromLatin1(*sum);
        }
    }
    entry.state = FileState::Hashed;
    entry.error.clear();
    Status s = m_context.journal->put(entry);
    if (!s)
        return s.error();
    m_entry = entry;
    return entry.md5;
}

Result<FileOutcome> FileWorker::existingRecord(const PlannedDataset &dataset, const PlannedFile &file)
{
    // The server has the file already (409): a run that was stopped after
    // registering it, or another installation. Continue from what is there.
    auto record = m_client->findDataFile(dataset.datasetId, file.directory, file.name);
    if (!record)
        return record.error();
    if (!record->has_value())
        return Error::transient(QStringLiteral("The server said %1 exists but does not list it; trying again.")
                                    .arg(relativeName(file)));
    const DataFile &df = **record;
    if (df.isVerified() || !m_context.staging)
        return FileOutcome{true, df.id, 0, std::nullopt};
    const QByteArray path = m_context.stagingPathOf(df);
    if (path.isEmpty())
        return FileOutcome{true, df.id, 0, std::nullopt};
    return sendToStaging(file, df.id, path, -1);
}

Result<FileOutcome> FileWorker::postFile(const PlannedDataset &dataset, const PlannedFile &file, const QString &md5)
{
    const QFileInfo info(file.absolutePath);
    setState(file.absolutePath, FileState::Transferring);
    report(file, dataset, FileState::Transferring, 0);
    qint64 reported = 0;
    auto outcome = m_client->uploadFile(describe(dataset, file, info, md5), file.absolutePath,
                                        [&](qint64 sent, qint64) {
                                            if (sent > reported && sent <= info.size()) {
                                                m_bytesSent(sent - reported);
                                                reported = sent;
                                            }
                                            report(file, dataset, FileState::Transferring, qMin(sent, info.size()));
                                        });
    if (!outcome) {
        m_bytesSent(-reported);
        return outcome.error();
    }
    if (outcome->alreadyExists) {
        m_bytesSent(-reported);
        return existingRecord(dataset, file);
    }
    if (reported < info.size()) // small bodies finish before Qt reports their progress
        m_bytesSent(info.size() - reported);
    qint64 id = outcome->datafileId;
    if (id == 0) {
        auto record = m_client->findDataFile(dataset.datasetId, file.directory, file.name);
        if (record && record->has_value())
            id = (*record)->id;
    }
    if (!unchanged(info, file.absolutePath))
        return Error::permanent(QStringLiteral("%1 changed while it was being uploaded; MyTardis will not verify "
                                               "the copy it got. Ask the MyTardis administrator to delete it, then "
                                               "upload again.")
                                    .arg(file.absolutePath));
    record(file.absolutePath, [&](JournalEntry &entry) {
        entry.datafileId = id;
        entry.offset = info.size();
        entry.state = FileState::Uploaded;
    });
    report(file, dataset, FileState::Uploaded, info.size());
    return FileOutcome{true, id, info.size(), std::nullopt};
}

Result<FileOutcome> FileWorker::stageFile(const PlannedDataset &dataset, const PlannedFile &file, const QString &md5)
{
    const QFileInfo info(file.absolutePath);
    auto registration = m_client->registerForStaging(describe(dataset, file, info, md5), m_context.uploaderUuid,
                                                     m_context.fingerprint);
    if (!registration)
        return registration.error();
    if (registration->alreadyExists)
        return existingRecord(dataset, file);
    record(file.absolutePath, [&](JournalEntry &entry) {
        entry.datasetId = dataset.datasetId;
        entry.datafileId = registration->datafileId;
        entry.stagingPath = registration->stagingPath;
        entry.state = FileState::Registered;
    });
    report(file, dataset, FileState::Registered, 0);
    return sendToStaging(file, registration->datafileId, registration->stagingPath, 0);
}

Status FileWorker::ensureSsh()
{
    if (m_ssh && m_ssh->isConnected())
        return {};
    m_ssh.reset();
    m_madeDirectories.clear();
    auto connection = SshConnection::open(m_context.ssh);
    if (!connection)
        return connection.error();
    m_ssh = std::move(connection).value();
    return {};
}

Result<FileOutcome> FileWorker::sendToStaging(const PlannedFile &file, qint64 datafileId,
                                              const QByteArray &stagingPath, qint64 resumeOffset)
{
    const QFileInfo info(file.absolutePath);
    Status connected = ensureSsh();
    if (!connected)
        return connected.error();
    const QByteArray dir = stagingPath.left(stagingPath.lastIndexOf('/'));
    if (!dir.isEmpty() && !m_madeDirectories.contains(dir)) {
        Status made = m_ssh->makeDirectories(dir);
        if (!made)
            return made.error();
        m_madeDirectories.insert(dir);
    }
    setState(file.absolutePath, FileState::Transferring);
    PlannedDataset none;
    qint64 reported = -1;
    qint64 counted = 0;
    Status sent = m_ssh->upload(
        file.absolutePath, stagingPath, resumeOffset,
        [&](qint64 done, qint64) {
            if (reported < 0)
                reported = done; // bytes already there count as delivered, not as sent now
            if (done > reported) {
                m_bytesSent(done - reported);
                counted += done - reported;
                reported = done;
            }
            report(file, none, FileState::Transferring, done);
        },
        m_context.cancel);
    if (!sent) {
        m_bytesSent(-counted);
        return sent.error();
    }
    if (reported < info.size()) { // account for the bytes no progress call reported
        const qint64 already = reported < 0 ? qMax<qint64>(0, resumeOffset) : reported;
        m_bytesSent(info.size() - already);
        counted += info.size() - already;
    }
    if (!unchanged(info, file.absolutePath))
        return Error::permanent(QStringLiteral("%1 changed while it was being uploaded; it is uploaded again in a "
                                               "later run, once it has stopped changing.")
                                    .arg(file.absolutePath));
    record(file.absolutePath, [&](JournalEntry &entry) {
        entry.datafileId = datafileId;
        entry.stagingPath = stagingPath;
        entry.offset = info.size();
        entry.state = FileState::Uploaded;
    });
    report(file, none, FileState::Uploaded, info.size());
    return FileOutcome{true, datafileId, counted, std::nullopt};
}

} // namespace tardigrade
