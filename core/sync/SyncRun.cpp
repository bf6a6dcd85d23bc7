#include "SyncRun.h"
#include "util/CancellableSleep.h"

#include "FileWorker.h"
#include "Journal.h"
#include "Planner.h"
#include "RunPreparation.h"
#include "Verifier.h"
#include "catalogue/DataFileLookupCache.h"
#include "settings/ConfigPaths.h"
#include "util/Log.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSet>
#include <QThread>

#include <mutex>

namespace tardigrade {

// Carries out a plan: upload workers (max_upload_threads, each with its own
// catalogue client and SSH connection) take files from one queue, a verifier
// asks the server to verify what they delivered, and the calling thread
// reports progress until both are done.
class SyncRun::Impl {
public:
    Impl(SyncRun &q, const Clock &clock) : q(q), m_clock(clock) {}

    void execute(RunContext &context, int threads, int verifyThreads, int verifyTimeoutSecs, SyncSummary &summary);

private:
    struct Item {
        const PlannedDataset *dataset;
        const PlannedFile *file;
    };
    void workerLoop(const RunContext &context, Verifier &verifier, SyncSummary &summary);
    void reportFile(const FileEvent &e);
    void reportDatasets(const QVector<PendingVerification> &verifiedNow);
    void rememberVerified(const RunContext &context, const QVector<PendingVerification> &verifiedNow);
    void emitProgress(const QString &stage, bool force);

