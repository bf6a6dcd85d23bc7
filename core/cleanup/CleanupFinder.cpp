#include "CleanupFinder.h"

#include "DataDirectoryGuard.h"
#include "catalogue/Catalogue.h"
#include "catalogue/DataFileLookup.h"
#include "scan/Scanner.h"
#include "sync/Journal.h"
#include "transfer/Md5Hasher.h"

#include <QHash>

namespace tardigrade {

namespace {

// A file old enough, as the journal knows it, waiting for the server's word.
struct Pending {
    ScannedFile file;
    JournalEntry journal;
};

// Why an old file is not offered; each becomes one note.
struct LeftOut {
    int notUploaded = 0;  // the journal does not say verified
    int conflict = 0;     // the server holds other content under its name (the upload said so)
    int changed = 0;      // size or mtime differ from the journal's
    int noChecksum = 0;   // verified, but no MD5 was kept (or a fake one)
    int linked = 0;       // a symbolic link, or reached through one
    int notOnServer = 0;  // the server has no verified copy with this MD5 and size

    // One note: "1 file is not listed because it ...", "3 files are not
    // listed because they ..." (`one` and `many` say the why).
    static QString note(int n, const char *one, const char *many)
    {
        return n == 1 ? QStringLiteral("1 file is not listed because %1").arg(QLatin1String(one))
                      : QStringLiteral("%1 files are not listed because %2").arg(n).arg(QLatin1String(many));
    }

    QStringList notes() const
    {
        QStringList n;
        if (notOnServer)
            n << note(notOnServer, "the server holds no verified copy with the same size and checksum.",
                      "the server holds no verified copy with the same size and checksum.");
        if (changed)
            n << note(changed,
                      "it changed after it was uploaded (size or time differ from the uploaded copy's).",
                      "they changed after they were uploaded (size or time differ from the uploaded copy's).");
        if (conflict)
            n << note(conflict, "MyTardis holds a different file under its name (a conflict the upload reported).",
                      "MyTardis holds different files under their names (conflicts the upload reported).");
        if (notUploaded)
            n << note(notUploaded, "this installation has not seen it verified yet; run an upload first.",
                      "this installation has not seen them verified yet; run an upload first.");
        if (noChecksum)
            n << note(noChecksum,
                      "no checksum of it was kept (fake_md5_sum, or verified before this journal); it can only "
                      "be deleted by hand.",
                      "no checksum of theirs was kept (fake_md5_sum, or verified before this journal); they can "
                      "only be deleted by hand.");
        if (linked)
            n << note(linked,
                      "it is a symbolic link or reached through one, which Cleanup never deletes.",
                      "they are symbolic links or reached through one, which Cleanup never deletes.");
        return n;
    }
};

bool sameMd5(const QString &a, const QString &b)
{
    return !a.isEmpty() && a.compare(b, Qt::CaseInsensitive) == 0;
}

// The server's record agrees with what the journal says was uploaded.
bool serverHolds(const DataFile &record, const Pending &p)
{
    return record.isVerified() && record.size == p.file.size && sameMd5(record.md5sum, p.journal.md5);
}

} // namespace

CleanupFinder::CleanupFinder(ScanOptions options, const Journal &journal, CatalogueReader &reader, const Clock &clock)
    : m_options(std::move(options)), m_journal(journal), m_reader(reader), m_clock(clock)
{
}

Result<CleanupFindings> CleanupFinder::find(int olderThanDays, const std::atomic_bool *cancel)
{
    const auto cancelled = [cancel] { return cancel && cancel->load(); };
    auto scan = Scanner(m_options, m_clock).scan(cancel);
    if (!scan)
        return scan.error();
    const QHash<QString, JournalEntry> journal = m_journal.loadAll();
    const QDateTime cutoff = m_clock.now().addDays(-qMax(0, olderThanDays));
    const DataDirectoryGuard guard(m_options.dataDirectory);
    const QString fakeSum = QString::fromLatin1(Md5Hasher::fakeSum());

    LeftOut left;
    QHash<qint64, QVector<Pending>> byDataset; // the journal's dataset id
    QVector<Pending> withoutDataset;           // older journal rows: asked for one by one
    for (const ScannedDataset &ds : scan->datasets) {
        for (const ScannedFile &f : ds.files) {
            if (!f.mtime.isValid() || f.mtime > cutoff)
                continue;
            const JournalEntry known = journal.value(f.absolutePath);
            if (known.state == FileState::Conflict) {
                ++left.conflict;
                continue;
            }
            if (known.state != FileState::Verified) {
                ++left.notUploaded;
                continue;
            }
            if (known.size != f.size || known.mtimeMs != f.mtime.toMSecsSinceEpoch()) {
                ++left.changed;
                continue;
            }
            if (known.md5.isEmpty() || known.md5 == fakeSum) {
                ++left.noChecksum;
                continue;
            }
            if (!guard.check(f.absolutePath)) {
                ++left.linked;
                continue;
            }
            if (known.datasetId > 0)
                byDataset[known.datasetId].append({f, known});
            else if (known.datafileId > 0)
                withoutDataset.append({f, known});
            else
                ++left.noChecksum; // nothing to ask the server about
        }
    }

    QHash<QString, qint64> confirmed; // path -> the server's datafile id
    for (auto it = byDataset.cbegin(); it != byDataset.cend(); ++it) {
        if (cancelled())
            return Error::cancelled();
        QVector<ScannedFile> files;
        for (const Pending &p : it.value())
            files.append(p.file);
        // No lookup cache: it remembers "verified", not the checksum.
        auto remote = DataFileLookup(m_reader, nullptr).lookup(it.key(), files);
        if (!remote)
            return remote.error();
        for (const Pending &p : it.value()) {
            const RemoteFileStatus s = remote->value(DataFileLookup::key(p.file.directory, p.file.name));
            if (s.state == RemoteState::Verified && serverHolds(s.record, p))
                confirmed.insert(p.file.absolutePath, s.record.id);
            else
                ++left.notOnServer;
        }
    }
    for (const Pending &p : std::as_const(withoutDataset)) {
        if (cancelled())
            return Error::cancelled();
        auto record = m_reader.dataFile(p.journal.datafileId);
        if (!record && record.error().httpStatus != 404)
            return record.error();
        if (record && record->filename == p.file.name && record->directory == p.file.directory &&
            serverHolds(*record, p))
            confirmed.insert(p.file.absolutePath, record->id);
        else
            ++left.notOnServer;
    }

    CleanupFindings findings;
    for (const ScannedDataset &ds : scan->datasets) { // in the scan's order
        for (const ScannedFile &f : ds.files) {
            const auto id = confirmed.constFind(f.absolutePath);
            if (id == confirmed.cend())
                continue;
            CleanupCandidate c;
            c.path = f.absolutePath;
            c.relativePath = guard.relativePath(f.absolutePath);
            c.directory = f.directory;
            c.size = f.size;
            c.mtime = f.mtime;
            c.md5 = journal.value(f.absolutePath).md5;
            c.datafileId = *id;
            findings.totalBytes += c.size;
            findings.candidates.append(c);
        }
    }
    findings.notes = left.notes();
    return findings;
}

} // namespace tardigrade
