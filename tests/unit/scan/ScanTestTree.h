#pragma once

// Builds small trees on disk for the scanner tests, with chosen mtimes.

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QString>

#ifdef Q_OS_UNIX
#include <sys/time.h> // lutimes: a link's own time
#else
#include "TestHost.h"

#include <chrono>
#include <filesystem>
#endif

namespace scantest {

// A fixed "now" for the FakeClock; every file is dated relative to it.
inline QDateTime baseTime() { return QDateTime(QDate(2026, 3, 15), QTime(12, 0), Qt::UTC); }

inline bool setMtime(const QString &path, const QDateTime &t)
{
    const qint64 ms = t.toMSecsSinceEpoch();
#ifdef Q_OS_UNIX
    struct timeval tv[2];
    tv[0].tv_sec = tv[1].tv_sec = time_t(ms / 1000);
    tv[0].tv_usec = tv[1].tv_usec = suseconds_t((ms % 1000) * 1000);
    return ::lutimes(QFile::encodeName(path).constData(), tv) == 0;
#else
    // Files and folders alike (QFile::setFileTime cannot open a folder);
    // within the conversion's microseconds, far below what the tests compare.
    namespace fs = std::filesystem;
    using namespace std::chrono;
    const auto fromNow = milliseconds(ms) - duration_cast<milliseconds>(system_clock::now().time_since_epoch());
    std::error_code ec;
    fs::last_write_time(testhost::nativePath(path),
                        fs::file_time_type::clock::now() + duration_cast<fs::file_time_type::duration>(fromNow), ec);
    return !ec;
#endif
}

// Writes root/rel (making folders), `size` bytes.
inline bool writeFile(const QString &root, const QString &rel, int size = 3)
{
    const QString path = root + QLatin1Char('/') + rel;
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    return f.write(QByteArray(size, 'x')) == size;
}

// Dates every file and folder below `dir` (and `dir` itself), deepest first,
// so making a file does not bump its folder afterwards.
inline void setTreeMtime(const QString &dir, const QDateTime &t)
{
    QStringList paths;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        paths << it.next();
    std::sort(paths.begin(), paths.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &p : paths)
        setMtime(p, t);
    setMtime(dir, t);
}

} // namespace scantest
