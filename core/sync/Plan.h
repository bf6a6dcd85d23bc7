#pragma once

#include "RunEvents.h"
#include "StagingAccess.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tardigrade {

// What a run decided about one local file, before doing anything. The Test
// Run prints these; the upload run carries them out.
enum class FileDecision {
    Upload,          // not on the server: hash, register, send
    Resume,          // registered and partly on staging: send the rest
    Verify,          // every byte is there but the replica is not verified yet
    AlreadyVerified, // done
    Skipped,         // filtered out or too new (reason says which)
    // The server's copy under this name has other content (a frame
    // re-acquired in place): reported with both MD5s, never taken as
    // verified. With upload_changed_as_versions it is an Upload under a
    // versioned name instead.
    Conflict,
};

QString fileDecisionName(FileDecision decision);

struct PlannedFile {
    QString absolutePath;
    QString directory; // below the dataset folder, '/' separators
    QString name;
    qint64 size = 0;
    QDateTime mtime;
    FileDecision decision = FileDecision::Upload;
    QString reason;          // for Skipped (and detail for the others)
    qint64 datafileId = 0;   // when the server has a record
    qint64 replicaId = 0;
    QByteArray stagingPath;  // when known
    qint64 remoteBytes = 0;  // for Resume
    QString md5;             // when the journal knows it for this size and mtime (or the planner hashed it)
    QString serverMd5;       // a Conflict's (or versioned upload's) server copy, as the server recorded it
    QString nameOnServer;    // a versioned upload's name ("frame (2).tif"); empty: the local name

    // The file name the datafile record has (or gets) in MyTardis.
    QString remoteName() const { return nameOnServer.isEmpty() ? name : nameOnServer; }
};

enum class CatalogueAction { Reuse, Create, WouldCreate, Skip };
QString catalogueActionName(CatalogueAction action);

struct PlannedDataset {
    QString path;
    QString ownerFolder;
    QString ownerKind;       // username, email, group, none
    QString ownerResolved;   // server username / group, or the facility account
    QString ownerNote;       // e.g. "no such user: uploaded to the facility account"
    QString experimentTitle;
    CatalogueAction experimentAction = CatalogueAction::Reuse;
    qint64 experimentId = 0;
    QString datasetName;
    CatalogueAction datasetAction = CatalogueAction::Reuse;
    qint64 datasetId = 0;
    QString datasetUri;
    QVector<PlannedFile> files;
};

struct Plan {
    QStringList settingsProblems; // local and server checks that failed
    QStringList notes;            // run-level facts ("instrument would be created", "staging not approved ...")
    QString uploadMethod;         // uploadMethodName(): "staging", "post" or "chunked"
    StagingAccess staging;        // where approval stands (RunPreparation)
    QVector<PlannedDataset> datasets;
    QStringList scanProblems;     // links not followed, files outside a dataset folder, etc.
    QVector<FailedFile> unreadable; // files and folders that could not be read: failures (UnreadableEntry.h)

    int count(FileDecision decision) const;
    // The run's "found": every file not skipped, and every file or folder
    // that could not be read (each one entry, not uploaded), so found adds
    // up to verified + failed + conflicts + left.
    int found() const;
    // Skipped files, the unreadable ones aside (they count as found).
    int skippedReadable() const;
    qint64 bytes(FileDecision decision) const;
};

} // namespace tardigrade
