#include "FolderListing.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tardigrade::FolderListing {

namespace {
QString errnoText(int err) { return QString::fromLocal8Bit(std::strerror(err)); }
} // namespace

bool list(const QString &path, bool followLinks, std::vector<FolderEntry> *out, QString *why)
{
    DIR *dir = ::opendir(QFile::encodeName(path).constData());
    if (!dir) {
        *why = errnoText(errno);
        return false;
    }
    const int fd = ::dirfd(dir);
    while (const struct dirent *e = ::readdir(dir)) {
        const char *n = e->d_name;
        if (n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)))
            continue;
        struct stat st;
        FolderEntry::Kind kind = FolderEntry::Other;
        if (::fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) == 0) {
            if (S_ISLNK(st.st_mode)) {
                if (!followLinks)
                    kind = FolderEntry::Link;
                else if (::fstatat(fd, n, &st, 0) != 0)
                    kind = FolderEntry::BrokenLink;
            }
            if (kind == FolderEntry::Other && !S_ISLNK(st.st_mode))
                kind = S_ISDIR(st.st_mode) ? FolderEntry::Dir : S_ISREG(st.st_mode) ? FolderEntry::File : FolderEntry::Other;
        }
        out->push_back({QFile::decodeName(n), kind});
    }
    ::closedir(dir);
    std::sort(out->begin(), out->end(), [](const FolderEntry &a, const FolderEntry &b) { return a.name < b.name; });
    return true;
}

RootState checkRoot(const QString &path, QString *why)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st;
    if (::stat(native.constData(), &st) != 0) {
        const int err = errno;
        *why = errnoText(err);
        return err == ENOENT ? RootState::Missing : RootState::Unreadable;
    }
    if (!S_ISDIR(st.st_mode))
        return RootState::NotAFolder;
    if (::access(native.constData(), R_OK | X_OK) != 0) {
        *why = errnoText(errno);
        return RootState::Unreadable;
    }
    return RootState::Folder;
}

} // namespace tardigrade::FolderListing
