#include "Md5Hasher.h"

#include "Md5.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace tardigrade {

namespace {
struct Fd {
    int fd = -1;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}
} // namespace

Result<QByteArray> Md5Hasher::hashFile(const QString &path, const Progress &progress,
                                       const std::atomic_bool *cancel) const
{
    const QByteArray native = QFile::encodeName(path);
    Fd f;
    f.fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (f.fd < 0) {
        return Error::permanent(QStringLiteral("Cannot open %1 to compute its checksum (%2): check that the file "
                                               "still exists and is readable.")
                                    .arg(path, errnoText(errno)));
    }
    struct stat st {};
    if (::fstat(f.fd, &st) != 0 || S_ISDIR(st.st_mode))
        return Error::permanent(
            QStringLiteral("Cannot compute the checksum of %1: it is not a regular file.").arg(path));
    const qint64 total = qint64(st.st_size);
    // Tell the kernel to read ahead aggressively; the result is advisory.
    ::posix_fadvise(f.fd, 0, 0, POSIX_FADV_SEQUENTIAL);

    const std::size_t blockSize = std::size_t(m_blockSize > 0 ? m_blockSize : DefaultBlockSize);
    std::unique_ptr<char[]> buffer(new char[blockSize]);
    Md5 md5;
    qint64 done = 0;
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return Error::cancelled();
        const ssize_t n = ::read(f.fd, buffer.get(), blockSize);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Error::permanent(QStringLiteral("Cannot read %1 to compute its checksum (%2): check the disk "
                                                   "and try again.")
                                        .arg(path, errnoText(errno)));
        }
        if (n == 0)
            break;
        md5.update(buffer.get(), std::size_t(n));
        done += n;
        if (progress)
            progress(done, total);
    }
    return md5.finalHex();
}

} // namespace tardigrade
