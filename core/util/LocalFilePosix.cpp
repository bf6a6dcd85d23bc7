// LocalFile on POSIX: one descriptor, pread for offsets, and the kernel told
// that the file is read sequentially (larger read-ahead).
#include "LocalFile.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tardigrade {

struct LocalFile::Handle {
    int fd = -1;
    ~Handle()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

namespace {
QString errnoText(int err) { return QString::fromLocal8Bit(std::strerror(err)); }
} // namespace

LocalFile::~LocalFile() = default;

std::unique_ptr<LocalFile> LocalFile::open(const QString &path, Failure *failure, QString *why, ReadTally *reads)
{
    const auto fail = [&](Failure f, const QString &text) { return refused(f, text, failure, why); };
    auto handle = std::make_unique<Handle>();
    handle->fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (handle->fd < 0) {
        const int err = errno;
        return fail(err == ENOENT ? Failure::Missing : err == EACCES || err == EPERM ? Failure::Denied : Failure::Other,
                    errnoText(err));
    }
    struct stat st {};
    if (::fstat(handle->fd, &st) != 0)
        return fail(Failure::Other, errnoText(errno));
    if (!S_ISREG(st.st_mode))
        return fail(Failure::NotAFile, QStringLiteral("not a regular file"));
#ifdef POSIX_FADV_SEQUENTIAL // Linux and the BSDs; macOS reads ahead by itself
    ::posix_fadvise(handle->fd, 0, 0, POSIX_FADV_SEQUENTIAL); // advisory
#endif
    std::unique_ptr<LocalFile> file(new LocalFile);
    file->m_reads = reads;
    file->m_handle = std::move(handle);
    file->m_size = qint64(st.st_size);
    if (failure)
        *failure = Failure::None;
    return file;
}

qint64 LocalFile::read(char *buffer, qint64 n)
{
    for (;;) {
        const ssize_t got = ::read(m_handle->fd, buffer, size_t(n));
        if (got >= 0) {
            countRead(qint64(got));
            return qint64(got);
        }
        if (errno != EINTR) {
            m_error = errnoText(errno);
            return -1;
        }
    }
}

bool LocalFile::readFullyAt(qint64 offset, char *buffer, qint64 n)
{
    while (n > 0) {
        const ssize_t got = ::pread(m_handle->fd, buffer, size_t(n), off_t(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            m_error = got < 0 ? errnoText(errno) : QStringLiteral("the file is shorter than expected");
            return false;
        }
        countRead(qint64(got));
        buffer += got;
        offset += got;
        n -= got;
    }
    return true;
}

void LocalFile::doneWith(qint64 offset, qint64 n)
{
#ifdef POSIX_FADV_DONTNEED // macOS has no posix_fadvise: its cache ages out on its own
    if (n > 0)
        ::posix_fadvise(m_handle->fd, off_t(offset), off_t(n), POSIX_FADV_DONTNEED); // advisory
#else
    (void)offset;
    (void)n;
#endif
}

} // namespace tardigrade
