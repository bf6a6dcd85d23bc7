#pragma once

// What the unit tests need from the host that differs between POSIX systems
// and Windows, in one header, so that every unit test compiles on both (the
// Windows and macOS CI jobs build and run them).

#include "scan/NativeName.h"

#include <QDir>
#include <QFileInfo>
#include <QString>

#include <filesystem>
#include <fstream>
#include <system_error>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace testhost {

// A path as std::filesystem takes it (the portable seams' own conversion).
inline std::filesystem::path nativePath(const QString &path) { return tardigrade::NativeName::toPath(path); }

// Whether taking a permission away stops this process reading: not for root,
// and not on Windows, where Qt's permissions are only the read-only flag.
inline bool permissionsStopReading()
{
#ifdef Q_OS_UNIX
    return ::geteuid() != 0;
#else
    return false;
#endif
}

// For its lifetime the whole process (every thread: glibc's seteuid) acts
// as the user "nobody" when it runs as root, so a permission taken away
// stops it reading as it stops an ordinary user; as an ordinary user it
// changes nothing. active() is false where neither holds (Windows, or root
// that may not switch): the caller skips. What "nobody" must read has to be
// readable by others (a QTemporaryDir is 0700: open it up).
class ReadingAsOrdinaryUser {
public:
    ReadingAsOrdinaryUser()
    {
#ifdef Q_OS_UNIX
        if (::geteuid() != 0) {
            m_active = true;
            return;
        }
#ifdef Q_OS_LINUX
        // The real ids too: access() (QFileInfo::isReadable, which the
        // portable walker asks) checks those. Root stays the saved id, so
        // the way back is open.
        m_switched = ::setresgid(65534, 65534, 0) == 0 && ::setresuid(65534, 65534, 0) == 0;
        if (!m_switched)
            (void)::setresgid(0, 0, 0);
#else
        m_switched = ::setegid(65534) == 0 && ::seteuid(65534) == 0;
        if (!m_switched)
            (void)::setegid(0);
#endif
        m_active = m_switched;
#endif
    }
    ~ReadingAsOrdinaryUser()
    {
#ifdef Q_OS_UNIX
        if (m_switched) {
#ifdef Q_OS_LINUX
            (void)::setresuid(0, 0, 0);
            (void)::setresgid(0, 0, 0);
#else
            (void)::seteuid(0);
            (void)::setegid(0);
#endif
        }
#endif
    }
    ReadingAsOrdinaryUser(const ReadingAsOrdinaryUser &) = delete;
    ReadingAsOrdinaryUser &operator=(const ReadingAsOrdinaryUser &) = delete;
    bool active() const { return m_active; }

private:
    bool m_active = false;
    bool m_switched = false;
};

// A symbolic link at `link` to `target` (a folder link when the target is a
// folder). False where the host does not let this user make one (Windows
// without Developer Mode); QFile::link would make a .lnk shortcut there.
inline bool makeSymlink(const QString &target, const QString &link)
{
    std::error_code ec;
    if (QFileInfo(target).isDir())
        std::filesystem::create_directory_symlink(nativePath(target), nativePath(link), ec);
    else
        std::filesystem::create_symlink(nativePath(target), nativePath(link), ec);
    return !ec;
}

// Whether this user may make symbolic links: always on POSIX systems; on
// Windows only with Developer Mode or as an administrator.
inline bool symlinksAllowed()
{
#ifdef Q_OS_WIN
    const QString probe = QDir::temp().filePath(QStringLiteral("tardigrade-symlink-probe"));
    std::error_code ec;
    std::filesystem::remove(nativePath(probe), ec);
    const bool made = makeSymlink(QDir::tempPath(), probe);
    std::filesystem::remove(nativePath(probe), ec);
    return made;
#else
    return true;
#endif
}

// Makes `folder`/bad….bin, a file whose name is not valid Unicode (Linux:
// the bytes ff fe; Windows: a lone UTF-16 surrogate). Qt cannot name it, so
// the caller removes it with std::filesystem::remove(returned path).
inline std::filesystem::path createBadlyNamedFile(const QString &folder)
{
#ifdef Q_OS_WIN
    const std::filesystem::path path = nativePath(folder) / std::wstring(L"bad\xD800.bin");
#else
    const std::filesystem::path path = nativePath(folder) / std::string("bad\xff\xfe.bin");
#endif
    std::ofstream(path).put('x');
    return std::filesystem::exists(path) ? path : std::filesystem::path();
}

} // namespace testhost
