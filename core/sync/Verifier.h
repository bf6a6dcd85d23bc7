#pragma once

#include "RunContext.h"
#include "RunEventSink.h"
#include "VerificationPolls.h"

#include <QString>
#include <QVector>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

class QThread;

namespace tardigrade {

class Catalogue;

// A file seen verified in this run: what the run's end needs of it (its
// lookup-cache entry comes from the plan's file). Kept for every file of the
// run, so kept small: with the whole waiting entry (88 bytes, in a vector
// that grows by doubling) a first run of 100,000 files peaked 20 MB higher
// (150 MB against 130 MB).
struct VerifiedFile {
    const PlannedFile *planned = nullptr; // null only where no plan made it (tests)
    qint64 datasetId = 0;
    qint64 datafileId = 0;
};

// Asks the server to verify each delivered file as soon as it is handed
// over (on up to max_verification_threads threads, each with its own
// catalogue; files the server checks by itself are not asked about), and
// polls while the uploads go on: one listing per dataset answers for all of
// its waiting files, on the growing schedule of VerificationPolls. A file
// is Verified (journal and event) the moment a listing shows it so, which
// is what the GUI's counts follow during the run. After the uploads,
// finish() polls on until every file is verified or its time limit passes.
// Waits and the deadline are on the context's clock.
class Verifier {
public:
    Verifier(const RunContext &context, int threads, RunEventSink &events);
    ~Verifier();

    void add(const PendingVerification &item); // thread-safe
    // Files asked about (or sent by POST) and not yet seen verified.
    int waitingFiles();
    // Waits for the requests to be sent, then polls. Returns every file
    // verified in this run (during the uploads too); the others are left in
    // `unverified`.
    QVector<VerifiedFile> finish(int timeoutSecs, QVector<PendingVerification> *unverified);

private:
    // Files a request thread takes from the queue at once.
    static constexpr int kRequestBatch = 32;

    void requestLoop();
    // Asks the server to verify each of `items` (many requests in flight
    // when there are several); failures are only logged: polling asks again.
    void askToVerify(Catalogue &catalogue, const QVector<PendingVerification> &items, const char *failed);
    void pollLoop(); // while the uploads go on
    void stopRequests(); // lets the request threads drain the queue, then joins them
    void stopPolling();  // finish() takes over from the poll thread
    void markVerifying(const PendingVerification &item);
    // Lists every dataset that is due (all when `all`) once, and reports
    // the files it shows verified.
    void pollDue(Catalogue &catalogue, bool all = false);
    // Whether the poll thread has something new to look at (m_mutex held).
    bool pollerWoken() const { return m_stopPolling || m_newDataset; }

    qint64 nowMs() const;

    const RunContext &m_context;
    RunEventSink &m_events;
    std::mutex m_mutex;
    std::condition_variable m_wake;     // request threads: a file to ask about, or closing
    std::condition_variable m_pollWake; // poll thread: a dataset started waiting, or stop
    std::deque<PendingVerification> m_queue;
    VerificationPolls m_polls;
    QVector<VerifiedFile> m_verified;
    bool m_closing = false;
    bool m_stopPolling = false;
    bool m_newDataset = false;
    std::vector<QThread *> m_threads;
    QThread *m_poller = nullptr;
};

} // namespace tardigrade
