#pragma once

#include <QThread>
#include <QVector>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace tardigrade::test {

// Runs each of `works` on a QThread of its own, all at once (as the run's
// workers and the verifier run), and waits for them; true when every one
// ended within `timeoutMs`. What they wrote may be read afterwards under
// ThreadSanitizer too: QThread::wait() synchronises through a futex inside
// the prebuilt libQt6Core, which ThreadSanitizer does not see, so each
// thread's end is also handed over through a std::mutex, which it does
// (scripts/test --tsan reported every such read as a race). A thread late
// at the timeout is still waited for, since it uses the caller's variables.
inline bool runOnWorkerThreads(const QVector<std::function<void()>> &works, int timeoutMs = 120000)
{
    std::mutex ended;
    std::vector<std::unique_ptr<QThread>> threads;
    for (const std::function<void()> &work : works) {
        threads.emplace_back(QThread::create([&ended, &work] {
            work();
            const std::lock_guard<std::mutex> lock(ended);
        }));
        threads.back()->start();
    }
    bool inTime = true;
    for (const auto &t : threads)
        if (!t->wait(timeoutMs)) {
            inTime = false;
            t->wait();
        }
    const std::lock_guard<std::mutex> lock(ended);
    return inTime;
}

inline bool runOnWorkerThread(const std::function<void()> &work, int timeoutMs = 120000)
{
    return runOnWorkerThreads({work}, timeoutMs);
}

} // namespace tardigrade::test
