#include "SyncRun.h"

#include "BatchRegistrar.h"
#include "FileWorker.h"
#include "Journal.h"
#include "Planner.h"
#include "RunEventSink.h"
#include "RunPreparation.h"
#include "StagedLeftovers.h"
#include "TransferCounter.h"
#include "Verifier.h"
#include "catalogue/DataFileLookupCache.h"
#include "catalogue/MyTardisClient.h"
#include "catalogue/RecordingCatalogueWriter.h"
#include "settings/ConfigPaths.h"
#include "transfer/Uploader.h"
#include "util/Log.h"
#include "util/Retry.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSet>
#include <QThread>

#include <mutex>

namespace tardigrade {

namespace {

// Test-only: TARDIGRADE_CHUNKED_ABOVE=N sends files from N bytes by the
// chunk API, so an end-to-end test needs no 100 MiB file.
qint64 chunkedAboveDefault()
{
    bool ok = false;
    const qint64 n = qEnvironmentVariable("TARDIGRADE_CHUNKED_ABOVE").toLongLong(&ok);
    return ok && n > 0 ? n : qint64(100) << 20;
}

} // namespace

// Carries out a plan: upload workers (max_upload_threads, each with its own
// catalogue, uploader and so connection) take files from one queue, a
// verifier asks the server to verify what they delivered, and the calling
// thread reports progress until both are done. It is also the stages' event
// sink, turning what they report into the run's signals.
class SyncRun::Impl : public RunEventSink {
public:
    Impl(SyncRun &q, const Clock &clock) : q(q), m_clock(clock) {}

    void execute(const RunContext &context, int threads, int verifyThreads, int verifyTimeoutSecs,
                 SyncSummary &summary);

    void stageReached(const QString &stage) override
    {
        ProgressEvent e;
        e.stage = stage;
        emit q.progress(e);
    }
    void ownerResolved(const OwnerEvent &e) override { emit q.ownerChanged(e); }
    void datasetChanged(const DatasetEvent &e) override { emit q.datasetChanged(e); }
    void fileChanged(const FileEvent &e) override
    {
        emit q.fileChanged(e);
        if (e.state == FileState::Verified)
            countVerified(e.path);
    }
    void filesLookedUp(const QVector<LookupEvent> &e) override { emit q.filesLookedUp(e); }
    void message(const QString &sentence) override { emit q.message(sentence); }
    // The data directory went during the upload stage: workers took no
    // further file, and the run ends with one sentence, not one per file.
    bool dataDirectoryWentAway() const { return m_dataDirectoryGone.load(); }

private:
    struct Item {
        const PlannedDataset *dataset;
        const PlannedFile *file;
    };
    void workerLoop(const RunContext &context, Verifier &verifier, SyncSummary &summary);
    // The next file, or the next small files of one dataset that the worker
    // sends as a batch; none when the queue is done (or the run stopped).
    QVector<Item> takeWork(const RunContext &context, const FileWorker &worker);
    // A file's outcome into the summary, and to the verifier when delivered.
    void settle(const RunContext &context, const Item &item, const FileOutcome &outcome, Verifier &verifier,
                SyncSummary &summary);
    // A batch's bounds: enough files that a slow network's round trips are
    // shared, few enough bytes that a failed batch costs little.
    static constexpr int BatchFiles = 128;
    static constexpr qint64 BatchBytes = qint64(16) << 20;
    void reportDatasets();
    // The Folders rows of the plan, and which dataset each file to send is in.
    void prepareDatasetRows();
    // A file the server just verified: its folder's Verified count rises
    // now, not only when the run ends.
    void countVerified(const QString &path);
    void rememberVerified(const RunContext &context, const QVector<VerifiedFile> &verifiedNow);
    void emitProgress(const QString &stage, bool force);

