// The dataset walk on POSIX: directory descriptors, readdir, fstatat;
// names sorted as bytes, one packed buffer per directory.
#include "DatasetWalker.h"

#include "util/Log.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <cstdint>
#include <sys/stat.h>
#include <unistd.h>

namespace tardigrade {

namespace {

qint64 mtimeMsecs(const struct stat &st)
{
#ifdef __APPLE__ // the BSD name of the same field
    const struct timespec &t = st.st_mtimespec;
#else
    const struct timespec &t = st.st_mtim;
#endif
    return qint64(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

// Decodes a file name; names that are not UTF-8 cannot be sent to MyTardis
// (and would not round-trip through QString), so the caller skips them.
bool decodeName(const char *raw, QString *out)
{
    *out = QString::fromUtf8(raw);
    if (!out->contains(QChar::ReplacementCharacter))
        return true;
    return std::strstr(raw, "\xEF\xBF\xBD") != nullptr; // a real U+FFFD is fine
}

// A directory's entries: names packed in one buffer (no allocation per
// name), sorted through an index.
struct Entry {
    uint32_t offset;
    unsigned char type;
};

// A folder's identity for the loop check: its device and inode.
QByteArray folderId(const struct stat &st)
{
    QByteArray id;
    id.append(reinterpret_cast<const char *>(&st.st_dev), sizeof st.st_dev);
    id.append(reinterpret_cast<const char *>(&st.st_ino), sizeof st.st_ino);
    return id;
}

} // namespace

class DatasetWalker::Walk {
public:
    static bool walkDir(DatasetWalker &w, int fd, const QString &relDir, const QString &absDir, ScannedDataset &ds);
};

bool DatasetWalker::walk(ScannedDataset &ds, bool topOnly, const FolderNameFilter *topFilter)
{
    start(topOnly, topFilter);
    const QByteArray path = QFile::encodeName(ds.path);
    const int fd = ::open(path.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    bool ok = true;
    if (fd < 0) {
        // Gone since it was listed: nothing to read, nothing failed.
        if (errno == ENOENT)
            ds.skipped.push_back({ds.path, QStringLiteral("cannot be read: %1").arg(errnoText(errno))});
        else
            ds.skipped.push_back(SkippedEntry::unreadableFolder(ds.path, errnoText(errno)));
    } else {
        struct stat st = {};
        if (::fstat(fd, &st) == 0) {
            if (!topOnly) // the experiment folder's own mtime says nothing about its loose files
                noteMtime(mtimeMsecs(st), false);
            m_openFolders.push_back(folderId(st));
        }
        ok = Walk::walkDir(*this, fd, QString(), ds.path, ds); // closes fd
    }
    finish(ds);
    return ok;
}

bool DatasetWalker::Walk::walkDir(DatasetWalker &w, int fd, const QString &relDir, const QString &absDir,
                             ScannedDataset &ds)
{
    DIR *dir = ::fdopendir(fd);
    if (!dir) {
        ds.skipped.push_back(SkippedEntry::unreadableFolder(absDir, errnoText(errno)));
        ::close(fd);
        return true;
    }
    if (w.m_cancel && w.m_cancel->load(std::memory_order_relaxed)) {
        ::closedir(dir);
        return false;
    }

    std::vector<Entry> entries;
    std::vector<char> names;
    errno = 0;
    while (const struct dirent *e = ::readdir(dir)) {
        const char *n = e->d_name;
        if (n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)))
            continue;
        entries.push_back({uint32_t(names.size()), e->d_type});
        names.insert(names.end(), n, n + std::strlen(n) + 1);
    }
    if (errno != 0) {
        const QString why = errnoText(errno);
        ds.skipped.push_back(SkippedEntry::unreadableFolder(
            absDir, why, QStringLiteral("could not be listed completely: %1").arg(why)));
    }
    const char *const base = names.data();
    std::sort(entries.begin(), entries.end(),
              [base](const Entry &a, const Entry &b) { return std::strcmp(base + a.offset, base + b.offset) < 0; });

    const QString prefix = absDir + QLatin1Char('/');
    std::vector<const Entry *> subdirs;
    for (const Entry &e : entries) {
        const char *n = base + e.offset;
        struct stat st;
        unsigned char type = e.type;
        if (type == DT_UNKNOWN || type == DT_REG || type == DT_LNK) {
            if (::fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) != 0) {
                ds.skipped.push_back(SkippedEntry::unreadableFile(prefix + QString::fromUtf8(n), errnoText(errno)));
                continue;
            }
            type = S_ISREG(st.st_mode) ? DT_REG : S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
        }
        if (type == DT_LNK) {
            if (!w.m_follow && w.m_topOnly)
                continue; // the experiment level reports it
            if (!w.m_follow) {
                ds.skipped.push_back({prefix + QString::fromUtf8(n), QStringLiteral("symbolic link, not followed")});
                continue;
            }
            if (::fstatat(fd, n, &st, 0) != 0) {
                ds.skipped.push_back({prefix + QString::fromUtf8(n), QStringLiteral("broken symbolic link")});
                continue;
            }
            if (S_ISDIR(st.st_mode)) {
                if (std::find(w.m_openFolders.begin(), w.m_openFolders.end(), folderId(st)) != w.m_openFolders.end()) {
                    ds.skipped.push_back({prefix + QString::fromUtf8(n),
                                          QStringLiteral("symbolic link to a folder it is in (a loop), not followed")});
                    continue;
                }
                type = DT_DIR;
            } else if (S_ISREG(st.st_mode)) {
                type = DT_REG;
            } else {
                type = DT_UNKNOWN;
            }
        }
        if (type == DT_DIR) {
            if (!w.m_topOnly)
                subdirs.push_back(&e);
            continue;
        }
        if (type != DT_REG) {
            if (!(w.m_topOnly && n[0] == '.'))
                ds.skipped.push_back({prefix + QString::fromUtf8(n),
                                      QStringLiteral("not a regular file (a device, socket or pipe)")});
            continue;
        }
        QString name;
        const bool utf8 = decodeName(n, &name);
        // Mode bits answer for most files; ask the kernel only when they do not.
        QString denied;
        if (!(st.st_mode & S_IROTH) && ::faccessat(fd, n, R_OK, AT_EACCESS) != 0)
            denied = errnoText(errno);
        w.takeFile(ds, relDir, prefix, n, name, utf8, qint64(st.st_size), mtimeMsecs(st), denied);
    }

    bool ok = true;
    for (const Entry *e : subdirs) {
        const char *n = base + e->offset;
        const QString name = QString::fromUtf8(n);
        const int sub = ::openat(fd, n, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (w.m_follow ? 0 : O_NOFOLLOW));
        if (sub < 0) {
            ds.skipped.push_back(SkippedEntry::unreadableFolder(prefix + name, errnoText(errno)));
            continue;
        }
        struct stat st = {};
        if (::fstat(sub, &st) == 0)
            w.noteMtime(mtimeMsecs(st), false);
        w.m_openFolders.push_back(folderId(st));
        ok = walkDir(w, sub, relDir.isEmpty() ? name : relDir + QLatin1Char('/') + name, prefix + name, ds);
        w.m_openFolders.pop_back();
        if (!ok)
            break;
    }
    ::closedir(dir);
    return ok;
}

} // namespace tardigrade
