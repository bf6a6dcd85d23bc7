#pragma once

#include <QString>

namespace tardigrade {

// Where one file stands on its way into MyTardis. Only Verified is done: a
// file that was uploaded but whose replica the server has not verified yet
// is not.
enum class FileState {
    Found,        // seen by the scan, nothing done yet
    Hashing,      // MD5 being computed
    Hashed,       // MD5 known for this size and mtime
    Registered,   // datafile record created on the server (id, staging path known)
    Transferring, // bytes on their way (offset = bytes known to be on staging)
    Uploaded,     // every byte delivered; verification not asked yet
    Verifying,    // verification asked; polling the replica
    Verified,     // the server says its replica is verified: done
    Failed,       // gave up in this run (reason kept); retried in the next run
    // The server holds a different file under this name (MyTardis keeps one
    // per name in a dataset): not uploaded, not verified; the reason names
    // both MD5s. Looked at again in every run.
    Conflict,
    // The user running Tardigrade may not read it (a file or a whole
    // folder): not uploaded; the reason says why and what to do. Never
    // journalled, so the next run looks again.
    Unreadable,
};

QString fileStateName(FileState state);
FileState fileStateFromName(const QString &name);

} // namespace tardigrade
