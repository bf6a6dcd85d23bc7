// The dataset walk without POSIX calls: Windows, and the portable build on
// Linux. std::filesystem lists a folder (NativeName: it sees every name,
// where QDir leaves out one it cannot decode). QFileInfo then answers
// for each decodable name, so that sizes and times are exactly the ones the
// upload's own checks (LocalFile) see. The decisions about each file are the
// shared ones (DatasetWalker::takeFile).
#include "DatasetWalker.h"
#include "NativeName.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <chrono>

namespace tardigrade {

namespace fs = std::filesystem;

namespace {

qint64 mtimeMsecs(const QFileInfo &info) { return info.lastModified().toMSecsSinceEpoch(); }

// Only for a name QFileInfo cannot reach: C++17 has no exact conversion from
// the filesystem clock, so this is right to within the time it takes.
qint64 mtimeMsecs(const fs::path &p)
{
    std::error_code ec;
    const auto written = fs::last_write_time(p, ec);
    if (ec)
        return 0;
    const auto inSystemTime = std::chrono::system_clock::now() +
                     std::chrono::duration_cast<std::chrono::system_clock::duration>(
                         written - fs::file_time_type::clock::now());
    return std::chrono::duration_cast<std::chrono::milliseconds>(inSystemTime.time_since_epoch()).count();
}

// Symbolic links, and on Windows the junctions that behave like them.
bool isLink(const QFileInfo &e) { return e.isSymbolicLink() || e.isJunction(); }

// A folder's identity for the loop check: where it really is.
QByteArray folderId(const QFileInfo &folder) { return folder.canonicalFilePath().toUtf8(); }

} // namespace

class DatasetWalker::Walk {
public:
    static bool walkDir(DatasetWalker &w, const QString &relDir, const QString &absDir, ScannedDataset &ds);
};

bool DatasetWalker::walk(ScannedDataset &ds, bool topOnly, const FolderNameFilter *topFilter)
{
    start(topOnly, topFilter);
    const QFileInfo root(ds.path);
    bool ok = true;
    if (!root.isDir() || !root.isReadable()) {
        // Gone since it was listed: nothing to read, nothing failed.
        if (!root.exists())
            ds.skipped.push_back({ds.path, QStringLiteral("cannot be read: no such folder")});
        else
            ds.skipped.push_back(SkippedEntry::unreadableFolder(ds.path, QStringLiteral("Permission denied")));
    } else {
        if (!topOnly) // the experiment folder's own mtime says nothing about its loose files
            noteMtime(mtimeMsecs(root), false);
        m_openFolders.push_back(folderId(root));
        ok = Walk::walkDir(*this, QString(), ds.path, ds);
    }
    finish(ds);
    return ok;
}

bool DatasetWalker::Walk::walkDir(DatasetWalker &w, const QString &relDir, const QString &absDir, ScannedDataset &ds)
{
    if (w.m_cancel && w.m_cancel->load(std::memory_order_relaxed))
        return false;
    std::vector<NativeName::Entry> entries;
    QString listError;
    const bool listed = NativeName::list(absDir, &entries, &listError);
    // The POSIX walk's order: the byte order of the UTF-8 names.
    std::sort(entries.begin(), entries.end(),
              [](const NativeName::Entry &a, const NativeName::Entry &b) { return a.name.utf8 < b.name.utf8; });
    if (!listed) {
        const QString reason = entries.empty() ? QStringLiteral("cannot be read: %1")
                                               : QStringLiteral("could not be listed completely: %1");
        ds.skipped.push_back(SkippedEntry::unreadableFolder(absDir, listError, reason.arg(listError)));
    }

    const QString prefix = absDir + QLatin1Char('/');
    QFileInfoList subdirs;
    for (const NativeName::Entry &l : entries) {
        const QString &name = l.name.text;
        if (!l.name.valid) {
            std::error_code ec;
            const auto status = fs::symlink_status(l.path, ec);
            if (!ec && fs::is_regular_file(status)) {
                w.takeFile(ds, relDir, prefix, l.name.utf8.constData(), name, false, 0, mtimeMsecs(l.path), {});
            } else if (!(w.m_topOnly && l.name.utf8.startsWith('.'))) {
                ds.skipped.push_back({prefix + name, QStringLiteral("the name is not valid UTF-8; rename it")});
            }
            continue;
        }
        const QFileInfo e(prefix + name);
        if (isLink(e)) {
            if (!w.m_follow && w.m_topOnly)
                continue; // the experiment level reports it
            if (!w.m_follow) {
                ds.skipped.push_back({prefix + name, QStringLiteral("symbolic link, not followed")});
                continue;
            }
            if (!e.exists()) {
                ds.skipped.push_back({prefix + name, QStringLiteral("broken symbolic link")});
                continue;
            }
            if (e.isDir() && std::find(w.m_openFolders.begin(), w.m_openFolders.end(), folderId(e)) !=
                                 w.m_openFolders.end()) {
                ds.skipped.push_back(
                    {prefix + name, QStringLiteral("symbolic link to a folder it is in (a loop), not followed")});
                continue;
            }
        }
        if (e.isDir()) {
            if (!w.m_topOnly)
                subdirs.push_back(e);
            continue;
        }
        if (!e.isFile()) {
            if (!(w.m_topOnly && l.name.utf8.startsWith('.')))
                ds.skipped.push_back({prefix + name, QStringLiteral("not a regular file (a device, socket or pipe)")});
            continue;
        }
        const QString denied = e.isReadable() ? QString() : QStringLiteral("Permission denied");
        w.takeFile(ds, relDir, prefix, l.name.utf8.constData(), name, true, e.size(), mtimeMsecs(e), denied);
    }

    for (const QFileInfo &sub : std::as_const(subdirs)) {
        const QString name = sub.fileName();
        if (!sub.isReadable() || !QDir(sub.filePath()).isReadable()) {
            ds.skipped.push_back(SkippedEntry::unreadableFolder(prefix + name, QStringLiteral("Permission denied")));
            continue;
        }
        w.noteMtime(mtimeMsecs(sub), false);
        w.m_openFolders.push_back(folderId(sub));
        const bool ok = walkDir(w, relDir.isEmpty() ? name : relDir + QLatin1Char('/') + name, prefix + name, ds);
        w.m_openFolders.pop_back();
        if (!ok)
            return false;
    }
    return true;
}

} // namespace tardigrade
