#pragma once

#include "Plan.h"
#include "RunContext.h"
#include "Journal.h"
#include "RunEvents.h"
#include "util/Result.h"

#include <QFileInfo>
#include <QSet>

#include <functional>
#include <memory>

namespace tardigrade {

class MyTardisClient;
class SshConnection;

// What became of one file in the upload stage.
struct FileOutcome {
    bool delivered = false;      // every byte is on the server (or was already)
    qint64 datafileId = 0;       // to verify
    qint64 bytesSent = 0;
    std::optional<Error> error;  // why not, when not delivered
};

// Carries out the plan for one file at a time on one worker thread: hash,
// register, send (POST or staging, resuming where bytes already are), and
// records every step in the journal. Owns the thread's catalogue client and
// SSH connection, so both are reused from file to file.
class FileWorker {
public:
    using Report = std::function<void(const FileEvent &)>;
    using BytesSent = std::function<void(qint64 delta)>;

    // bytesSent: bytes delivered (negative to take back a failed attempt's);
    // bytesHashed: bytes read for checksums, for the ETA.
    FileWorker(const RunContext &context, Report report, BytesSent bytesSent, BytesSent bytesHashed = {});
    ~FileWorker();

    FileOutcome process(const PlannedDataset &dataset, const PlannedFile &file);

private:
    Result<FileOutcome> attempt(const PlannedDataset &dataset, const PlannedFile &file);
    Result<QString> md5Of(const PlannedFile &file, const QFileInfo &info);
    Result<FileOutcome> postFile(const PlannedDataset &dataset, const PlannedFile &file, const QString &md5);
    Result<FileOutcome> stageFile(const PlannedDataset &dataset, const PlannedFile &file, const QString &md5);
    Result<FileOutcome> sendToStaging(const PlannedFile &file, qint64 datafileId, const QByteArray &stagingPath,
                                      qint64 resumeOffset);
    Result<FileOutcome> existingRecord(const PlannedDataset &dataset, const PlannedFile &file);
    Status ensureSsh();
    void report(const PlannedFile &file, const PlannedDataset &dataset, FileState state, qint64 done,
                const QString &message = {});
    bool waitBeforeRetry(int attempt) const;
    // Changes the file's journal row and writes it (no-op when it has none).
    void record(const QString &path, const std::function<void(JournalEntry &)> &change);
    void setState(const QString &path, FileState state);

    const RunContext &m_context;
    Report m_report;
    BytesSent m_bytesSent;
    BytesSent m_bytesHashed;
    const PlannedDataset *m_dataset = nullptr; // of the file being processed
    std::unique_ptr<MyTardisClient> m_client;
    std::unique_ptr<SshConnection> m_ssh;
    QSet<QByteArray> m_madeDirectories;
    JournalEntry m_entry; // the row last written, so each step need not read it back
};

} // namespace tardigrade
