#pragma once

#include <QDeadlineTimer>
#include <QThread>
#include <QVector>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace tardigrade::test {

// A QThread running `work` (as the run's workers and the verifier run),
// whose writes the caller may read once wait() said it ended, under
// ThreadSanitizer too: QThread::wait() synchronises through a futex inside
// the prebuilt libQt6Core, which ThreadSanitizer does not see, so the
// thread's end is also handed over through a std::mutex, which it does
// (scripts/test --tsan reported every such read as a race). The thread is
// waited for however long it takes when this goes, since `work` usually uses
// the caller's variables.
class WorkerThread {
public:
    explicit WorkerThread(std::function<void()> work)
        : m_work(std::move(work)), m_thread(QThread::create([this] {
              m_work();
              const std::lock_guard<std::mutex> lock(m_ended);
          }))
    {
        m_thread->start();
    }
    ~WorkerThread() { wait(); }
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    // True when the thread has ended (within `timeoutMs`; -1: however long).
    bool wait(int timeoutMs = -1)
    {
        if (!m_thread->wait(timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(timeoutMs)))
            return false;
        const std::lock_guard<std::mutex> lock(m_ended);
        return true;
    }

private:
    std::function<void()> m_work;
    std::mutex m_ended;
    std::unique_ptr<QThread> m_thread;
};

// Runs each of `works` on a WorkerThread of its own, all at once, and waits
// for them; true when every one ended within `timeoutMs`.
inline bool runOnWorkerThreads(const QVector<std::function<void()>> &works, int timeoutMs = 120000)
{
    std::vector<std::unique_ptr<WorkerThread>> threads;
    for (const std::function<void()> &work : works)
        threads.push_back(std::make_unique<WorkerThread>(work));
    bool inTime = true;
    for (const auto &t : threads)
        inTime = t->wait(timeoutMs) && inTime;
    return inTime;
}

inline bool runOnWorkerThread(const std::function<void()> &work, int timeoutMs = 120000)
{
    return runOnWorkerThreads({work}, timeoutMs);
}

} // namespace tardigrade::test
