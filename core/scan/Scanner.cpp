#include "Scanner.h"

#include "DatasetWalker.h"
#include "FileRules.h"
#include "FolderListing.h"
#include "FolderNameFilter.h"
#include "util/Log.h"

#include <QDir>
#include <QFile>
#include <QThread>

#include <algorithm>
#include <thread>

namespace tardigrade {

namespace {

using Level = FolderStructure::Level;

struct Job {
    ScannedDataset ds;
    bool experimentFiles = false;
    qint64 oldest = 0;
    qint64 newest = 0;
    bool hasTimes = false;
};

// Phase 1: follow the structure's levels down to the dataset folders.
class StructureWalk {
public:
    StructureWalk(const ScanOptions &o, const std::atomic_bool *cancel)
        : m_o(o), m_levels(o.structure.levels()), m_user(o.userFilter), m_experiment(o.experimentFilter),
          m_dataset(o.datasetFilter), m_cancel(cancel) {}

    bool descend(int level, const QString &path, const ScannedDataset &ctx);

    std::vector<Job> jobs;
    QVector<SkippedEntry> problems;
    const FolderNameFilter &datasetFilter() const { return m_dataset; }

private:
    const ScanOptions &m_o;
    const QVector<Level> &m_levels;
    FolderNameFilter m_user;
    FolderNameFilter m_experiment;
    FolderNameFilter m_dataset;
    const std::atomic_bool *m_cancel;
};

bool StructureWalk::descend(int level, const QString &path, const ScannedDataset &ctx)
{
    if (m_cancel && m_cancel->load())
        return false;
    std::vector<FolderEntry> entries;
    QString why;
    if (!FolderListing::list(path, m_o.followSymlinks, &entries, &why)) {
        problems.push_back(SkippedEntry::unreadableFolder(path, why));
        return true;
    }
    const Level kind = m_levels.at(level);
    const bool inExperiment = kind == Level::Dataset && level > 0 && m_levels.at(level - 1) == Level::Experiment;
    bool found = false;
    bool experimentFiles = false;
    const QString prefix = path + QLatin1Char('/');
    for (const FolderEntry &e : entries) {
        if (e.name.startsWith(QLatin1Char('.'))) // hidden, as MyData's globs skipped them
            continue;
        const QString p = prefix + e.name;
        switch (e.kind) {
        case FolderEntry::File:
            if (inExperiment) {
                if (m_dataset.matches(e.name))
                    experimentFiles = true;
            } else {
                problems.push_back({p, QStringLiteral("a file outside any dataset folder; it is not uploaded")});
            }
            continue;
        case FolderEntry::Link:
            problems.push_back({p, QStringLiteral("symbolic link, not followed")});
            continue;
        case FolderEntry::BrokenLink:
            problems.push_back({p, QStringLiteral("broken symbolic link")});
            continue;
        case FolderEntry::Other:
            problems.push_back({p, QStringLiteral("not a folder or a regular file")});
            continue;
        case FolderEntry::Dir:
            break;
        }
        const QString trimmed = e.name.trimmed();
        ScannedDataset c = ctx;
        switch (kind) {
        case Level::Username:
        case Level::Email:
            if (!m_user.matches(e.name))
                continue;
            c.userFolder = e.name;
            c.owner = trimmed;
            c.ownerKind = kind == Level::Username ? OwnerKind::Username : OwnerKind::Email;
            break;
        case Level::UserGroup:
            if (!m_user.matches(e.name))
                continue;
            c.groupFolder = e.name;
            c.owner = m_o.groupPrefix + trimmed;
            c.ownerKind = OwnerKind::Group;
            break;
        case Level::Instrument:
            // Only this instrument's folder: the same tree may hold other instruments' data.
            if (!m_o.instrumentName.isEmpty() && trimmed.compare(m_o.instrumentName, Qt::CaseInsensitive) != 0)
                continue;
            c.instrumentFolder = e.name;
            break;
        case Level::FullName:
            c.fullNameFolder = e.name;
            break;
        case Level::MyTardis:
            if (trimmed.compare(QLatin1String("MyTardis"), Qt::CaseInsensitive) != 0)
                continue;
            break;
        case Level::Experiment:
            if (!m_experiment.matches(e.name))
                continue;
            c.experimentFolder = e.name;
            break;
        case Level::Dataset:
            if (!m_dataset.matches(e.name))
                continue;
            c.datasetName = e.name;
            c.path = p;
            jobs.push_back({std::move(c), false});
            continue;
        }
        found = true;
        if (!descend(level + 1, p, c))
            return false;
    }
    if (!found && kind == Level::MyTardis)
        problems.push_back({path, QStringLiteral("has no \"MyTardis\" folder; nothing in it is uploaded")});
    if (!found && kind == Level::Instrument && !m_o.instrumentName.isEmpty())
        problems.push_back(
            {path, QStringLiteral("has no folder named after the instrument \"%1\"; nothing in it is uploaded")
                       .arg(m_o.instrumentName)});
    if (experimentFiles) {
        ScannedDataset c = ctx;
        c.datasetName = experimentFilesDatasetName();
        c.path = path;
        jobs.push_back({std::move(c), true});
    }
    return true;
}

} // namespace

Scanner::Scanner(ScanOptions options, const Clock &clock)
    : m_options(std::move(options)), m_clock(clock)
{
}

Result<ScanResult> Scanner::scan(const std::atomic_bool *cancel) const
{
    const ScanOptions &o = m_options;
    if (o.dataDirectory.isEmpty())
        return Error::user(QStringLiteral("No data directory is set; set data_directory to the folder holding "
                                          "the instrument's data."));
    const QString root = QDir::cleanPath(o.dataDirectory);
    QString why;
    switch (FolderListing::checkRoot(root, &why)) {
    case FolderListing::RootState::Folder:
        break;
    case FolderListing::RootState::Missing:
        return Error::user(QStringLiteral("The data directory \"%1\" does not exist; create it or fix "
                                          "data_directory.").arg(root));
    case FolderListing::RootState::NotAFolder:
        return Error::user(QStringLiteral("The data directory \"%1\" is not a folder; fix data_directory.").arg(root));
    case FolderListing::RootState::Unreadable:
        return Error::user(QStringLiteral("The data directory \"%1\" cannot be read (%2); fix its permissions "
                                          "or data_directory.").arg(root, why));
    }

    const QDateTime now = m_clock.now();
    StructureWalk structure(o, cancel);
    ScannedDataset top;
    top.ownerKind = o.structure.ownerKind();
    if (!structure.descend(0, root, top))
        return Error::cancelled();

    // Phase 2: walk the dataset folders, in parallel: most of the time goes to
    // system calls, which overlap well across threads.
    std::vector<Job> &jobs = structure.jobs;
    const FileRules rules(o, now.toMSecsSinceEpoch());
    std::atomic<size_t> next{0};
    std::atomic_bool stopped{false};
    auto work = [&]() {
        for (;;) {
            const size_t i = next.fetch_add(1);
            if (i >= jobs.size())
                return;
            Job &job = jobs[i];
            DatasetWalker walker(rules, o.followSymlinks, cancel);
            if (!walker.walk(job.ds, job.experimentFiles, &structure.datasetFilter())) {
                stopped = true;
                return;
            }
            job.hasTimes = job.ds.newestMtime.isValid();
            job.oldest = walker.oldestMsecs();
            job.newest = walker.newestMsecs();
        }
    };
    int threads = o.threads > 0 ? o.threads : qBound(1, QThread::idealThreadCount(), 4);
    threads = int(std::min<size_t>(size_t(threads), std::max<size_t>(jobs.size(), 1)));
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread &t : pool)
        t.join();
    if (stopped || (cancel && cancel->load()))
        return Error::cancelled();

    ScanResult result;
    result.problems = std::move(structure.problems);
    const qint64 oldLimit = o.oldDatasetInterval.before(now).toMSecsSinceEpoch();
    const qint64 newLimit = o.newDatasetInterval.before(now).toMSecsSinceEpoch();
    for (Job &job : jobs) {
        if (job.hasTimes && o.ignoreOldDatasets && job.newest < oldLimit) {
            result.ignored.push_back({job.ds.path, QStringLiteral("nothing in it changed in the last %1 "
                                                                  "(ignore_old_datasets)")
                                                       .arg(o.oldDatasetInterval.text())});
            continue;
        }
        if (job.hasTimes && o.ignoreNewDatasets && job.oldest > newLimit) {
            result.ignored.push_back({job.ds.path, QStringLiteral("created less than %1 ago (ignore_new_datasets)")
                                                       .arg(o.newDatasetInterval.text())});
            continue;
        }
        result.datasets.push_back(std::move(job.ds));
    }
    qCDebug(lcScan) << "scanned" << root << ":" << result.datasets.size() << "datasets,"
                   << result.problems.size() << "problems," << result.ignored.size() << "ignored by age";
    return result;
}

} // namespace tardigrade
