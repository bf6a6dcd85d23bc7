#pragma once

#include "util/Result.h"

#include <QString>
#include <atomic>
#include <memory>
#include <mutex>

class QLockFile;

namespace tardigrade {

// Held around find-then-create of experiments and datasets so that two
// threads or two processes sharing a state folder never create the same
// object twice: a process-wide mutex for threads, a QLockFile for processes.
// An empty path locks threads only.
class CatalogueLock {
public:
    CatalogueLock(const QString &lockFilePath, const std::atomic_bool *cancel = nullptr);
    ~CatalogueLock();
    CatalogueLock(const CatalogueLock &) = delete;
    CatalogueLock &operator=(const CatalogueLock &) = delete;

    // Waits (polling the cancel flag) up to `timeoutSecs`.
    Status acquire(int timeoutSecs = 120);
    void release();

private:
    QString m_path;
    const std::atomic_bool *m_cancel;
    bool m_holdsThreadLock = false;
    std::unique_ptr<QLockFile> m_file;
};

} // namespace tardigrade
