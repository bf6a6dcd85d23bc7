// Folder listings without POSIX calls: Windows (drive letters and UNC paths
// such as \\server\share\Instrument are plain folders here), and the
// portable build on Linux. Names come from std::filesystem (NativeName), what
// each entry is from QFileInfo. Windows shortcuts (.lnk) are files, not links.
#include "FolderListing.h"
#include "NativeName.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace tardigrade::FolderListing {

namespace {

FolderEntry::Kind kindOf(const QFileInfo &e, bool followLinks)
{
    const bool link = e.isSymbolicLink() || e.isJunction();
    if (link && !followLinks)
        return FolderEntry::Link;
    if (link && !e.exists())
        return FolderEntry::BrokenLink;
    return e.isDir() ? FolderEntry::Dir : e.isFile() ? FolderEntry::File : FolderEntry::Other;
}

// A name that does not decode: QFileInfo cannot reach it, std::filesystem can.
FolderEntry::Kind kindOf(const std::filesystem::path &p, bool followLinks)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::file_status st = fs::symlink_status(p, ec);
    if (ec)
        return FolderEntry::Other;
    if (fs::is_symlink(st)) {
        if (!followLinks)
            return FolderEntry::Link;
        st = fs::status(p, ec);
        if (ec)
            return FolderEntry::BrokenLink;
    }
    return fs::is_directory(st) ? FolderEntry::Dir : fs::is_regular_file(st) ? FolderEntry::File : FolderEntry::Other;
}

} // namespace

bool list(const QString &path, bool followLinks, std::vector<FolderEntry> *out, QString *why)
{
    std::vector<NativeName::Entry> entries;
    if (!NativeName::list(path, &entries, why))
        return false;
    const QString prefix = path + QLatin1Char('/');
    for (const NativeName::Entry &e : entries) {
        const FolderEntry::Kind kind =
            e.name.valid ? kindOf(QFileInfo(prefix + e.name.text), followLinks) : kindOf(e.path, followLinks);
        out->push_back({e.name.text, kind});
    }
    std::sort(out->begin(), out->end(), [](const FolderEntry &a, const FolderEntry &b) { return a.name < b.name; });
    return true;
}

RootState checkRoot(const QString &path, QString *why)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *why = QStringLiteral("no such folder");
        return RootState::Missing;
    }
    if (!info.isDir())
        return RootState::NotAFolder;
    if (!info.isReadable() || !QDir(path).isReadable()) {
        *why = QStringLiteral("Permission denied"); // as strerror(EACCES) says it on the POSIX build
        return RootState::Unreadable;
    }
    return RootState::Folder;
}

} // namespace tardigrade::FolderListing
