// What both implementations of LocalFile share (LocalFilePosix.cpp and
// LocalFilePortable.cpp hold the rest).
#include "LocalFile.h"

#include <atomic>

namespace tardigrade {

namespace {
std::atomic<qint64> g_bytesRead{0};
} // namespace

qint64 LocalFile::bytesReadSoFar()
{
    return g_bytesRead.load(std::memory_order_relaxed);
}

void LocalFile::countRead(qint64 n)
{
    if (n > 0)
        g_bytesRead.fetch_add(n, std::memory_order_relaxed);
}

std::unique_ptr<LocalFile> LocalFile::refused(Failure kind, const QString &text, Failure *failure, QString *why)
{
    if (failure)
        *failure = kind;
    if (why)
        *why = text;
    return nullptr;
}

} // namespace tardigrade
