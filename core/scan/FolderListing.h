#pragma once

#include <QString>

#include <vector>

namespace tardigrade {

// One entry of a folder at a level of the folder structure.
struct FolderEntry {
    enum Kind { Dir, File, Link, BrokenLink, Other };
    QString name;
    Kind kind;
};

// Reading the folders above the datasets (users, experiments, ...): few
// entries each, so plain values are fine. A platform seam:
// FolderListingPosix.cpp (opendir/fstatat) or FolderListingPortable.cpp (Qt).
namespace FolderListing {
// The entries, sorted by name; a link is Link when not followed, else what
// it points to (BrokenLink when nothing). False with `why` when the folder
// cannot be read.
bool list(const QString &path, bool followLinks, std::vector<FolderEntry> *out, QString *why);

enum class RootState { Folder, Missing, NotAFolder, Unreadable };
// Whether the data directory is a folder this user may list.
RootState checkRoot(const QString &path, QString *why);
} // namespace FolderListing

} // namespace tardigrade
