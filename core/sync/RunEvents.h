#pragma once

#include "FileState.h"
#include "StagingAccess.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QVector>

namespace tardigrade {

// Value types a run reports through queued signals; the UI's table models
// and the CLI's printers are built on these alone.

struct FailedFile {
    QString path;
    QString reason;
};

// A local file whose name the server holds with other content (MyTardis
// keeps one file per name in a dataset): a frame re-acquired in place.
struct ConflictFile {
    QString path;
    QString localMd5;
    QString serverMd5;  // as the server recorded it (may be empty)
    QString uploadedAs; // the versioned name it went under (upload_changed_as_versions); empty: not uploaded
};

// The outcome of one run (upload or Test Run).
struct SyncSummary {
    bool testRun = false;
    int datasets = 0;
    int found = 0;            // eligible files seen by the scan, and each file or folder it could not read
    int alreadyVerified = 0;  // nothing to do
    int uploaded = 0;         // bytes delivered in this run
    int verified = 0;         // verified in this run
    int wouldUpload = 0;      // Test Run: files that would be uploaded
    qint64 bytesUploaded = 0;
    qint64 bytesReadLocal = 0; // read from local files by this run (hashing and sending): how often each byte was read
    int sentInBatches = 0;     // files delivered by a batch of small files (FileWorker::processBatch)
    QVector<FailedFile> failed;
    QVector<ConflictFile> conflicts; // reported (and, with upload_changed_as_versions, uploaded as versions)
    QStringList messages;     // run-level sentences (e.g. "staging not approved yet: using HTTP POST")
    StagingAccess staging;    // as the run found it (the approval banner follows this, not the sentences)
    QString fatalError;       // why the run stopped before its files (wrong key, server down); empty if it did not
    QDateTime started;
    QDateTime finished;
    bool cancelled = false;
    bool ok() const { return failed.isEmpty() && !cancelled && fatalError.isEmpty(); }
    // Conflicts left for a person to resolve (not uploaded under a versioned name).
    int openConflicts() const
    {
        int n = 0;
        for (const ConflictFile &c : conflicts)
            n += c.uploadedAs.isEmpty();
        return n;
    }
    // Files the run had in hand and did not finish (a stop): the next run
    // picks them up.
    int filesLeft() const
    {
        return qMax(0, found - alreadyVerified - verified - int(failed.size()) - openConflicts());
    }
};

// Whether a folder's dataset was on the server before this run (the
// Folders tab's Created column).
enum class DatasetOrigin {
    Unknown,     // not looked up (skipped owner, or an older snapshot)
    Existing,    // found on the server
    Created,     // created by this run
    WouldCreate, // a Test Run: it would be created
};

// One dataset folder as the Folders tab shows it.
struct DatasetEvent {
    QString path;
    QString owner;
    QString experiment;
    QString dataset;
    int files = 0;
    int verified = 0;
    qint64 bytes = 0;
    QString status; // "would create", "created", "exists", "skipped: ..."
    qint64 datasetId = 0; // on the server, once found or created (0: not yet)
    DatasetOrigin origin = DatasetOrigin::Unknown;
};

// One owner folder as the Users tab shows it.
struct OwnerEvent {
    QString folder;
    QString kind;     // username, email, group
    QString resolved; // username or group name on the server, empty if none
    QString fullName;
    QString status;   // "found", "not found: uploaded to the facility account", ...
    // The user's email on the server, when there is a user. Initialised, so
    // brace lists of the fields above it stay complete.
    QString email{};
};

// What the look-up found of one file on the server, before anything is
// sent: the Verifications tab shows it for every file, as MyData did.
enum class LookupResult {
    NotFound,        // no record (or its dataset is new): the file is uploaded
    FoundVerified,   // a verified record: nothing to do
    FoundUnverified, // a record not verified yet: resumed or asked to verify
    VerifiedInCache, // verified per the lookup cache, nothing asked
};

struct LookupEvent {
    QString path;
    QString dataset;
    qint64 size = 0;
    LookupResult result = LookupResult::NotFound;
    QString detail; // what follows from it, when not plain (a size that differs, bytes on staging)
};

// "not found", "found verified", ...: the snapshot's words for a result
// (words, so last_run.json survives a reordering of the enum).
inline QString lookupResultName(LookupResult r)
{
    switch (r) {
    case LookupResult::FoundVerified:
        return QStringLiteral("found verified");
    case LookupResult::FoundUnverified:
        return QStringLiteral("found unverified");
    case LookupResult::VerifiedInCache:
        return QStringLiteral("verified in cache");
    case LookupResult::NotFound:
        break;
    }
    return QStringLiteral("not found");
}

inline LookupResult lookupResultFromName(const QString &name)
{
    for (LookupResult r : {LookupResult::FoundVerified, LookupResult::FoundUnverified, LookupResult::VerifiedInCache})
        if (name == lookupResultName(r))
            return r;
    return LookupResult::NotFound;
}

// One file's progress as the Uploads and Verifications tabs show it.
struct FileEvent {
    QString path;
    QString dataset;
    FileState state = FileState::Found;
    qint64 size = 0;
    qint64 done = 0;   // bytes hashed or transferred
    QString message;   // failure reason or detail

    // `later` as it stands over this earlier event of the same file: an
    // event may carry only what changed, so its dataset and size default to
    // what earlier ones said.
    FileEvent updatedBy(const FileEvent &later) const
    {
        FileEvent e = later;
        if (e.dataset.isEmpty())
            e.dataset = dataset;
        if (e.size <= 0)
            e.size = size;
        return e;
    }
};

// The run as a whole: for the progress bar, speed and ETA.
struct ProgressEvent {
    QString stage;      // "Checking settings", "Scanning", "Looking up", "Uploading", "Verifying"
    int filesDone = 0;
    int filesTotal = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    double bytesPerSecond = 0;
    int etaSeconds = -1; // -1 unknown
};

} // namespace tardigrade

Q_DECLARE_METATYPE(tardigrade::SyncSummary)
Q_DECLARE_METATYPE(tardigrade::DatasetEvent)
Q_DECLARE_METATYPE(tardigrade::OwnerEvent)
Q_DECLARE_METATYPE(tardigrade::FileEvent)
Q_DECLARE_METATYPE(tardigrade::LookupEvent)
Q_DECLARE_METATYPE(tardigrade::ProgressEvent)
