#pragma once

#include "Journal.h"
#include "Plan.h"
#include "RunContext.h"
#include "RunEventSink.h"
#include "TransferCounter.h"
#include "util/Result.h"

#include <QFileInfo>

#include <functional>
#include <optional>
#include <vector>

namespace tardigrade {

class Catalogue;
class Uploader;
struct Shipment;

// A local file's size and modification time at one moment: whether it is
// still the file that was hashed and sent.
struct FileStamp {
    qint64 size = -1;
    qint64 mtimeMs = 0;

    static FileStamp of(const QString &path);
    bool stillMatches(const QString &path) const;
};

// What became of one file in the upload stage.
struct FileOutcome {
    bool delivered = false;     // every byte is on the server (or was already)
    qint64 datafileId = 0;      // to verify
    qint64 bytesSent = 0;       // by this run
    std::optional<Error> error; // why not, when not delivered
    bool batched = false;       // delivered by a batch (processBatch), not one at a time

    static FileOutcome deliveredAs(qint64 datafileId, qint64 bytesSent = 0)
    {
        return {true, datafileId, bytesSent, std::nullopt};
    }
    static FileOutcome failed(Error error) { return {false, 0, 0, std::move(error)}; }
    static FileOutcome nothingToDo() { return {}; }
};

// A batch whose files are on staging (FileWorker::sendBatch) and wait to be
// registered (FileWorker::finishBatch). In between, their registrations
// may be asked on another thread while the worker sends its next batch, so
// that a slow network's round trips to the two servers overlap.
class SentBatch {
public:
    // What to register (Catalogue::registerManyForStaging), in order.
    const QVector<NewDataFile> &descriptions() const { return m_descriptions; }

private:
    friend class FileWorker;
    struct Member {
        int index; // in m_files
        FileStamp stamp;
        QByteArray predicted;
        HashingTransfer transfer;
    };
    const PlannedDataset *m_dataset = nullptr;
    QVector<const PlannedFile *> m_files;
    std::vector<Member> m_members;
    QVector<NewDataFile> m_descriptions;
    QVector<int> m_registering; // members sent whole, in the order of m_descriptions
    QVector<int> m_alone;       // files by process(): not for a batch, or not finished by it
};

// Carries out the plan for one file at a time on one worker thread: hashes,
// registers (when the run's uploader sends the bytes separately), hands the
// bytes to the uploader, records every step in the journal and counts the
// bytes. The thread's catalogue and uploader are reused from file to file.
// SSH and local failures are tried again (max_upload_retries); HTTP ones
// were retried by the request layer already.
class FileWorker {
public:
    FileWorker(const RunContext &context, Catalogue &catalogue, Uploader &uploader, TransferCounter &counter,
               RunEventSink &events);

    FileOutcome process(const PlannedDataset &dataset, const PlannedFile &file);

