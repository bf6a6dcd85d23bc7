#include "CatalogueLock.h"

#include <QDeadlineTimer>
#include <QLockFile>
#include <chrono>

namespace tardigrade {

namespace {
std::timed_mutex &processMutex()
{
    static std::timed_mutex m;
    return m;
}
} // namespace

CatalogueLock::CatalogueLock(const QString &lockFilePath, const std::atomic_bool *cancel)
    : m_path(lockFilePath), m_cancel(cancel), m_threadLock(processMutex(), std::defer_lock)
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
    while (!m_threadLock.owns_lock()) {
        if (cancelled())
            return Error::cancelled();
        if (deadline.hasExpired())
            return Error::transient(
                QStringLiteral("Another upload thread kept the catalogue lock for over %1 s; try again.")
                    .arg(timeoutSecs));
        (void)m_threadLock.try_lock_for(std::chrono::milliseconds(100));
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
    if (m_threadLock.owns_lock())
        m_threadLock.unlock();
}

} // namespace tardigrade
