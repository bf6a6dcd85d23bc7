#pragma once

#include <QDateTime>
#include <QMutex>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace tardigrade {

// Time comes from an injectable clock so schedules and age filters can be
// tested without sleeping. Engine code takes a `const Clock &` and defaults
// to Clock::system().
class Clock {
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    // Waits `ms` on this clock, waking within 100 ms when `cancel` is set;
    // false when cancelled. Waits for retries and polls go through here, so
    // a test's clock can skip them.
    virtual bool sleepUnlessCancelled(qint64 ms, const std::atomic_bool *cancel) const;
    // Waits up to `ms` on this clock, or until `woken` (checked with `lock`
    // held) is true after `cv` is notified; `lock` is released while
    // waiting. True when woken. A poll thread waits here so that news wakes
    // it at once; each clock waits its own way.
    virtual bool waitOn(std::condition_variable &cv, std::unique_lock<std::mutex> &lock, qint64 ms,
                        const std::function<bool()> &woken) const;

    static const Clock &system();
};

// A clock that stands still until told otherwise (tests); sleeping on it
// moves it forward at once. Safe to use from several threads.
class FakeClock : public Clock {
public:
    explicit FakeClock(QDateTime now) : m_now(std::move(now)) {}
    QDateTime now() const override
    {
        QMutexLocker lock(&m_mutex);
        return m_now;
    }
    bool sleepUnlessCancelled(qint64 ms, const std::atomic_bool *cancel) const override
    {
        if (cancel && cancel->load())
            return false;
        QMutexLocker lock(&m_mutex);
        m_now = m_now.addMSecs(ms);
        return true;
    }
    // A moment of real time (so that a polling thread does not spin, and
    // news still wakes it), then a sleep on this clock, which skips it.
    bool waitOn(std::condition_variable &cv, std::unique_lock<std::mutex> &lock, qint64 ms,
                const std::function<bool()> &woken) const override;
    void set(QDateTime now)
    {
        QMutexLocker lock(&m_mutex);
        m_now = std::move(now);
    }
    void advanceSecs(qint64 secs)
    {
        QMutexLocker lock(&m_mutex);
        m_now = m_now.addSecs(secs);
    }

private:
    mutable QMutex m_mutex;
    mutable QDateTime m_now;
};

} // namespace tardigrade
