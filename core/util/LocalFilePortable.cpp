// LocalFile through QFile: Windows, and the portable build on Linux. On
// Windows a file the acquisition software still holds open without sharing
// is "busy" (a sharing violation), which callers treat as "still changing".
#include "LocalFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_WIN
#include <optional>
#include <windows.h>
#endif

namespace tardigrade {

#ifdef Q_OS_WIN
namespace {
// QFile says only "cannot open", in the system's language. Asking Windows
// again, with the share mode QFile uses, gives the reason as a code: a
// sharing or lock violation means the acquisition software still holds the
// file (try later), whatever language the message would have been in.
std::optional<LocalFile::Failure> whyWindowsRefuses(const QString &path)
{
    const std::wstring native = QDir::toNativeSeparators(path).toStdWString();
    const HANDLE h = CreateFileW(native.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                                 OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h != INVALID_HANDLE_VALUE) { // free again already
        CloseHandle(h);
        return std::nullopt;
    }
    switch (GetLastError()) {
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
        return LocalFile::Failure::Busy;
    case ERROR_ACCESS_DENIED:
        return LocalFile::Failure::Denied;
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
        return LocalFile::Failure::Missing;
    default:
        return std::nullopt;
    }
}
} // namespace
#endif

struct LocalFile::Handle {
    QFile file;
};

LocalFile::~LocalFile() = default;

std::unique_ptr<LocalFile> LocalFile::open(const QString &path, Failure *failure, QString *why, ReadTally *reads)
{
    const auto fail = [&](Failure f, const QString &text) { return refused(f, text, failure, why); };
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink())
        return fail(Failure::Missing, QStringLiteral("no such file"));
    if (!info.isFile())
        return fail(Failure::NotAFile, QStringLiteral("not a regular file"));
    auto handle = std::make_unique<Handle>();
    handle->file.setFileName(path);
    if (!handle->file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        Failure kind = Failure::Other;
        if (handle->file.error() == QFileDevice::PermissionsError)
            kind = Failure::Denied;
#ifdef Q_OS_WIN
        if (const auto windows = whyWindowsRefuses(path))
            kind = *windows;
#endif
        return fail(kind, handle->file.errorString());
    }
    std::unique_ptr<LocalFile> file(new LocalFile);
    file->m_reads = reads;
    file->m_size = handle->file.size();
    file->m_handle = std::move(handle);
    if (failure)
        *failure = Failure::None;
    return file;
}

qint64 LocalFile::read(char *buffer, qint64 n)
{
    const qint64 got = m_handle->file.read(buffer, n);
    if (got < 0)
        m_error = m_handle->file.errorString();
    countRead(got);
    return got;
}

bool LocalFile::readFullyAt(qint64 offset, char *buffer, qint64 n)
{
    // Offset reads are the rare ones (a resume check): seek, read, and go
    // back to where the sequential reading was.
    QFile &f = m_handle->file;
    const qint64 position = f.pos();
    bool ok = f.seek(offset);
    while (ok && n > 0) {
        const qint64 got = f.read(buffer, n);
        ok = got > 0;
        countRead(got);
        buffer += got;
        n -= got;
    }
    if (!ok)
        m_error = f.error() != QFileDevice::NoError ? f.errorString() : QStringLiteral("the file is shorter than expected");
    f.seek(position);
    return ok;
}

// Qt has no page-cache advice; Windows keeps a file's pages on its standby
// list, which gives way to any program's working set anyway.
void LocalFile::doneWith(qint64, qint64) {}

} // namespace tardigrade