    SyncRun &q;
    const Clock &m_clock;
    std::mutex m_mutex; // guards the queue and the summary
    int m_workerCount = 1;
    QVector<Item> m_items;
    int m_next = 0;
    TransferCounter m_counter;
    qint64 m_hashTotal = 0; // bytes to read for checksums: the ETA counts them as work too
    std::atomic<int> m_filesDone{0};
    std::atomic_bool m_dataDirectoryGone{false};
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
    std::mutex m_rowsMutex; // the verifier's threads count into the rows
    QVector<DatasetEvent> m_datasetRows; // by the plan's dataset index
    // Each file to send: its Folders row (dataset index), and whether its
    // verification was counted there (one hash: two of 100,000 paths each
    // were a good part of a large run's memory).
    struct FileRow {
        int dataset = -1;
        bool counted = false;
    };
    QHash<QString, FileRow> m_rowOfFile;
};

SyncRun::SyncRun(const QString &configFile, Options options, const Clock &clock)
    : m_configFile(configFile), m_options(std::move(options)), m_clock(clock), d(std::make_unique<Impl>(*this, clock))
{
    if (!m_options.makeCatalogue)
        m_options.makeCatalogue = &MyTardisClient::make;
    if (m_options.chunkedAbove <= 0)
        m_options.chunkedAbove = chunkedAboveDefault();
}

SyncRun::~SyncRun() = default;

SyncSummary SyncRun::run(const std::atomic_bool *cancel)
{
    SyncSummary summary;
    summary.testRun = m_options.testRun;
    summary.started = m_clock.now();
    m_plan = Plan{};
    m_fatal.reset();
    const auto fail = [&](const Error &e) {
        m_fatal = e;
        summary.staging = m_plan.staging; // a run that fails after preparing still knows this
        summary.cancelled = e.kind == ErrorKind::Cancelled;
        summary.finished = m_clock.now();
        return summary;
    };

    // The Test Run's parts: a writer that only records, no journal, and no
    // lock file (it creates nothing, so it need not wait for anyone).
    RunPreparation::Options options;
    options.configFile = m_configFile;
    options.testRun = m_options.testRun;
    options.lockFile =
        m_options.testRun ? QString() : ConfigPaths::stateFile(m_configFile, StateFile::CatalogueLock);
    options.cancel = cancel;
    options.makeCatalogue = m_options.makeCatalogue;
    options.chunkedAbove = m_options.chunkedAbove;

    d->stageReached(QStringLiteral("Checking settings"));
    auto loadedSettings = RunPreparation::loadSettings(options, m_clock, m_plan);
    if (!loadedSettings)
        return fail(loadedSettings.error());
    const PreparedRun loaded = std::move(loadedSettings).value();
    PreparedRun prepared = loaded;
    RunContext &context = prepared.context;
    std::unique_ptr<Journal> journal;
    if (!m_options.testRun) {
        auto opened = Journal::open(ConfigPaths::stateFile(m_configFile, StateFile::Journal),
                                    context.client.url);
        if (!opened)
            return fail(opened.error());
        journal = std::move(opened).value();
        context.journal = journal.get();
        if (!journal->damageNote().isEmpty())
            d->message(journal->damageNote());
    }
    const std::unique_ptr<Catalogue> catalogue = m_options.makeCatalogue(context.client);
    RecordingCatalogueWriter recorder;
    CatalogueWriter &writer = m_options.testRun ? static_cast<CatalogueWriter &>(recorder) : *catalogue;

    // Preparing and planning only find or create, and each create is looked
    // up before it is repeated: after a local failure worth retrying (a lock
    // held too long) they are simply done again.
    const Plan settingsPlan = m_plan;
    Status planned = retryAboveRequests(3, Backoff{}, m_clock, cancel, [&]() -> Status {
        m_plan = settingsPlan;
        prepared = loaded;
        context.journal = journal.get();
        if (Status s = RunPreparation(*d, *catalogue, writer, options, m_clock).prepare(prepared, m_plan); !s)
            return s;
        return Planner(*d, *catalogue, writer, prepared, options.lockFile).plan(m_plan);
    });
    if (!planned)
        return fail(planned.error());

    summary.datasets = m_plan.datasets.size();
    summary.found = m_plan.found(); // what cannot be read too: found adds up
    summary.alreadyVerified = m_plan.count(FileDecision::AlreadyVerified);
    // What could not be read is not uploaded and not done: a failure of this
    // run (the Test Run lists it in its report instead).
    if (!m_options.testRun)
        summary.failed += m_plan.unreadable;
    for (const PlannedDataset &ds : std::as_const(m_plan.datasets))
        for (const PlannedFile &f : ds.files)
            if (f.decision == FileDecision::Conflict ||
                (!f.nameOnServer.isEmpty() && f.decision != FileDecision::AlreadyVerified))
                summary.conflicts.append({f.absolutePath, f.md5, f.serverMd5, f.nameOnServer});
    summary.wouldUpload = m_plan.count(FileDecision::Upload) + m_plan.count(FileDecision::Resume);
    summary.messages = m_plan.notes;
    summary.staging = m_plan.staging;

    if (!m_options.testRun)
        d->execute(context, prepared.uploadThreads, prepared.verifyThreads, m_options.verifyTimeoutSecs, summary);
    if (d->dataDirectoryWentAway()) {
        d->stageReached(QStringLiteral("Stopped"));
        return fail(Error::user(QStringLiteral("The data directory %1 is gone (a removable drive unplugged?): the "
                                               "run stopped; reconnect it, or correct data_directory, and the next "
                                               "run carries on where this one stopped.")
                                    .arg(QDir::toNativeSeparators(context.dataDirectory))));
    }
    // Copies sent ahead of their registration whose local file was deleted
    // before it was registered: nothing else would ever remove them. After
    // the uploads, so that no worker of this run still sends or registers.
    if (!m_options.testRun && context.staging() && !context.cancelled()) {
        const std::unique_ptr<Uploader> uploader = makeUploader(context.uploader, *catalogue);
        StagedLeftovers(*journal, *catalogue, *uploader,
                        {context.stagingLocation, context.dataDirectory, context.cancel})
            .removeAll();
    }
    summary.cancelled = summary.cancelled || (cancel && cancel->load());
    summary.bytesReadLocal = context.localReads()->bytes();
    summary.finished = m_clock.now();
    d->stageReached(summary.cancelled ? QStringLiteral("Stopped") : QStringLiteral("Finished"));
    qCInfo(lcSync) << "run finished: found" << summary.found << "already verified" << summary.alreadyVerified
                   << "uploaded" << summary.uploaded << "verified" << summary.verified << "failed"
                   << summary.failed.size();
    return summary;
}

void SyncRun::Impl::rememberVerified(const RunContext &context, const QVector<VerifiedFile> &verifiedNow)
{
    // What this run saw verified needs no listing in the next run.
    if (!context.cacheLookups || verifiedNow.isEmpty())
        return;
    DataFileLookupCache cache(ConfigPaths::stateFile(context.configFile, StateFile::LookupCache),
                              context.client.url);
    Status s = cache.open();
    // A slice at a time: at the end of a run of 100,000 files, their
    // entries all at once were the run's peak of memory.
    constexpr int Slice = 4096;
    QVector<CachedLookup> entries;
    entries.reserve(qMin(Slice, int(verifiedNow.size())));
    for (int i = 0; s && i < verifiedNow.size(); ++i) {
        const VerifiedFile &p = verifiedNow.at(i);
        if (const PlannedFile *f = p.planned)
            entries.append({p.datasetId, f->directory, f->name, p.datafileId, f->size, f->mtime});
        if (entries.size() == Slice || i + 1 == verifiedNow.size()) {
            s = cache.rememberVerified(entries);
            entries.clear();
        }
    }
    if (!s)
        qCWarning(lcSync) << s.error().message;
}

void SyncRun::Impl::prepareDatasetRows()
{
    std::lock_guard<std::mutex> lock(m_rowsMutex);
    const QVector<PlannedDataset> &datasets = q.m_plan.datasets;
    m_datasetRows.clear();
    m_rowOfFile.clear();
    for (int i = 0; i < datasets.size(); ++i) {
        int verified = 0;
        for (const PlannedFile &f : datasets.at(i).files) {
            verified += f.decision == FileDecision::AlreadyVerified;
            if (f.decision == FileDecision::Upload || f.decision == FileDecision::Resume ||
                f.decision == FileDecision::Verify)
                m_rowOfFile.insert(f.absolutePath, FileRow{i, false});
        }
        m_datasetRows.append(datasetEventOf(datasets.at(i), verified));
    }
}

void SyncRun::Impl::countVerified(const QString &path)
{
    DatasetEvent row;
    {
        std::lock_guard<std::mutex> lock(m_rowsMutex);
        const auto file = m_rowOfFile.find(path);
        if (file == m_rowOfFile.end() || file->counted)
            return;
        file->counted = true;
        ++m_datasetRows[file->dataset].verified;
        row = m_datasetRows.at(file->dataset);
    }
    emit q.datasetChanged(row);
}

void SyncRun::Impl::reportDatasets()
{
    // The Folders tab's verified counts, now that the run's files are in:
    // its rows, as counted while the files verified (each row started at
    // its dataset's files already verified, and countVerified() added each
    // file the verifier saw verified, once), are the final word.
    QVector<DatasetEvent> rows;
    {
        std::lock_guard<std::mutex> lock(m_rowsMutex);
        rows = m_datasetRows;
    }
    for (const DatasetEvent &row : std::as_const(rows))
        emit q.datasetChanged(row);
}

void SyncRun::Impl::emitProgress(const QString &stage, bool force)
{
    const qint64 now = m_elapsed.elapsed();
    if (!force && now - m_lastProgressMs < 250)
        return;
    m_lastProgressMs = now;
    const qint64 bytes = m_counter.sent.load();
    const qint64 hashed = m_counter.hashed.load();
    m_samples.append({now, bytes, bytes + hashed});
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
        const qint64 work = bytes + hashed;
        const qint64 workTotal = m_bytesTotal + m_hashTotal;
        const double workRate = double(work - m_samples.first().work) * 1000.0 / double(spanMs);
        if (workRate > 0 && workTotal > work)
            e.etaSeconds = int(double(workTotal - work) / workRate);
    }
    emit q.progress(e);
}

