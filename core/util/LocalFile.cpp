// What both implementations of LocalFile share (LocalFilePosix.cpp and
// LocalFilePortable.cpp hold the rest).
#include "LocalFile.h"

#include "ReadTally.h"

namespace tardigrade {

void LocalFile::countRead(qint64 n)
{
    if (m_reads)
        m_reads->add(n);
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