    // Whether the plan's file goes in a batch: a new small file the uploader
    // can send together with others (Uploader::sendsManyBelow) and hash on
    // the way.
    bool batches(const PlannedFile &file) const;
    // Several small files of one dataset at once, so that a slow network's
    // round trips are paid once per batch instead of once per file: their
    // journal rows are written, then they are sent and hashed together
    // (many requests in flight on one connection), then registered
    // together. A file the batch did not finish (it failed, changed, or was
    // not for a batch after all) goes on alone through process(), which
    // continues from what the journal says. One outcome per file, in order.
    QVector<FileOutcome> processBatch(const PlannedDataset &dataset, const QVector<const PlannedFile *> &files);
    // processBatch() in its three steps: send (journal rows, then the
    // bytes), register (on any thread, with that thread's catalogue), then
    // finish (journal, the files left go on alone).
    SentBatch sendBatch(const PlannedDataset &dataset, const QVector<const PlannedFile *> &files);
    static QVector<Result<StagingRegistration>> registerBatch(const RunContext &context, Catalogue &catalogue,
                                                              const SentBatch &batch);
    QVector<FileOutcome> finishBatch(SentBatch &batch, const QVector<Result<StagingRegistration>> &registrations);

private:
    Result<FileOutcome> attempt(const PlannedDataset &dataset, const PlannedFile &file);
    Result<QString> md5Of(const PlannedFile &file, const FileStamp &stamp);
    // The file's journal row as this worker last wrote it, or as stored.
    JournalEntry knownEntry(const QString &path) const;
    // Whether a file of this size can be hashed on its way to staging.
    bool hashesOnTheWay(qint64 size) const;
    // ... and sent with others (below Uploader::sendsManyBelow).
    bool sendsTogether(qint64 size) const;
    // Whether the file is staged in one read pass: sent first, hashed on
    // the way, registered afterwards (its MD5 not known yet).
    bool sendsBeforeRegistering(const PlannedFile &file, const FileStamp &stamp) const;
    // Whether the journal lacks an MD5 for the file's bytes as they are now.
    bool noSumKnown(const PlannedFile &file, const FileStamp &stamp) const;
    // Whether the file, as it is now, joins a batch.
    bool joinsBatch(const PlannedFile &file, const FileStamp &stamp) const;
    // One read pass: send to the path the dataset predicts while hashing,
    // then register with that MD5, then move the file if the server named
    // another path. A file that changed meanwhile is not registered.
    Result<StagingRegistration> registerOrFind(const PlannedDataset &dataset, const PlannedFile &file,
                                               const NewDataFile &description);
    Result<FileOutcome> sendThenRegister(const PlannedDataset &dataset, const PlannedFile &file,
                                         const FileStamp &before);
    // The steps of sendThenRegister, shared with processBatch:
    QByteArray predictedPath(const PlannedDataset &dataset, const PlannedFile &file) const;
    // Writes the journal row before the first byte goes (where the bytes
    // go); whether an earlier attempt's part is continued.
    Result<bool> beginStaging(const PlannedDataset &dataset, const PlannedFile &file, const FileStamp &before,
                              const QByteArray &predicted);
    // Every byte is on staging: the file must still be the one sent; its
    // sum is journalled, and what it is registered as returned.
    Result<NewDataFile> sentWhole(const PlannedDataset &dataset, const PlannedFile &file, const FileStamp &before,
                                  const QByteArray &md5OfSent);
    // Registered: the record named (a lost answer looked up), the file moved
    // where the server said, the journal row Uploaded.
    Result<FileOutcome> settleStaged(const PlannedDataset &dataset, const PlannedFile &file, const FileStamp &before,
                                     const QByteArray &predicted, const StagingRegistration &registration,
                                     qint64 bytesSent);
    // `before` is the file as this attempt first saw it (and hashed it): a
    // file that is not so at the end of its transfer is not taken as done.
    // A new file: registered first when the uploader wants it, then sent.
    Result<FileOutcome> upload(const PlannedDataset &dataset, const PlannedFile &file, const FileStamp &before,
                               const QString &md5);
    // The server has a record of the file already: whatever its bytes lack.
    Result<FileOutcome> existingRecord(const PlannedDataset &dataset, const PlannedFile &file,
                                       const FileStamp &before);
    Result<FileOutcome> deliver(const PlannedDataset &dataset, const PlannedFile &file, const FileStamp &before,
                                const Shipment &shipment);
    void report(const PlannedFile &file, FileState state, qint64 done, const QString &message = {});
    // Changes the file's journal row and writes it (no-op when it has none).
    void record(const QString &path, const std::function<void(JournalEntry &)> &change);

    const RunContext &m_context;
    Catalogue &m_catalogue;
    Uploader &m_uploader;
    TransferCounter &m_counter;
    RunEventSink &m_events;
    const PlannedDataset *m_dataset = nullptr; // of the file being processed
    JournalEntry m_entry; // the row last written, so each step need not read it back
};

} // namespace tardigrade