void SyncRun::Impl::execute(const RunContext &context, int threads, int verifyThreads, int verifyTimeoutSecs,
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
    prepareDatasetRows();

    Verifier verifier(context, verifyThreads, *this);
    m_workerCount = qBound(1, threads, qMax(1, int(m_items.size())));
    std::vector<QThread *> workers;
    for (int i = 0; i < m_workerCount; ++i) {
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
    const QVector<VerifiedFile> verified = verifier.finish(verifyTimeoutSecs, &unverified);
    summary.verified = verified.size();
    reportDatasets();
    rememberVerified(context, verified);
    if (!context.cancelled())
        for (const PendingVerification &p : std::as_const(unverified))
            summary.failed.append({p.path, QStringLiteral("uploaded, but the server has not verified it yet; "
                                                          "the next run checks it again")});
    emitProgress(QStringLiteral("Verifying"), true);
}

void SyncRun::Impl::workerLoop(const RunContext &context, Verifier &verifier, SyncSummary &summary)
{
    // This thread's own catalogue client and uploader (and so its
    // connections), reused for every file it takes.
    const std::unique_ptr<Catalogue> catalogue = context.makeCatalogue(context.client);
    const std::unique_ptr<Uploader> uploader = makeUploader(context.uploader, *catalogue);
    FileWorker worker(context, *catalogue, *uploader, m_counter, *this);
    // A sent batch is registered on the registrar's thread while this one
    // sends the next (declared first: the registrar is gone before it).
    std::optional<SentBatch> registering;
    QVector<Item> registeringItems;
    BatchRegistrar registrar(context);
    const auto finishRegistering = [&] {
        if (!registering)
            return;
        const QVector<FileOutcome> outcomes = worker.finishBatch(*registering, registrar.take());
        for (int i = 0; i < registeringItems.size(); ++i)
            settle(context, registeringItems.at(i), outcomes.at(i), verifier, summary);
        registering.reset();
    };
    for (;;) {
        QVector<Item> taken = takeWork(context, worker);
        if (taken.isEmpty())
            break;
        if (!worker.batches(*taken.first().file)) {
            finishRegistering();
            settle(context, taken.first(), worker.process(*taken.first().dataset, *taken.first().file), verifier,
                   summary);
            continue;
        }
        QVector<const PlannedFile *> files;
        for (const Item &item : std::as_const(taken))
            files.append(item.file);
        SentBatch sent = worker.sendBatch(*taken.first().dataset, files);
        finishRegistering(); // the last batch's answers came while this one was sent
        registering.emplace(std::move(sent));
        registeringItems = std::move(taken);
        registrar.submit(*registering);
    }
    finishRegistering();
}

QVector<SyncRun::Impl::Item> SyncRun::Impl::takeWork(const RunContext &context, const FileWorker &worker)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_next >= m_items.size() || context.cancelled() || m_dataDirectoryGone.load())
        return {};
    QVector<Item> taken{m_items.at(m_next++)};
    if (!worker.batches(*taken.first().file))
        return taken;
    // Small files of the same dataset go together, at most a fair share of
    // what is left, so that the last files still spread over every worker.
    const int left = int(m_items.size()) - m_next + 1;
    const int share = qBound(1, (left + m_workerCount - 1) / m_workerCount, BatchFiles);
    qint64 bytes = taken.first().file->size;
    while (taken.size() < share && m_next < m_items.size()) {
        const Item &next = m_items.at(m_next);
        if (next.dataset != taken.first().dataset || !worker.batches(*next.file) ||
            bytes + next.file->size > BatchBytes)
            break;
        bytes += next.file->size;
        taken.append(next);
        ++m_next;
    }
    return taken;
}

void SyncRun::Impl::settle(const RunContext &context, const Item &item, const FileOutcome &outcome,
                           Verifier &verifier, SyncSummary &summary)
{
    ++m_filesDone;
    std::lock_guard<std::mutex> lock(m_mutex);
    if (outcome.delivered) {
        if (item.file->decision != FileDecision::Verify)
            ++summary.uploaded;
        summary.bytesUploaded += outcome.bytesSent;
        summary.sentInBatches += outcome.batched;
        PendingVerification p;
        p.path = item.file->absolutePath;
        p.planned = item.file;
        p.dataset = item.dataset->datasetName;
        p.datasetId = item.dataset->datasetId;
        p.datafileId = outcome.datafileId;
        p.size = item.file->size;
        p.serverVerifiesItself = !context.staging() && item.file->decision != FileDecision::Verify;
        verifier.add(p);
    } else if (outcome.error && context.dataDirectoryGone()) {
        m_dataDirectoryGone = true; // not this file's fault: said once for the run
    } else if (outcome.error && outcome.error->kind != ErrorKind::Cancelled) {
        summary.failed.append({item.file->absolutePath, outcome.error->message});
    }
}

} // namespace tardigrade
