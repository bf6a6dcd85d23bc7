#include "StagedLeftovers.h"

#include "Journal.h"
#include "StagingPath.h"
#include "catalogue/Catalogue.h"
#include "transfer/Uploader.h"
#include "util/Log.h"

#include <QDir>
#include <QFileInfo>

namespace tardigrade {

namespace {

// Whether the files in this folder can be seen: a folder the user may not
// enter hides its files, which are not gone. (Windows folders have no
// execute permission to ask about.)
bool canLookInside(const QFileInfo &folder)
{
#ifdef Q_OS_WIN
    return folder.isDir() && folder.isReadable();
#else
    return folder.isDir() && folder.isReadable() && folder.isExecutable();
#endif
}

// Gone for certain: nothing of that name (not even a dangling link), and
// the nearest folder above it that is there lets us look inside.
bool surelyGone(const QString &path)
{
    const QFileInfo file(path);
    if (file.exists() || file.isSymLink())
        return false;
    QString folder = file.absolutePath();
    for (;;) {
        const QFileInfo above(folder);
        if (above.exists() || above.isSymLink())
            return canLookInside(above);
        const QString up = QFileInfo(folder).absolutePath();
        if (up == folder)
            return false; // not even a root: cannot tell
        folder = up;
    }
}

QString display(const QByteArray &stagingPath)
{
    return QString::fromUtf8(stagingPath);
}

} // namespace

StagedLeftovers::Verdict StagedLeftovers::failedBy(const Error &error)
{
    // Transient: the connection or the server, not this row.
    return error.kind == ErrorKind::Transient ? Verdict::Unreachable : Verdict::Failed;
}

StagedLeftovers::StagedLeftovers(Journal &journal, CatalogueReader &catalogue, Uploader &uploader, Where where)
    : m_journal(journal), m_catalogue(catalogue), m_uploader(uploader), m_where(std::move(where))
{
}

LeftoverCount StagedLeftovers::removeAll()
{
    LeftoverCount count;
    if (m_where.stagingLocation.isEmpty())
        return count;
    if (!m_where.dataDirectory.isEmpty() && !QFileInfo(m_where.dataDirectory).isDir())
        return count; // every file would look deleted
    const QVector<JournalEntry> unregistered = m_journal.stagedUnregistered();
    for (const JournalEntry &row : unregistered) {
        if (m_where.cancel && m_where.cancel->load())
            break;
        if (row.method != m_uploader.name() || !surelyGone(row.path))
            continue; // not ours to remove, or sent again to the same path by a later run
        const Verdict verdict = removeOne(row, unregistered);
        count.removed += verdict == Verdict::Removed;
        count.kept += verdict == Verdict::Kept;
        count.failed += verdict == Verdict::Failed || verdict == Verdict::Unreachable;
        // The server or the staging host cannot be reached: every other row
        // would wait out the same timeouts and retries, for nothing.
        if (verdict == Verdict::Unreachable)
            break;
    }
    if (count.removed || count.failed)
        qCInfo(lcSync).nospace() << "Copies on staging of files deleted before they were registered: " << count.removed
                                 << " removed, " << count.failed << " left for the next run";
    return count;
}

StagedLeftovers::Verdict StagedLeftovers::removeOne(const JournalEntry &row, const QVector<JournalEntry> &unregistered)
{
    const std::optional<StagedFileName> name =
        stagedFileNameOf(m_where.stagingLocation, row.datasetId, row.stagingPath);
    if (!name) {
        // Another staging location, or a path the server named: which
        // record it would belong to cannot be told, so it is not touched.
        qCInfo(lcSync).noquote() << QStringLiteral("Leaving %1 on staging (%2 is gone): it is not a path this "
                                                   "run's staging location predicts.")
                                        .arg(display(row.stagingPath), row.path);
        return Verdict::Kept;
    }
    // Another local file on its way to the same path (the same name in the
    // same dataset, from another folder) still counts on it.
    for (const JournalEntry &other : unregistered)
        if (other.path != row.path && other.stagingPath == row.stagingPath && !surelyGone(other.path))
            return Verdict::Kept;

    auto record = m_catalogue.findDataFile(row.datasetId, name->directory, name->filename);
    if (!record) {
        qCWarning(lcSync).noquote() << QStringLiteral("Cannot tell whether MyTardis holds %1 (%2); it is looked at "
                                                      "again in the next run.")
                                           .arg(display(row.stagingPath), record.error().message);
        return failedBy(record.error());
    }
    if (record->has_value()) {
        // Registered after all (its answer lost): the copy is the record's
        // and stays. The local file is gone, so no run will settle the row:
        // kept, it would cost this look-up in every run from now on.
        if (Status forgotten = m_journal.forgetStaged(row.path, row.stagingPath); !forgotten)
            qCWarning(lcSync).noquote() << forgotten.error().message;
        return Verdict::Kept;
    }

    if (Status removed = m_uploader.removeStaged(row.stagingPath); !removed) {
        qCWarning(lcSync).noquote() << QStringLiteral("Cannot remove %1 from staging (%2); it is tried again in the "
                                                      "next run.")
                                           .arg(display(row.stagingPath), removed.error().message);
        return failedBy(removed.error());
    }
    // Only now: a row removed first would forget a copy left on staging.
    if (Status forgotten = m_journal.forgetStaged(row.path, row.stagingPath); !forgotten) {
        qCWarning(lcSync).noquote() << forgotten.error().message;
        return Verdict::Failed;
    }
    qCInfo(lcSync).noquote() << QStringLiteral("Removed %1 from staging: %2 was deleted before it was registered.")
                                    .arg(display(row.stagingPath), row.path);
    return Verdict::Removed;
}

} // namespace tardigrade
