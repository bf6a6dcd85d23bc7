#include "CleanupDeleter.h"

#include "DataDirectoryGuard.h"
#include "catalogue/Catalogue.h"
#include "sync/FileWorker.h"
#include "sync/Journal.h"
#include "transfer/Md5Hasher.h"
#include "util/Log.h"

#include <QDir>
#include <QFile>

namespace tardigrade {

namespace {

Error refusal(const QString &reason)
{
    return Error::permanent(reason);
}

bool sameMd5(const QString &a, const QString &b)
{
    return !a.isEmpty() && a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

CleanupDeleter::CleanupDeleter(QString dataDirectory, const Journal &journal, CatalogueReader &reader)
    : m_dataDirectory(std::move(dataDirectory)), m_journal(journal), m_reader(reader)
{
}

Status CleanupDeleter::removeOne(const CleanupCandidate &file, const std::atomic_bool *cancel)
{
    const DataDirectoryGuard guard(m_dataDirectory);
    if (Status s = guard.check(file.path); !s)
        return s;
    const FileStamp stamp = FileStamp::of(file.path);
    if (stamp.size != file.size || stamp.mtimeMs != file.mtime.toMSecsSinceEpoch())
        return refusal(QStringLiteral("changed since it was listed"));

    auto known = m_journal.entry(file.path);
    if (!known || known->state != FileState::Verified || known->size != stamp.size ||
        known->mtimeMs != stamp.mtimeMs || !sameMd5(known->md5, file.md5))
        return refusal(QStringLiteral("the journal no longer records it as verified with this size, time and "
                                      "checksum"));
    // The journal's datafile (when it kept one) is the one Find confirmed:
    // another record with the same name and checksum is not this upload.
    if (known->datafileId > 0 && known->datafileId != file.datafileId)
        return refusal(QStringLiteral("the server's record found for it is not the one this installation "
                                      "uploaded"));

    // The bytes on disk now, not what the journal remembers: a file
    // rewritten with the same size and its old mtime put back is caught here.
    auto md5 = Md5Hasher().hashFile(file.path, {}, cancel);
    if (!md5)
        return md5.error();
    if (!sameMd5(QString::fromLatin1(*md5), file.md5))
        return refusal(QStringLiteral("its content differs from the verified copy on the server (changed after "
                                      "the upload)"));

    auto record = m_reader.dataFile(file.datafileId);
    if (!record)
        return refusal(QStringLiteral("the server could not confirm its copy: %1").arg(record.error().message));
    if (!record->isVerified() || record->size != file.size || !sameMd5(record->md5sum, file.md5))
        return refusal(QStringLiteral("the server no longer holds a verified copy with the same size and checksum"));
    // The same name in another folder of the dataset is another file.
    if (record->filename != file.path.section(QLatin1Char('/'), -1) || record->directory != file.directory)
        return refusal(QStringLiteral("the server's record is for another file (its folder or name differs)"));

    // Last look, immediately before the deletion.
    if (Status s = guard.check(file.path); !s)
        return s;
    if (!stamp.stillMatches(file.path))
        return refusal(QStringLiteral("changed while it was being checked"));
    QFile f(file.path);
    if (!f.remove())
        return refusal(QStringLiteral("could not be deleted (%1)").arg(f.errorString()));
    qCInfo(lcSync) << "cleanup deleted" << file.path << file.size << "bytes, verified on the server as datafile"
                   << file.datafileId;
    return {};
}

CleanupOutcome CleanupDeleter::remove(const QVector<CleanupCandidate> &files, const std::atomic_bool *cancel,
                                      const Progress &progress)
{
    CleanupOutcome outcome;
    outcome.total = int(files.size());
    int done = 0;
    for (const CleanupCandidate &file : files) {
        if (cancel && cancel->load()) {
            outcome.cancelled = true;
            break;
        }
        if (progress)
            progress(done, int(outcome.deleted.size()), int(files.size()), file.path);
        const Status s = removeOne(file, cancel);
        if (s) {
            outcome.deleted << file.path;
            outcome.bytesFreed += file.size;
        } else if (s.error().kind == ErrorKind::Cancelled) {
            outcome.cancelled = true;
            break;
        } else {
            qCWarning(lcSync) << "cleanup left" << file.path << "in place:" << s.error().message;
            outcome.refused.append({file.path, s.error().message});
        }
        ++done;
    }
    if (progress)
        progress(done, int(outcome.deleted.size()), int(files.size()), {});
    return outcome;
}

} // namespace tardigrade
