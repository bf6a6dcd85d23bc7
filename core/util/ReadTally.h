#pragma once

#include <QtGlobal>

#include <atomic>

namespace tardigrade {

// The bytes one run has read from local files, counted by the run's own
// readers (its hasher and its uploaders) as they read: how often the run
// read each byte, whatever else the process reads meanwhile (the GUI's
// cleanup hashing, a settings file, another run's checks). Shared by the
// run's threads.
class ReadTally {
public:
    void add(qint64 n)
    {
        if (n > 0)
            m_bytes.fetch_add(n, std::memory_order_relaxed);
    }
    qint64 bytes() const { return m_bytes.load(std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_bytes{0};
};

} // namespace tardigrade
