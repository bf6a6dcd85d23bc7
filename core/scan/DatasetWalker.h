#pragma once

#include "FileRules.h"
#include "FolderNameFilter.h"
#include "ScanTypes.h"

#include <QByteArray>
#include <atomic>
#include <vector>

namespace tardigrade {

// Walks one dataset folder and fills the dataset's files, skipped entries,
// byte count and mtimes. Names are sorted within each directory; a
// directory's files come before its sub-folders. A platform seam: the walk
// itself is DatasetWalkerPosix.cpp (openat/readdir/fstatat on directory
// descriptors, no per-file QFileInfo) or DatasetWalkerPortable.cpp (Qt);
// what a file found means (takeFile) is shared, in DatasetWalker.cpp.
class DatasetWalker {
public:
    DatasetWalker(const FileRules &rules, bool followSymlinks, const std::atomic_bool *cancel)
        : m_rules(rules), m_follow(followSymlinks), m_cancel(cancel) {}

    // topOnly: only the files directly in `ds.path`, skipping hidden ones and
    // those the filter does not match (the __EXPERIMENT_FILES__ dataset).
    // Returns false when cancelled.
    bool walk(ScannedDataset &ds, bool topOnly = false, const FolderNameFilter *topFilter = nullptr);

    qint64 oldestMsecs() const { return m_oldest; } // oldest file mtime (folder's own when no file)
    qint64 newestMsecs() const { return m_newest; }

private:
    class Walk; // the platform's walk
    friend class Walk;

    void start(bool topOnly, const FolderNameFilter *topFilter);
    void finish(ScannedDataset &ds);
    void noteMtime(qint64 ms, bool isFile);
    // A regular file the platform found. `utf8Name` is its name in UTF-8
    // (on POSIX the bytes on disk); `validName` false when those bytes are
    // not UTF-8 (MyTardis could not take the name); `denied` the reason it
    // cannot be read, empty when it can.
    void takeFile(ScannedDataset &ds, const QString &relDir, const QString &prefix, const char *utf8Name,
                  const QString &name, bool validName, qint64 size, qint64 mtimeMsecs, const QString &denied);

    const FileRules &m_rules;
    bool m_follow;
    const std::atomic_bool *m_cancel;
    bool m_topOnly = false;
    const FolderNameFilter *m_topFilter = nullptr;
    std::vector<QByteArray> m_openFolders; // identities of the folders being walked (loop check when following links)
    qint64 m_oldest = 0;
    qint64 m_newest = 0;
    qint64 m_oldestFile = 0;
    bool m_anyFile = false;
    bool m_anyTime = false;
};

} // namespace tardigrade
