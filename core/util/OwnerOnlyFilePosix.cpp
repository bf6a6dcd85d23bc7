#include "OwnerOnlyFile.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tardigrade::OwnerOnlyFile {

namespace {
QString errnoText() { return QString::fromLocal8Bit(std::strerror(errno)); }
} // namespace

Status createExclusive(const QString &path, const QByteArray &data)
{
    const QByteArray native = QFile::encodeName(path);
    const QByteArray tmp = native + ".tmp" + QByteArray::number(qint64(::getpid()));
    ::unlink(tmp.constData());
    const int fd = ::open(tmp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error::internal(QStringLiteral("Cannot write %1 (%2): check that its folder is writable.")
                                   .arg(path, errnoText()));
    const bool written = ::write(fd, data.constData(), size_t(data.size())) == data.size() && ::fsync(fd) == 0;
    ::close(fd);
    // link() fails when the name exists: a key another first run made wins.
    if (!written || ::link(tmp.constData(), native.constData()) != 0) {
        const QString why = errnoText();
        ::unlink(tmp.constData());
        return Error::internal(QStringLiteral("Cannot write %1 (%2): check that its folder is writable.").arg(path, why));
    }
    ::unlink(tmp.constData());
    return {};
}

void restrict(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st {};
    if (::stat(native.constData(), &st) == 0 && (st.st_mode & 077) != 0)
        ::chmod(native.constData(), 0600);
}

} // namespace tardigrade::OwnerOnlyFile
