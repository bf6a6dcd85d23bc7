#include "FileWorker.h"

#include "Journal.h"
#include "MimeTypeOf.h"
#include "StagingPath.h"
#include "catalogue/Catalogue.h"
#include "catalogue/RegisterOrFind.h"
#include "transfer/Md5Hasher.h"
#include "transfer/Uploader.h"
#include "util/Log.h"
#include "util/Retry.h"

#include <QDateTime>
#include <QFileInfo>

#include <algorithm>
#include <vector>

namespace tardigrade {

namespace {

// The record a file is registered with (11a json_data, 11b body).
NewDataFile describe(const PlannedDataset &dataset, const PlannedFile &file, const QFileInfo &info, const QString &md5)
{
    NewDataFile d;
    d.datasetUri = dataset.datasetUri;
    d.filename = file.remoteName(); // a versioned name when the server holds other content under its own
    d.directory = file.directory;
    d.md5sum = md5;
    d.size = info.size();
    d.mimetype = mimeTypeOf(file.name);
    const QDateTime birth = info.birthTime();
    d.createdTime = birth.isValid() ? birth : info.lastModified();
    d.modificationTime = info.lastModified();
    return d;
}

// Files fail one at a time: a few seconds' pause, then again.
const Backoff kFileBackoff{std::chrono::milliseconds(2000), std::chrono::milliseconds(60000), 0.25};

} // namespace

FileStamp FileStamp::of(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return {};
    return {info.size(), info.lastModified().toMSecsSinceEpoch()};
}

bool FileStamp::stillMatches(const QString &path) const
{
    const FileStamp now = of(path);
    return size >= 0 && now.size == size && now.mtimeMs == mtimeMs;
}

FileWorker::FileWorker(const RunContext &context, Catalogue &catalogue, Uploader &uploader, TransferCounter &counter,
                       RunEventSink &events)
    : m_context(context), m_catalogue(catalogue), m_uploader(uploader), m_counter(counter), m_events(events)
{
    Q_ASSERT(context.journal);
}

void FileWorker::report(const PlannedFile &file, FileState state, qint64 done, const QString &message)
{
    m_events.fileChanged(FileEvent{file.absolutePath, m_dataset ? m_dataset->datasetName : QString(), state,
                                   file.size, done, message});
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
    if (Status s = m_context.journal->put(m_entry); !s) {
        m_context.journal->reportFailure(s.error(), m_events);
        m_entry = JournalEntry{}; // unsure what is on disk now: read it next time
    }
}

FileOutcome FileWorker::process(const PlannedDataset &dataset, const PlannedFile &file)
{
    m_dataset = &dataset;
    m_entry = JournalEntry{}; // read afresh: the verifier may have written the row since an earlier call
    if (m_context.cancelled())
        return FileOutcome::failed(Error::cancelled());
    Result<FileOutcome> outcome = retryAboveRequests(
        m_context.maxUploadRetries + 1, kFileBackoff, *m_context.clock, m_context.cancel,
        [&] { return attempt(dataset, file); },
        [&](const Error &e) {
            qCInfo(lcSync) << "transient failure for" << file.absolutePath << ":" << e.message;
            m_uploader.reset(); // a broken connection is made again on the next attempt
        });
    if (outcome)
        return *outcome;
    const Error &error = outcome.error();
    if (error.kind != ErrorKind::Cancelled) {
        record(file.absolutePath, [&](JournalEntry &entry) {
            entry.state = FileState::Failed;
            entry.error = error.message;
            entry.attempts += 1;
        });
        report(file, FileState::Failed, 0, error.message);
    }
    return FileOutcome::failed(error);
}

Result<FileOutcome> FileWorker::attempt(const PlannedDataset &dataset, const PlannedFile &file)
{
    const FileStamp stamp = FileStamp::of(file.absolutePath);
    if (stamp.size < 0)
        return Error::permanent(
            QStringLiteral("%1 disappeared before it could be uploaded; it is looked at again in the next run.")
                .arg(file.absolutePath));

    switch (file.decision) {
    case FileDecision::Verify:
    case FileDecision::AlreadyVerified:
        return FileOutcome::deliveredAs(file.datafileId);
    case FileDecision::Resume: {
        Shipment rest;
        rest.localPath = file.absolutePath;
        rest.size = stamp.size;
        rest.datafileId = file.datafileId;
        rest.stagingPath = file.stagingPath;
        rest.resumeOffset = -1; // whatever the destination holds
        return deliver(dataset, file, stamp, rest);
    }
    case FileDecision::Skipped:
    case FileDecision::Conflict: // reported by the planner; nothing is sent
        return FileOutcome::nothingToDo();
    case FileDecision::Upload:
        break;
    }

    if (sendsBeforeRegistering(file, stamp))
        return sendThenRegister(dataset, file, stamp);
    auto md5 = md5Of(file, stamp);
    if (!md5)
        return md5.error();
    if (!stamp.stillMatches(file.absolutePath))
        return Error::permanent(QStringLiteral("%1 changed while it was being hashed; it is uploaded in a later run, "
                                               "once it has stopped changing.")
                                    .arg(file.absolutePath));
    return upload(dataset, file, stamp, *md5);
}

JournalEntry FileWorker::knownEntry(const QString &path) const
{
    if (m_entry.path == path)
        return m_entry;
    if (auto known = m_context.journal->entry(path))
        return *known;
    return {};
}

bool FileWorker::hashesOnTheWay(qint64 size) const
{
    return m_context.staging() && !m_context.fakeMd5 && !m_context.stagingLocation.isEmpty() &&
           m_uploader.hashesWhileSending(size);
}

bool FileWorker::sendsTogether(qint64 size) const
{
    return size > 0 && size < m_uploader.sendsManyBelow() && hashesOnTheWay(size);
}

bool FileWorker::sendsBeforeRegistering(const PlannedFile &file, const FileStamp &stamp) const
{
    return hashesOnTheWay(stamp.size) && noSumKnown(file, stamp);
}

bool FileWorker::noSumKnown(const PlannedFile &file, const FileStamp &stamp) const
{
    // A sum the journal knows for these bytes (an earlier attempt sent them
    // all, or the planner hashed the file) saves the pass: register first.
    const JournalEntry known = knownEntry(file.absolutePath);
    return known.md5.isEmpty() || known.size != stamp.size || known.mtimeMs != stamp.mtimeMs;
}

Result<StagingRegistration> FileWorker::registerOrFind(const PlannedDataset &dataset, const PlannedFile &,
                                                       const NewDataFile &description)
{
    // A registration whose answer was lost may have happened: the record is
    // looked for (by the description's directory and name: the file's
    // directory and remote name) before registering again.
    return registerForStagingOrFind(m_catalogue, dataset.datasetId, description, m_context.uploaderUuid,
                                    m_context.fingerprint, *m_context.clock, m_context.cancel);
}

QByteArray FileWorker::predictedPath(const PlannedDataset &dataset, const PlannedFile &file) const
{
    return predictedStagingPath(m_context.stagingLocation, dataset.datasetName, dataset.datasetId, file.directory,
                                file.remoteName());
}

Result<bool> FileWorker::beginStaging(const PlannedDataset &dataset, const PlannedFile &file, const FileStamp &before,
                                      const QByteArray &predicted)
{
    const QString &path = file.absolutePath;
    JournalEntry entry = knownEntry(path);
    // Sent part way by an earlier attempt or run (killed, connection lost):
    // continue; the uploader hashes the bytes already there from the local
    // file, so every byte is still read once.
    const bool resumes = entry.size == before.size && entry.mtimeMs == before.mtimeMs && entry.datafileId == 0 &&
                         entry.stagingPath == predicted && entry.method == m_uploader.name();
    entry.path = path;
    entry.size = before.size;
    entry.mtimeMs = before.mtimeMs;
    entry.md5.clear();
    entry.datasetId = dataset.datasetId;
    entry.datafileId = 0;
    entry.replicaId = 0;
    entry.stagingPath = predicted;
    if (!resumes)
        entry.offset = 0;
    entry.method = m_uploader.name();
    entry.state = FileState::Transferring;
    entry.error.clear();
    // Written before the first byte goes: a run killed mid-file finds here
    // where its bytes are, as the server has no record of them yet.
    if (Status s = m_context.journal->put(entry); !s)
        return s.error();
    m_entry = entry;
    return resumes;
}

Result<NewDataFile> FileWorker::sentWhole(const PlannedDataset &dataset, const PlannedFile &file,
                                          const FileStamp &before, const QByteArray &md5OfSent)
{
    const QString &path = file.absolutePath;
    if (!before.stillMatches(path)) {
        // Not registered: the server never hears of these bytes, and the
        // next attempt sends the file as it is then.
        return Error::transient(QStringLiteral("%1 changed while it was being sent; it was not registered, and is "
                                               "sent again once it has stopped changing.")
                                    .arg(path));
    }
    const QString md5 = QString::fromLatin1(md5OfSent);
    if (md5.size() != 32)
        return Error::internal(QStringLiteral("The uploader sent %1 without its checksum.").arg(path));
    // Every byte is on staging: a failed registration is retried without
    // sending them again (the sum is known, so the next attempt registers first).
    record(path, [&](JournalEntry &e) {
        e.md5 = md5;
        e.offset = before.size;
    });
    NewDataFile description = describe(dataset, file, QFileInfo(path), md5);
    description.size = before.size; // as sent
    return description;
}

Result<FileOutcome> FileWorker::settleStaged(const PlannedDataset &dataset, const PlannedFile &file,
                                             const FileStamp &before, const QByteArray &predicted,
                                             const StagingRegistration &registration, qint64 bytesSent)
{
    const QString &path = file.absolutePath;
    qint64 id = registration.datafileId;
    QByteArray named = registration.stagingPath;
    if (registration.alreadyExists || id == 0) { // a lost answer, or no Location: the listing names it
        auto found = m_catalogue.findDataFile(dataset.datasetId, file.directory, file.remoteName());
        if (!found)
            return found.error();
        if (!found->has_value())
            return Error::transient(QStringLiteral("The server said %1 exists but does not list it yet; it is "
                                                   "looked at again.")
                                        .arg(path));
        const DataFile &record = **found;
        id = record.id;
        if (registration.alreadyExists) {
            if (record.isVerified()) // someone else's copy, verified meanwhile: nothing of ours is needed
                return FileOutcome::deliveredAs(id, bytesSent);
            named = m_context.stagingPathOf(record);
        }
    }
    // The server's path is the one it verifies: bytes written elsewhere
    // (a server that names dataset folders its own way) are moved there.
    if (!named.isEmpty() && named != predicted) {
        qCInfo(lcSync).noquote() << "The server names" << QString::fromUtf8(named) << "for"
                                 << QString::fromUtf8(predicted) << ": moving it there";
        if (Status moved = m_uploader.moveStaged(predicted, named); !moved)
            return moved.error();
    }
    record(path, [&](JournalEntry &e) {
        e.datafileId = id;
        e.stagingPath = named.isEmpty() ? predicted : named;
        e.state = FileState::Uploaded;
    });
    report(file, FileState::Uploaded, before.size);
    return FileOutcome::deliveredAs(id, bytesSent);
}

Result<FileOutcome> FileWorker::sendThenRegister(const PlannedDataset &dataset, const PlannedFile &file,
                                                 const FileStamp &before)
{
    const QByteArray predicted = predictedPath(dataset, file);
    auto resumes = beginStaging(dataset, file, before, predicted);
    if (!resumes)
        return resumes.error();

    Shipment shipment;
    shipment.localPath = file.absolutePath;
    shipment.size = before.size;
    shipment.stagingPath = predicted;
    shipment.resumeOffset = *resumes ? -1 : 0;
    QByteArray md5OfSent;
    shipment.md5OfSent = &md5OfSent;
    report(file, FileState::Transferring, 0);
    HashingTransfer transfer(m_counter);
    auto sent = m_uploader.send(shipment, [&](qint64 done, qint64) {
        transfer.reached(done);
        report(file, FileState::Transferring, done);
    });
    if (!sent) {
        transfer.cancel();
        return sent.error();
    }
    auto description = sentWhole(dataset, file, before, md5OfSent);
    if (!description) {
        transfer.cancel();
        return description.error();
    }
    auto registration = registerOrFind(dataset, file, *description);
    if (!registration)
        return registration.error();
    return settleStaged(dataset, file, before, predicted, *registration, transfer.counted());
}

bool FileWorker::batches(const PlannedFile &file) const
{
    return file.decision == FileDecision::Upload && sendsTogether(file.size);
}

bool FileWorker::joinsBatch(const PlannedFile &file, const FileStamp &stamp) const
{
    // As planned, and as it is now (it may have grown since the scan); sent
    // together means hashed on the way, so only the journal is left to ask.
    return batches(file) && sendsTogether(stamp.size) && noSumKnown(file, stamp);
}

QVector<FileOutcome> FileWorker::processBatch(const PlannedDataset &dataset, const QVector<const PlannedFile *> &files)
{
    SentBatch batch = sendBatch(dataset, files);
    return finishBatch(batch, registerBatch(m_context, m_catalogue, batch));
}

SentBatch FileWorker::sendBatch(const PlannedDataset &dataset, const QVector<const PlannedFile *> &files)
{
    SentBatch batch;
    batch.m_dataset = &dataset;
    batch.m_files = files;
    batch.m_members.reserve(std::size_t(files.size()));
    std::vector<QByteArray> sums(std::size_t(files.size())); // each shipment's md5OfSent: never reallocated
    QVector<Shipment> shipments;
    m_dataset = &dataset;
    for (int i = 0; i < files.size(); ++i) {
        const PlannedFile &file = *files.at(i);
        m_entry = JournalEntry{}; // read afresh, as process() does
        const FileStamp stamp = FileStamp::of(file.absolutePath);
        if (m_context.cancelled() || !joinsBatch(file, stamp)) {
            batch.m_alone.append(i);
            continue;
        }
        const QByteArray predicted = predictedPath(dataset, file);
        auto resumes = beginStaging(dataset, file, stamp, predicted);
        if (!resumes || *resumes) { // a part sent by an earlier attempt is continued one at a time
            batch.m_alone.append(i);
            continue;
        }
        Shipment shipment;
        shipment.localPath = file.absolutePath;
        shipment.size = stamp.size;
        shipment.stagingPath = predicted;
        shipment.md5OfSent = &sums[batch.m_members.size()];
        shipments.append(shipment);
        batch.m_members.push_back({i, stamp, predicted, HashingTransfer(m_counter)});
        report(file, FileState::Transferring, 0);
    }
    if (batch.m_members.empty())
        return batch;

    const QVector<Result<Delivery>> sent = m_uploader.sendMany(shipments, [&](int k, qint64 done, qint64) {
        SentBatch::Member &m = batch.m_members[std::size_t(k)];
        m.transfer.reached(done);
        report(*files.at(m.index), FileState::Transferring, done);
    });
    for (int k = 0; k < int(batch.m_members.size()); ++k) {
        SentBatch::Member &m = batch.m_members[std::size_t(k)];
        const PlannedFile &file = *files.at(m.index);
        Result<NewDataFile> description =
            k < sent.size() && sent.at(k)
                ? sentWhole(dataset, file, m.stamp, sums[std::size_t(k)])
                : Result<NewDataFile>(k < sent.size() ? sent.at(k).error() : Error::cancelled());
        if (!description) {
            m.transfer.cancel();
            qCInfo(lcSync) << "batch: going on alone with" << file.absolutePath << ":" << description.error().message;
            batch.m_alone.append(m.index);
            continue;
        }
        batch.m_descriptions.append(*description);
        batch.m_registering.append(k);
    }
    return batch;
}

QVector<Result<StagingRegistration>> FileWorker::registerBatch(const RunContext &context, Catalogue &catalogue,
                                                               const SentBatch &batch)
{
    if (batch.descriptions().isEmpty())
        return {};
    return catalogue.registerManyForStaging(batch.descriptions(), context.uploaderUuid, context.fingerprint);
}

QVector<FileOutcome> FileWorker::finishBatch(SentBatch &batch,
                                             const QVector<Result<StagingRegistration>> &registrations)
{
    const QVector<const PlannedFile *> &files = batch.m_files;
    const PlannedDataset &dataset = *batch.m_dataset;
    QVector<FileOutcome> outcomes(files.size());
    m_dataset = &dataset;
    for (int j = 0; j < batch.m_registering.size(); ++j) {
        const SentBatch::Member &m = batch.m_members[std::size_t(batch.m_registering.at(j))];
        const PlannedFile &file = *files.at(m.index);
        Result<FileOutcome> outcome =
            j < registrations.size() && registrations.at(j)
                ? settleStaged(dataset, file, m.stamp, m.predicted, *registrations.at(j), m.transfer.counted())
                : Result<FileOutcome>(j < registrations.size() ? registrations.at(j).error() : Error::cancelled());
        if (!outcome) {
            // Its bytes and sum are journalled: process() registers it
            // (finding a record a lost answer made) without sending again.
            qCInfo(lcSync) << "batch: registering" << file.absolutePath << "alone:" << outcome.error().message;
            batch.m_alone.append(m.index);
            continue;
        }
        outcomes[m.index] = *outcome;
        outcomes[m.index].batched = true;
    }
    std::sort(batch.m_alone.begin(), batch.m_alone.end());
    for (int i : std::as_const(batch.m_alone))
        outcomes[i] = process(dataset, *files.at(i));
    return outcomes;
}

Result<QString> FileWorker::md5Of(const PlannedFile &file, const FileStamp &stamp)
{
    JournalEntry entry = knownEntry(file.absolutePath);
    entry.path = file.absolutePath;
    const bool same = entry.size == stamp.size && entry.mtimeMs == stamp.mtimeMs;
    if (!same || entry.md5.isEmpty()) {
        entry.size = stamp.size;
        entry.mtimeMs = stamp.mtimeMs;
        entry.datafileId = 0;
        entry.replicaId = 0;
        entry.stagingPath.clear();
        entry.offset = 0;
        // How its bytes go: what a later run resumes by (small files of a
        // chunked run go by POST).
        entry.method = m_uploader.registersFirst(stamp.size) ? m_uploader.name() : QStringLiteral("post");
        if (m_context.fakeMd5) {
            entry.md5 = QString::fromLatin1(Md5Hasher::fakeSum());
        } else {
            entry.state = FileState::Hashing;
            report(file, FileState::Hashing, 0);
            qint64 hashed = 0;
            auto sum = Md5Hasher().hashFile(
                file.absolutePath,
                [&](qint64 done, qint64) {
                    m_counter.hashed += done - hashed;
                    hashed = done;
                    report(file, FileState::Hashing, done);
                },
                m_context.cancel, m_context.localReads());
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

Result<FileOutcome> FileWorker::upload(const PlannedDataset &dataset, const PlannedFile &file, const FileStamp &stamp,
                                       const QString &md5)
{
    Shipment shipment;
    shipment.localPath = file.absolutePath;
    shipment.size = stamp.size;
    shipment.description = describe(dataset, file, QFileInfo(file.absolutePath), md5);
    shipment.description.size = stamp.size; // as hashed
    if (!m_uploader.registersFirst(shipment.size))
        return deliver(dataset, file, stamp, shipment); // registered with its bytes

    auto registration = registerOrFind(dataset, file, shipment.description);
    if (!registration)
        return registration.error();
    if (registration->alreadyExists)
        return existingRecord(dataset, file, stamp);
    if (registration->datafileId == 0) { // answered without a Location: the listing names it
        auto found = m_catalogue.findDataFile(dataset.datasetId, file.directory, file.remoteName());
        if (found && found->has_value())
            registration->datafileId = (*found)->id;
    }
    // An earlier attempt sent every byte ahead of registering (one read
    // pass) and the registration failed: what is on staging is continued.
    const bool sentAhead = m_entry.path == file.absolutePath && m_entry.datafileId == 0 &&
                           !m_entry.stagingPath.isEmpty() && m_entry.stagingPath == registration->stagingPath;
    record(file.absolutePath, [&](JournalEntry &entry) {
        entry.datasetId = dataset.datasetId;
        entry.datafileId = registration->datafileId;
        entry.stagingPath = registration->stagingPath;
        entry.state = FileState::Registered;
    });
    report(file, FileState::Registered, 0);
    shipment.datafileId = registration->datafileId;
    shipment.stagingPath = registration->stagingPath;
    shipment.resumeOffset = sentAhead ? -1 : 0;
    return deliver(dataset, file, stamp, shipment);
}

Result<FileOutcome> FileWorker::existingRecord(const PlannedDataset &dataset, const PlannedFile &file,
                                               const FileStamp &before)
{
    // The server has the file already: a run that was stopped after
    // registering it, or another installation. Continue from what is there.
    auto found = m_catalogue.findDataFile(dataset.datasetId, file.directory, file.remoteName());
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::transient(QStringLiteral("The server said %1 exists but does not list it yet; it is looked "
                                               "at again.")
                                    .arg(file.absolutePath));
    const DataFile &record = **found;
    const qint64 size = before.size;
    if (record.isVerified() || !m_uploader.registersFirst(size))
        return FileOutcome::deliveredAs(record.id); // verified, or waits for the server's verification
    Shipment rest;
    rest.localPath = file.absolutePath;
    rest.size = size;
    rest.datafileId = record.id;
    rest.stagingPath = m_context.stagingPathOf(record);
    rest.resumeOffset = -1;
    if (m_context.staging() && rest.stagingPath.isEmpty())
        return FileOutcome::deliveredAs(record.id);
    return deliver(dataset, file, before, rest);
}

Result<FileOutcome> FileWorker::deliver(const PlannedDataset &dataset, const PlannedFile &file,
                                        const FileStamp &before, const Shipment &shipment)
{
    if (Status s = m_context.journal->setState(file.absolutePath, FileState::Transferring); !s)
        m_context.journal->reportFailure(s.error(), m_events);
    if (m_entry.path == file.absolutePath)
        m_entry.state = FileState::Transferring;
    report(file, FileState::Transferring, qMax<qint64>(0, shipment.resumeOffset));
    TransferMeter meter(m_counter);
    auto sent = m_uploader.send(shipment, [&](qint64 done, qint64) {
        meter.reached(done);
        report(file, FileState::Transferring, done);
    });
    if (!sent || sent->alreadyExists)
        meter.cancel();
    if (!sent)
        return sent.error();
    if (sent->alreadyExists) // POST's 409
        return existingRecord(dataset, file, before);
    if (!before.stillMatches(file.absolutePath)) {
        if (m_uploader.registersFirst(before.size))
            return Error::permanent(QStringLiteral("%1 changed while it was being uploaded; the next run checks what "
                                                   "reached MyTardis and says what is to be done.")
                                        .arg(file.absolutePath));
        return Error::permanent(QStringLiteral("%1 changed while it was being uploaded; MyTardis will not verify the "
                                               "copy it got. Ask the MyTardis administrator to delete it, then "
                                               "upload again.")
                                    .arg(file.absolutePath));
    }
    qint64 id = sent->datafileId ? sent->datafileId : shipment.datafileId;
    if (id == 0) { // POST answered without a Location
        auto found = m_catalogue.findDataFile(dataset.datasetId, file.directory, file.remoteName());
        if (found && found->has_value())
            id = (*found)->id;
    }
    record(file.absolutePath, [&](JournalEntry &entry) {
        entry.datasetId = dataset.datasetId; // POSTed files were never registered apart: say it here
        entry.datafileId = id;
        entry.stagingPath = shipment.stagingPath;
        entry.offset = before.size;
        entry.state = FileState::Uploaded;
    });
    report(file, FileState::Uploaded, before.size);
    return FileOutcome::deliveredAs(id, meter.counted());
}

} // namespace tardigrade
