#pragma once

#include "RunContext.h"
#include "RunEventSink.h"

#include <QHash>
#include <QString>
#include <QVector>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

class QThread;

namespace tardigrade {

// A file whose bytes are all on the server, waiting for its replica to be
// verified.
struct PendingVerification {
    QString path;
    QString dataset;     // name, for reports
    qint64 datasetId = 0;
    qint64 datafileId = 0;
    qint64 size = 0;
    qint64 readyAtMs = 0; // ask no earlier than this (upload end + verification_delay), on the run's clock
};

// Asks the server to verify each delivered file after `verification_delay`
// (on up to max_verification_threads threads, while uploads go on, each with
// its own catalogue), then polls until every replica is verified or the time
// limit passes. Only a verified replica makes a file done. Waits and the
// deadline are on the context's clock.
class Verifier {
public:
    Verifier(const RunContext &context, int threads, RunEventSink &events);
    ~Verifier();

    void add(const PendingVerification &item); // thread-safe
    // Waits for the requests to be sent, then polls. Returns the paths that
    // were verified; the others are left in `unverified`.
    QVector<PendingVerification> finish(int timeoutSecs, QVector<PendingVerification> *unverified);

private:
    void requestLoop();
    void stopRequests(); // lets the request threads drain the queue, then joins them

    qint64 nowMs() const;

    const RunContext &m_context;
    RunEventSink &m_events;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<PendingVerification> m_queue;
    QVector<PendingVerification> m_requested;
    bool m_closing = false;
    std::vector<QThread *> m_threads;
};

} // namespace tardigrade
