#include "Verifier.h"

#include "Journal.h"
#include "catalogue/Catalogue.h"
#include "util/Log.h"

#include <QSet>
#include <QThread>

namespace tardigrade {

namespace {
// Below this many files waiting in a dataset, ask for each one; above it,
// one paged listing of the dataset is fewer requests.
constexpr int kListingThreshold = 20;
constexpr qint64 kReaskMs = 30000; // ask again when a replica stays unverified this long
} // namespace

Verifier::Verifier(const RunContext &context, int threads, RunEventSink &events)
    : m_context(context), m_events(events)
{
    for (int i = 0; i < qMax(1, threads); ++i) {
        QThread *t = QThread::create([this] { requestLoop(); });
        t->start();
        m_threads.push_back(t);
    }
}

Verifier::~Verifier() { stopRequests(); }

qint64 Verifier::nowMs() const { return m_context.clock->now().toMSecsSinceEpoch(); }

void Verifier::stopRequests()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_closing = true;
    }
    m_wake.notify_all();
    for (QThread *t : m_threads) {
        t->wait();
        delete t;
    }
    m_threads.clear();
}

void Verifier::add(const PendingVerification &item)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(item);
    }
    m_wake.notify_one();
}


void Verifier::requestLoop()
{
    const std::unique_ptr<Catalogue> catalogue = m_context.makeCatalogue(m_context.client);
    for (;;) {
        PendingVerification item;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_closing || !m_queue.empty(); });
            if (m_queue.empty())
                return;
            item = m_queue.front();
            m_queue.pop_front();
        }
        const qint64 wait = item.readyAtMs - nowMs();
        if (wait > 0 && !m_context.clock->sleepUnlessCancelled(wait, m_context.cancel))
            return;
        if (m_context.cancelled())
            return;
        if (Status s = m_context.journal->setState(item.path, FileState::Verifying); !s)
            m_context.journal->reportFailure(s.error(), m_events);
        Status asked = catalogue->requestVerify(item.datafileId);
        if (!asked)
            qCInfo(lcSync) << "verification request failed for" << item.path << ":" << asked.error().message;
        m_events.fileChanged(FileEvent{item.path, item.dataset, FileState::Verifying, item.size, item.size, {}});
        std::lock_guard<std::mutex> lock(m_mutex);
        m_requested.append(item);
    }
}

QVector<PendingVerification> Verifier::finish(int timeoutSecs, QVector<PendingVerification> *unverified)
{
    stopRequests();

    // The request threads have ended, but their lists are still taken under
    // their mutex: QThread::wait() synchronises through a futex in Qt that
    // ThreadSanitizer does not see (`scripts/test --tsan` reported this read
    // as a race with requestLoop()'s append), and the mutex costs nothing.
    QVector<PendingVerification> requested;
    std::deque<PendingVerification> queued;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        requested.swap(m_requested);
        queued.swap(m_queue);
    }
    QVector<PendingVerification> verified;
    QHash<qint64, QVector<PendingVerification>> waiting; // by dataset
    for (const PendingVerification &p : std::as_const(requested))
        waiting[p.datasetId].append(p);
    // What was still queued (cancelled) stays unverified.
    for (const PendingVerification &p : queued)
        unverified->append(p);

    const std::unique_ptr<Catalogue> catalogue = m_context.makeCatalogue(m_context.client);
    const qint64 deadline = nowMs() + qint64(timeoutSecs) * 1000;
    qint64 lastAsked = nowMs();
    qint64 pauseMs = 250;
    while (!waiting.isEmpty() && !m_context.cancelled()) {
        for (auto it = waiting.begin(); it != waiting.end();) {
            QSet<qint64> done;
            if (it->size() >= kListingThreshold) {
                auto listing = catalogue->dataFilesOfDataset(it.key());
                if (listing)
                    for (const DataFile &df : *listing)
                        if (df.isVerified())
                            done.insert(df.id);
            } else {
                for (const PendingVerification &p : *it) {
                    auto df = catalogue->dataFile(p.datafileId);
                    if (df && df->isVerified())
                        done.insert(p.datafileId);
                }
            }
            QVector<PendingVerification> still;
            for (const PendingVerification &p : *it) {
                if (done.contains(p.datafileId)) {
                    if (Status s = m_context.journal->setState(p.path, FileState::Verified); !s)
                        m_context.journal->reportFailure(s.error(), m_events);
                    m_events.fileChanged(FileEvent{p.path, p.dataset, FileState::Verified, p.size, p.size, {}});
                    verified.append(p);
                } else {
                    still.append(p);
                }
            }
            if (still.isEmpty())
                it = waiting.erase(it);
            else
                *(it++) = still;
        }
        if (waiting.isEmpty())
            break;
        const qint64 now = nowMs();
        if (now >= deadline)
            break;
        if (now - lastAsked > kReaskMs) { // the server may have missed the first request
            for (const auto &list : std::as_const(waiting))
                for (const PendingVerification &p : list)
                    if (Status asked = catalogue->requestVerify(p.datafileId); !asked)
                        qCInfo(lcSync) << "verification request failed again for" << p.path;
            lastAsked = now;
        }
        if (!m_context.clock->sleepUnlessCancelled(qMin(pauseMs, deadline - now), m_context.cancel))
            break;
        pauseMs = qMin<qint64>(pauseMs * 2, 5000);
    }
    for (const auto &list : std::as_const(waiting))
        for (const PendingVerification &p : list)
            unverified->append(p);
    return verified;
}

} // namespace tardigrade
