#pragma once

#include "CleanupTypes.h"
#include "util/Result.h"

#include <atomic>
#include <functional>

namespace tardigrade {

class CatalogueReader;
class Journal;

// Deletes files Cleanup found, each only after checking again, just before
// it goes, everything that made it a candidate: it is a regular file whose
// real path is inside the data directory (no symbolic link on the way),
// its size and mtime are still the listed ones, the journal still says
// verified with that size, mtime and MD5, its MD5 computed now is that
// one, the journal's datafile (when it kept one) is the one Find confirmed,
// and the server still holds it verified with that MD5, size, folder and name.
// A file failing any check is left alone and reported with the reason.
// Folders are never deleted, not even when they become empty.
class CleanupDeleter {
public:
    // done: files checked so far, deleted: of those, the ones that went.
    using Progress = std::function<void(int done, int deleted, int total, const QString &path)>;

    CleanupDeleter(QString dataDirectory, const Journal &journal, CatalogueReader &reader);

    CleanupOutcome remove(const QVector<CleanupCandidate> &files, const std::atomic_bool *cancel = nullptr,
                          const Progress &progress = {});

    // One file: empty status when deleted, else the reason it was not.
    Status removeOne(const CleanupCandidate &file, const std::atomic_bool *cancel = nullptr);

private:
    QString m_dataDirectory;
    const Journal &m_journal;
    CatalogueReader &m_reader;
};

} // namespace tardigrade
