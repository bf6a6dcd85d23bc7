#include "CatalogueLock.h"

#include <QDeadlineTimer>
#include <QLockFile>
#include <chrono>
#include <condition_variable>

namespace tardigrade {

namespace {
// The threads' half of the lock: a flag under a mutex, waited for on a
// condition variable. Not a std::timed_mutex: its try_lock_for() is
// pthread_mutex_clocklock(), which gcc 12's ThreadSanitizer does not see, so
// every find-then-create this lock guards would go unchecked by
// `scripts/test --tsan` (it reported an unlock of a mutex never locked).
struct ThreadLock {
    std::mutex mutex;
    std::condition_variable freed;
    bool held = false;
};

ThreadLock &threadLock()
{
    static ThreadLock lock;
    return lock;
}
} // namespace

CatalogueLock::CatalogueLock(const QString &lockFilePath, const std::atomic_bool *cancel)
    : m_path(lockFilePath), m_cancel(cancel)
{
}

CatalogueLock::~CatalogueLock()
{
    release();
}

Status CatalogueLock::acquire(int timeoutSecs)
{
    QDeadlineTimer deadline{std::chrono::seconds(timeoutSecs)};
    auto cancelled = [this] { return m_cancel && m_cancel->load(); };
    if (!m_holdsThreadLock) {
        ThreadLock &t = threadLock();
        std::unique_lock<std::mutex> lock(t.mutex);
        while (t.held) {
            if (cancelled())
                return Error::cancelled();
            if (deadline.hasExpired())
                return Error::transient(
                    QStringLiteral("Another upload thread kept the catalogue lock for over %1 s; try again.")
                        .arg(timeoutSecs));
            t.freed.wait_for(lock, std::chrono::milliseconds(100));
        }
        t.held = true;
        m_holdsThreadLock = true;
    }
    if (m_path.isEmpty())
        return {};
    m_file = std::make_unique<QLockFile>(m_path);
    // A lock left by a crashed process is taken over (its PID is gone); a
    // live holder only ever keeps it for a few requests.
    m_file->setStaleLockTime(5 * 60 * 1000);
    while (!m_file->tryLock(100)) {
        if (m_file->error() == QLockFile::PermissionError || m_file->error() == QLockFile::UnknownError) {
            const QString path = m_path;
            release();
            return Error::permanent(
                QStringLiteral("Cannot create the lock file %1; check that its folder is writable.").arg(path));
        }
        if (cancelled() || deadline.hasExpired()) {
            const bool wasCancel = cancelled();
            release();
            if (wasCancel)
                return Error::cancelled();
            return Error::transient(
                QStringLiteral("Another Tardigrade process kept the catalogue lock %1 for over %2 s; try again.")
                    .arg(m_path)
                    .arg(timeoutSecs));
        }
    }
    return {};
}

void CatalogueLock::release()
{
    if (m_file) {
        if (m_file->isLocked())
            m_file->unlock();
        m_file.reset();
    }
    if (m_holdsThreadLock) {
        ThreadLock &t = threadLock();
        {
            std::lock_guard<std::mutex> lock(t.mutex);
            t.held = false;
        }
        t.freed.notify_one();
        m_holdsThreadLock = false;
    }
}

} // namespace tardigrade
