#include "Verifier.h"

#include "Journal.h"
#include "catalogue/Catalogue.h"
#include "util/Log.h"

#include <QSet>
#include <QThread>

namespace tardigrade {

Verifier::Verifier(const RunContext &context, int threads, RunEventSink &events)
    : m_context(context), m_events(events), m_polls(qint64(context.verificationDelaySecs) * 1000)
{
    for (int i = 0; i < qMax(1, threads); ++i) {
        QThread *t = QThread::create([this] { requestLoop(); });
        t->start();
        m_threads.push_back(t);
    }
    m_poller = QThread::create([this] { pollLoop(); });
    m_poller->start();
}

Verifier::~Verifier()
{
    stopRequests();
    stopPolling();
}

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

void Verifier::stopPolling()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopPolling = true;
    }
    m_pollWake.notify_all();
    if (m_poller) {
        m_poller->wait();
        delete m_poller;
        m_poller = nullptr;
    }
}

void Verifier::markVerifying(const PendingVerification &item)
{
    if (Status s = m_context.journal->setState(item.path, FileState::Verifying); !s)
        m_context.journal->reportFailure(s.error(), m_events);
    m_events.fileChanged(FileEvent{item.path, item.dataset, FileState::Verifying, item.size, item.size, {}});
}

void Verifier::add(const PendingVerification &item)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(item);
    }
    m_wake.notify_one();
}

int Verifier::waitingFiles()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_polls.waiting().size();
}

void Verifier::requestLoop()
{
    const std::unique_ptr<Catalogue> catalogue = m_context.makeCatalogue(m_context.client);
    for (;;) {
        // All that is queued, up to a batch: asked together, many requests
        // in flight, instead of one round trip after another.
        QVector<PendingVerification> items;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_closing || !m_queue.empty(); });
            if (m_queue.empty())
                return;
            while (!m_queue.empty() && items.size() < kRequestBatch) {
                items.append(m_queue.front());
                m_queue.pop_front();
            }
        }
        if (m_context.cancelled()) {
            // Back in the queue: finish() reports them unverified.
            std::lock_guard<std::mutex> lock(m_mutex);
            for (auto it = items.crbegin(); it != items.crend(); ++it)
                m_queue.push_front(*it);
            return;
        }
        QVector<PendingVerification> asking;
        for (const PendingVerification &item : std::as_const(items)) {
            markVerifying(item);
            if (!item.serverVerifiesItself)
                asking.append(item);
        }
        askToVerify(*catalogue, asking, "verification request failed for");
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            for (const PendingVerification &item : std::as_const(items))
                m_newDataset = m_polls.add(item, nowMs()) || m_newDataset;
        }
        m_pollWake.notify_one();
    }
}

void Verifier::askToVerify(Catalogue &catalogue, const QVector<PendingVerification> &items, const char *failed)
{
    if (items.isEmpty())
        return;
    if (items.size() == 1) {
        if (Status asked = catalogue.requestVerify(items.first().datafileId); !asked)
            qCInfo(lcSync) << failed << items.first().path << ":" << asked.error().message;
        return;
    }
    QVector<qint64> ids;
    ids.reserve(items.size());
    for (const PendingVerification &item : items)
        ids.append(item.datafileId);
    const QVector<Status> asked = catalogue.requestVerifyMany(ids);
    for (int i = 0; i < asked.size() && i < items.size(); ++i)
        if (!asked[i])
            qCInfo(lcSync) << failed << items[i].path << ":" << asked[i].error().message;
}

void Verifier::pollLoop()
{
    const std::unique_ptr<Catalogue> catalogue = m_context.makeCatalogue(m_context.client);
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            for (;;) {
                if (m_stopPolling || m_context.cancelled())
                    return;
                m_newDataset = false;
                const std::optional<qint64> due = m_polls.nextDueMs();
                if (!due) {
                    m_pollWake.wait(lock, [this] { return pollerWoken(); });
                    continue;
                }
                const qint64 wait = *due - nowMs();
                if (wait <= 0)
                    break;
                m_context.clock->waitOn(m_pollWake, lock, wait, [this] { return pollerWoken(); });
            }
        }
        pollDue(*catalogue);
    }
}

void Verifier::pollDue(Catalogue &catalogue, bool all)
{
    QVector<qint64> due;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        due = all ? m_polls.datasets() : m_polls.dueDatasets(nowMs());
    }
    for (const qint64 datasetId : std::as_const(due)) {
        if (m_context.cancelled())
            return;
        QSet<qint64> verifiedIds;
        qint64 listedFiles = 0;
        if (auto listing = catalogue.dataFilesOfDataset(datasetId)) {
            listedFiles = listing->size();
            for (const DataFile &df : *listing)
                if (df.isVerified())
                    verifiedIds.insert(df.id);
        } else {
            qCInfo(lcSync) << "listing dataset" << datasetId << "for verified files failed:" << listing.error().message;
        }
        VerificationPolls::Listed listed;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            listed = m_polls.listed(datasetId, verifiedIds, nowMs(), listedFiles);
            for (const PendingVerification &p : std::as_const(listed.verified))
                m_verified.append({p.planned, p.datasetId, p.datafileId});
        }
        for (const PendingVerification &p : std::as_const(listed.verified)) {
            if (Status s = m_context.journal->setState(p.path, FileState::Verified); !s)
                m_context.journal->reportFailure(s.error(), m_events);
            m_events.fileChanged(FileEvent{p.path, p.dataset, FileState::Verified, p.size, p.size, {}});
        }
        askToVerify(catalogue, listed.askAgain, "verification request failed again for");
    }
}

QVector<VerifiedFile> Verifier::finish(int timeoutSecs, QVector<PendingVerification> *unverified)
{
    stopRequests(); // every delivered file has been asked about (unless cancelled)
    stopPolling();  // this thread polls from here on

    // The threads have ended, but what they left is still taken under the
    // mutex: QThread::wait() synchronises through a futex in Qt that
    // ThreadSanitizer does not see, and the mutex costs nothing.
    std::deque<PendingVerification> queued;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        queued.swap(m_queue);
        m_polls.restart(nowMs());
    }
    // What was still queued (cancelled) stays unverified.
    for (const PendingVerification &p : queued)
        unverified->append(p);

    const std::unique_ptr<Catalogue> catalogue = m_context.makeCatalogue(m_context.client);
    const qint64 deadline = nowMs() + qint64(timeoutSecs) * 1000;
    while (!m_context.cancelled()) {
        std::optional<qint64> due;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            due = m_polls.nextDueMs();
        }
        if (!due)
            break;
        const qint64 now = nowMs();
        const qint64 wakeAt = qMin(*due, deadline);
        if (wakeAt > now && !m_context.clock->sleepUnlessCancelled(wakeAt - now, m_context.cancel))
            break;
        const bool last = nowMs() >= deadline; // one more look at everything, then give up
        pollDue(*catalogue, last);
        if (last)
            break;
    }

    std::lock_guard<std::mutex> lock(m_mutex);
    *unverified += m_polls.waiting();
    return m_verified;
}

} // namespace tardigrade