    SyncRun &q;
    const Clock &m_clock;
    std::mutex m_mutex; // guards the queue and the summary
    QVector<Item> m_items;
    int m_next = 0;
    std::atomic<qint64> m_bytesDone{0};
    std::atomic<qint64> m_bytesHashed{0};
    qint64 m_hashTotal = 0; // bytes to read for checksums: the ETA counts them as work too
    std::atomic<int> m_filesDone{0};
    qint64 m_bytesTotal = 0;
    QElapsedTimer m_elapsed;
    qint64 m_lastProgressMs = -1000;
    // Speed over the last ~10 s, so the ETA follows what the link does now.
    struct Sample {
        qint64 ms;
        qint64 sent; // bytes delivered
        qint64 work; // bytes delivered + bytes hashed
    };
    QVector<Sample> m_samples;
};

SyncRun::SyncRun(const QString &configFile, Options options, const Clock &clock)
    : m_configFile(configFile), m_options(options), m_clock(clock), d(std::make_unique<Impl>(*this, clock))
{
}

SyncRun::~SyncRun() = default;

void SyncRun::stageReached(const QString &stage)
{
    ProgressEvent e;
    e.stage = stage;
    emit progress(e);
}

namespace {

// Runs `stage` again after a transient failure, waiting 1, 2, 4, 8 s.
template <typename T, typename F>
Result<T> retryStage(const std::atomic_bool *cancel, F stage)
{
    constexpr int kAttempts = 5;
    for (int attempt = 1;; ++attempt) {
        Result<T> r = stage();
        if (r || r.error().kind != ErrorKind::Transient || attempt == kAttempts)
            return r;
        qCInfo(lcSync) << "stage failed, trying again:" << r.error().message;
        if (!sleepUnlessCancelled(1000 << (attempt - 1), cancel))
            return Error::cancelled();
    }
}

} // namespace

SyncSummary SyncRun::run(const std::atomic_bool *cancel)
{
    SyncSummary summary;
    summary.testRun = m_options.testRun;
    summary.started = m_clock.now();
    m_plan = Plan{};
    m_fatal.reset();

    // Preparing and planning only find or create: after a server or network
    // failure (a create that may or may not have happened) they are simply
    // done again, and the look-ups find what the failed attempt made.
    auto prepared = retryStage<PreparedRun>(cancel, [&] {
        m_plan = Plan{};
        return RunPreparation(*this, m_configFile, m_options.testRun, m_clock, cancel).prepare(m_plan);
    });
    if (!prepared) {
        m_fatal = prepared.error();
        summary.cancelled = prepared.error().kind == ErrorKind::Cancelled;
        summary.finished = m_clock.now();
        return summary;
    }
    RunContext &context = prepared->context;

    stageReached(QStringLiteral("Scanning"));
    auto journal = Journal::open(ConfigPaths::stateFile(m_configFile, QStringLiteral("journal.sqlite")),
                                 context.client.url);
    if (!journal) {
        m_fatal = journal.error();
        summary.finished = m_clock.now();
        return summary;
    }
    context.journal = journal->get();

    const Plan prepPlan = m_plan;
    auto planned = retryStage<bool>(cancel, [&]() -> Result<bool> {
        m_plan = prepPlan;
        Status s = Planner(*this, *prepared, m_options.testRun).plan(m_plan);
        if (!s)
            return s.error();
        return true;
    });
    if (!planned) {
        m_fatal = planned.error();
        summary.cancelled = planned.error().kind == ErrorKind::Cancelled;
        summary.finished = m_clock.now();
        return summary;
    }

    summary.datasets = m_plan.datasets.size();
    for (const PlannedDataset &ds : std::as_const(m_plan.datasets))
        for (const PlannedFile &f : ds.files)
            summary.found += f.decision != FileDecision::Skipped;
    summary.alreadyVerified = m_plan.count(FileDecision::AlreadyVerified);
    summary.wouldUpload = m_plan.count(FileDecision::Upload) + m_plan.count(FileDecision::Resume);
    summary.messages = m_plan.notes;

    if (!m_options.testRun)
        d->execute(context, prepared->uploadThreads, prepared->verifyThreads, m_options.verifyTimeoutSecs, summary);
    summary.cancelled = summary.cancelled || (cancel && cancel->load());
    summary.finished = m_clock.now();
    stageReached(summary.cancelled ? QStringLiteral("Stopped") : QStringLiteral("Finished"));
    qCInfo(lcSync) << "run finished: found" << summary.found << "already verified" << summary.alreadyVerified
                   << "uploaded" << summary.uploaded << "verified" << summary.verified << "failed"
                   << summary.failed.size();
    return summary;
}

void SyncRun::Impl::reportFile(const FileEvent &e) { emit q.fileChanged(e); }

void SyncRun::Impl::rememberVerified(const RunContext &context, const QVector<PendingVerification> &verifiedNow)
{
    // What this run saw verified needs no listing in the next run.
    if (!context.cacheLookups || verifiedNow.isEmpty())
        return;
    QHash<QString, const PlannedFile *> byPath;
    for (const PlannedDataset &ds : std::as_const(q.m_plan.datasets))
        for (const PlannedFile &f : ds.files)
            byPath.insert(f.absolutePath, &f);
    QVector<CachedLookup> entries;
    for (const PendingVerification &p : verifiedNow)
        if (const PlannedFile *f = byPath.value(p.path))
            entries.append({p.datasetId, f->directory, f->name, p.datafileId, f->size, f->mtime});
    DataFileLookupCache cache(ConfigPaths::stateFile(context.configFile, QStringLiteral("lookups.sqlite")),
                              context.client.url);
    Status s = cache.open();
    if (s)
        s = cache.rememberVerified(entries);
    if (!s)
        qCWarning(lcSync) << s.error().message;
}

void SyncRun::Impl::reportDatasets(const QVector<PendingVerification> &verifiedNow)
{
    // The Folders tab's verified counts, now that the run's files are in.
    QSet<QString> now;
    for (const PendingVerification &p : verifiedNow)
        now.insert(p.path);
    for (const PlannedDataset &ds : std::as_const(q.m_plan.datasets)) {
        DatasetEvent e{ds.path, ds.ownerFolder, ds.experimentTitle, ds.datasetName, 0, 0, 0,
                       catalogueActionName(ds.datasetAction)};
        for (const PlannedFile &f : ds.files) {
            if (f.decision == FileDecision::Skipped)
                continue;
            ++e.files;
            e.bytes += f.size;
            e.verified += f.decision == FileDecision::AlreadyVerified || now.contains(f.absolutePath);
        }
        emit q.datasetChanged(e);
    }
}

void SyncRun::Impl::emitProgress(const QString &stage, bool force)
{
    const qint64 now = m_elapsed.elapsed();
    if (!force && now - m_lastProgressMs < 250)
        return;
    m_lastProgressMs = now;
    const qint64 bytes = m_bytesDone.load();
    m_samples.append({now, bytes, bytes + m_bytesHashed.load()});
    while (m_samples.size() > 2 && now - m_samples.first().ms > 10000)
        m_samples.removeFirst();
    ProgressEvent e;
    e.stage = stage;
    e.filesDone = m_filesDone.load();
    e.filesTotal = m_items.size();
    e.bytesDone = bytes;
    e.bytesTotal = m_bytesTotal;
    const qint64 spanMs = now - m_samples.first().ms;
    if (spanMs > 500) {
        e.bytesPerSecond = double(bytes - m_samples.first().sent) * 1000.0 / double(spanMs);
        // Work = bytes hashed + bytes sent, so a long checksum at the start
        // does not make the ETA explode.
        const qint64 work = bytes + m_bytesHashed.load();
        const qint64 workTotal = m_bytesTotal + m_hashTotal;
        const double workRate = double(work - m_samples.first().work) * 1000.0 / double(spanMs);
        if (workRate > 0 && workTotal > work)
            e.etaSeconds = int(double(workTotal - work) / workRate);
    }
    emit q.progress(e);
}

void SyncRun::Impl::execute(RunContext &context, int threads, int verifyThreads, int verifyTimeoutSecs,
                            SyncSummary &summary)
{
    m_elapsed.start();
    for (const PlannedDataset &ds : std::as_const(q.m_plan.datasets))
        for (const PlannedFile &f : ds.files)
            if (f.decision == FileDecision::Upload || f.decision == FileDecision::Resume ||
                f.decision == FileDecision::Verify) {
                m_items.append({&ds, &f});
                if (f.decision != FileDecision::Verify)
                    m_bytesTotal += f.size - f.remoteBytes;
                if (f.decision == FileDecision::Upload && f.md5.isEmpty())
                    m_hashTotal += f.size;
            }
    if (m_items.isEmpty())
        return;

    Verifier verifier(context, verifyThreads, [this](const FileEvent &e) { reportFile(e); });
    const int workerCount = qBound(1, threads, qMax(1, int(m_items.size())));
    std::vector<QThread *> workers;
    for (int i = 0; i < workerCount; ++i) {
        QThread *t = QThread::create([this, &context, &verifier, &summary] { workerLoop(context, verifier, summary); });
        t->start();
        workers.push_back(t);
    }
    for (QThread *t : workers) {
        while (!t->wait(200))
            emitProgress(QStringLiteral("Uploading"), false);
        delete t;
    }
    emitProgress(QStringLiteral("Verifying"), true);

    QVector<PendingVerification> unverified;
    const QVector<PendingVerification> verified = verifier.finish(verifyTimeoutSecs, &unverified);
    summary.verified = verified.size();
    reportDatasets(verified);
    rememberVerified(context, verified);
    if (!context.cancelled())
        for (const PendingVerification &p : std::as_const(unverified))
            summary.failed.append({p.path, QStringLiteral("uploaded, but the server has not verified it yet; "
                                                          "the next run checks it again")});
    emitProgress(QStringLiteral("Verifying"), true);
}

void SyncRun::Impl::workerLoop(const RunContext &context, Verifier &verifier, SyncSummary &summary)
{
    FileWorker worker(
        context, [this](const FileEvent &e) { reportFile(e); }, [this](qint64 delta) { m_bytesDone += delta; },
        [this](qint64 delta) { m_bytesHashed += delta; });
    for (;;) {
        Item item;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_next >= m_items.size() || context.cancelled())
                return;
            item = m_items.at(m_next++);
        }
        const FileOutcome outcome = worker.process(*item.dataset, *item.file);
        ++m_filesDone;
        std::lock_guard<std::mutex> lock(m_mutex);
        if (outcome.delivered) {
            if (item.file->decision != FileDecision::Verify)
                ++summary.uploaded;
            summary.bytesUploaded += outcome.bytesSent;
            PendingVerification p;
            p.path = item.file->absolutePath;
            p.dataset = item.dataset->datasetName;
            p.datasetId = item.dataset->datasetId;
            p.datafileId = outcome.datafileId;
            p.size = item.file->size;
            p.readyAtMs = QDateTime::currentMSecsSinceEpoch() +
                          (item.file->decision == FileDecision::Verify ? 0 : context.verificationDelaySecs * 1000LL);
            verifier.add(p);
        } else if (outcome.error && outcome.error->kind != ErrorKind::Cancelled) {
            summary.failed.append({item.file->absolutePath, outcome.error->message});
        }
    }
}

} // namespace tardigrade
