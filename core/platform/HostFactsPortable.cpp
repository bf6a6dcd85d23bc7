#include "HostFacts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>

#include <iterator>

#ifdef Q_OS_WIN
#include <windows.h>
#endif

namespace tardigrade::HostFacts {

qint64 physicalMemory()
{
#ifdef Q_OS_WIN
    MEMORYSTATUSEX status;
    status.dwLength = sizeof(status);
    if (GlobalMemoryStatusEx(&status))
        return qint64(status.ullTotalPhys);
    return 0;
#else
    // "MemTotal:       16318772 kB" where there is a /proc (the portable Linux build).
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (!meminfo.open(QIODevice::ReadOnly | QIODevice::Text))
        return 0;
    // readAll(), not atEnd()/readLine(): a /proc file says its size is 0.
    const QList<QByteArray> lines = meminfo.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("MemTotal:"))
            return line.mid(9).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return 0;
#endif
}

QString currentUser()
{
#ifdef Q_OS_WIN
    wchar_t name[257]; // UNLEN + 1
    DWORD size = DWORD(std::size(name));
    if (GetUserNameW(name, &size))
        return QString::fromWCharArray(name, int(size) - 1);
#endif
    // The environment, where the account has no other portable answer (a
    // service or cron job may have none of these; the home folder's name is
    // the account's name on every desktop system).
    for (const char *variable : {"USERNAME", "USER", "LOGNAME"}) {
        const QString user = qEnvironmentVariable(variable);
        if (!user.isEmpty())
            return user;
    }
    return QFileInfo(QDir::homePath()).fileName();
}

Kernel kernel()
{
    return {QSysInfo::kernelVersion(), QSysInfo::productVersion(), QSysInfo::currentCpuArchitecture()};
}

} // namespace tardigrade::HostFacts
