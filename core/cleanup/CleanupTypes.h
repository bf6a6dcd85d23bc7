#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tardigrade {

// One local file the server holds verified with the same MD5, old enough to
// be deleted from the instrument PC.
struct CleanupCandidate {
    QString path;         // absolute, as the scan found it
    QString relativePath; // below the data directory, '/' separators (what the user is shown)
    QString directory;    // the server's: the folder below the dataset's ('' at its top)
    qint64 size = 0;
    QDateTime mtime;      // UTC
    QString md5;          // the journal's, equal to the server's verified copy's
    qint64 datafileId = 0;
};

// What Find learned: the candidates, and sentences on what it left out
// and why (nothing the user need act on, but worth knowing).
struct CleanupFindings {
    QVector<CleanupCandidate> candidates;
    qint64 totalBytes = 0;
    QStringList notes;
};

// A file Delete did not delete, and why (one sentence).
struct CleanupRefusal {
    QString path;
    QString reason;
};

struct CleanupOutcome {
    int total = 0;       // files asked for
    QStringList deleted; // absolute paths
    qint64 bytesFreed = 0;
    QVector<CleanupRefusal> refused;
    bool cancelled = false;

    bool ok() const { return refused.isEmpty() && !cancelled; }
};

} // namespace tardigrade
