#pragma once

#include "FileRules.h"
#include "FolderNameFilter.h"
#include "ScanTypes.h"

#include <atomic>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace tardigrade {

// Walks one dataset folder with POSIX calls (openat/readdir/fstatat on
// directory descriptors, no per-file QFileInfo) and fills the dataset's
// files, skipped entries, byte count and mtimes. Names are sorted (bytes)
// within each directory; a directory's files come before its sub-folders.
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
    bool walkDir(int fd, const QString &relDir, const QString &absDir, ScannedDataset &ds);
    void noteMtime(qint64 ms, bool isFile);

    const FileRules &m_rules;
    bool m_follow;
    const std::atomic_bool *m_cancel;
    bool m_topOnly = false;
    const FolderNameFilter *m_topFilter = nullptr;
    std::vector<std::pair<dev_t, ino_t>> m_stack; // directories being walked (loop check when following links)
    qint64 m_oldest = 0;
    qint64 m_newest = 0;
    qint64 m_oldestFile = 0;
    bool m_anyFile = false;
    bool m_anyTime = false;
};

} // namespace tardigrade
