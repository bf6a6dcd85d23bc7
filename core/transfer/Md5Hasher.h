#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <atomic>
#include <functional>

namespace tardigrade {

class ReadTally;

// MD5 of a whole file, as MyTardis wants it in a datafile record: lowercase
// hex. Reads in large blocks with a sequential-access hint, reports progress
// after every block and stops within one block when `cancel` is set; the
// bytes read go into `reads` when given (the run that hashes).
class Md5Hasher {
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    static constexpr qint64 DefaultBlockSize = qint64(1) << 20; // 1 MiB: fastest measured (see report)

    explicit Md5Hasher(qint64 blockSize = DefaultBlockSize) : m_blockSize(blockSize) {}

    Result<QByteArray> hashFile(const QString &path, const Progress &progress = {},
                                const std::atomic_bool *cancel = nullptr, ReadTally *reads = nullptr) const;

    // What the `fake_md5_sum` setting sends instead of a real digest.
    static QByteArray fakeSum() { return QByteArray(32, '0'); }

private:
    qint64 m_blockSize;
};

} // namespace tardigrade
