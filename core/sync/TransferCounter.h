#pragma once

#include <QtGlobal>

#include <atomic>

namespace tardigrade {

// The bytes a run has moved, counted by every worker thread and read by the
// progress reporter: bytes delivered to the server, and bytes read to hash
// (which the ETA counts as work too).
struct TransferCounter {
    std::atomic<qint64> sent{0};
    std::atomic<qint64> hashed{0};
};

// Counts one transfer's progress reports into a TransferCounter. The first
// report says where the transfer starts (bytes already at the destination
// are delivered, not sent now); cancel() takes back what this transfer
// counted when it failed, so a retry does not count its bytes twice.
class TransferMeter {
public:
    explicit TransferMeter(TransferCounter &counter) : m_counter(counter) {}

    // Bytes at the destination so far.
    void reached(qint64 done)
    {
        if (m_at < 0) {
            m_at = done;
            return;
        }
        if (done > m_at) {
            m_counter.sent += done - m_at;
            m_counted += done - m_at;
            m_at = done;
        }
    }
    // Bytes sent by this transfer.
    qint64 counted() const { return m_counted; }
    void cancel()
    {
        m_counter.sent -= m_counted;
        m_counted = 0;
    }

private:
    TransferCounter &m_counter;
    qint64 m_at = -1; // last reported position, -1 before the first report
    qint64 m_counted = 0;
};

// A transfer that hashes its bytes on the way (one read pass): the bytes
// sent are the bytes hashed, and the ETA counts both as work.
class HashingTransfer {
public:
    explicit HashingTransfer(TransferCounter &counter) : m_counter(&counter), m_meter(counter) {}
    void reached(qint64 done)
    {
        m_meter.reached(done);
        if (m_hashedAt >= 0)
            m_counter->hashed += done - m_hashedAt;
        m_hashedAt = done;
    }
    qint64 counted() const { return m_meter.counted(); }
    void cancel() { m_meter.cancel(); }

private:
    TransferCounter *m_counter;
    TransferMeter m_meter;
    qint64 m_hashedAt = -1; // where the hash stood at the last report
};

} // namespace tardigrade
