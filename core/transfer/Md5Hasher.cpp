#include "Md5Hasher.h"

#include "Md5.h"
#include "util/LocalFile.h"

#include <memory>

namespace tardigrade {

Result<QByteArray> Md5Hasher::hashFile(const QString &path, const Progress &progress,
                                       const std::atomic_bool *cancel, ReadTally *reads) const
{
    LocalFile::Failure failure = LocalFile::Failure::None;
    QString why;
    const std::unique_ptr<LocalFile> file = LocalFile::open(path, &failure, &why, reads);
    if (!file) {
        if (failure == LocalFile::Failure::NotAFile)
            return Error::permanent(
                QStringLiteral("Cannot compute the checksum of %1: it is not a regular file.").arg(path));
        if (failure == LocalFile::Failure::Busy) // another program writes it: it is still changing
            return Error::transient(QStringLiteral("%1 is open in another program; its checksum is computed once "
                                                   "it is free.")
                                        .arg(path));
        return Error::permanent(QStringLiteral("Cannot open %1 to compute its checksum (%2): check that the file "
                                               "still exists and is readable.")
                                    .arg(path, why));
    }
    const qint64 total = file->size();
    const qint64 blockSize = m_blockSize > 0 ? m_blockSize : DefaultBlockSize;
    std::unique_ptr<char[]> buffer(new char[std::size_t(blockSize)]);
    Md5 md5;
    qint64 done = 0;
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return Error::cancelled();
        const qint64 n = file->read(buffer.get(), blockSize);
        if (n < 0)
            return Error::permanent(QStringLiteral("Cannot read %1 to compute its checksum (%2): check the disk "
                                                   "and try again.")
                                        .arg(path, file->errorString()));
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
