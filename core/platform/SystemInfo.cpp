#include "SystemInfo.h"

#include <QFile>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QStorageInfo>
#include <QSysInfo>
#include <QThread>
#include <climits>

#include "HostFacts.h"

namespace tardigrade {

namespace {

QString readTextFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(f.readAll());
}

QString cpuModelName()
{
    const QStringList lines = readTextFile(QStringLiteral("/proc/cpuinfo")).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("model name"))) {
            const int colon = line.indexOf(QLatin1Char(':'));
            if (colon > 0)
                return line.mid(colon + 1).trimmed();
        }
    }
    return {};
}

void fillOs(SystemInfo &info)
{
#if defined(Q_OS_MACOS)
    info.osPlatform = QStringLiteral("darwin");
    info.osSystem = QStringLiteral("Darwin");
#elif defined(Q_OS_WIN)
    info.osPlatform = QStringLiteral("win32");
    info.osSystem = QStringLiteral("Windows");
#elif defined(Q_OS_LINUX)
    info.osPlatform = QStringLiteral("linux");
    info.osSystem = QStringLiteral("Linux");
#else
    info.osPlatform = QSysInfo::kernelType();
    info.osSystem = QSysInfo::kernelType();
#endif
    info.osRelease = QSysInfo::kernelVersion();
    info.osPrettyName = QSysInfo::prettyProductName();
    info.machine = QSysInfo::currentCpuArchitecture();
    info.osVersion = QSysInfo::productVersion();
    const HostFacts::Kernel kernel = HostFacts::kernel();
    if (!kernel.release.isEmpty()) {
        info.osRelease = kernel.release;
        info.osVersion = kernel.version;
        info.machine = kernel.machine;
    }
#if defined(Q_OS_WIN)
    const char *linkage = "WindowsPE";
#elif defined(Q_OS_MACOS)
    const char *linkage = "";
#else
    const char *linkage = "ELF";
#endif
    info.architecture = QStringLiteral("('%1bit', '%2')").arg(QSysInfo::WordSize).arg(QString::fromLatin1(linkage));
}

QNetworkInterface defaultInterface()
{
    const QString routed = SystemInfo::defaultRouteInterface(readTextFile(QStringLiteral("/proc/net/route")));
    if (!routed.isEmpty()) {
        const QNetworkInterface iface = QNetworkInterface::interfaceFromName(routed);
        if (iface.isValid())
            return iface;
    }
    // No routing table to read (not Linux) or no default route: the first
    // interface that is up, not loopback, and has an IPv4 address.
    const QList<QNetworkInterface> all = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &iface : all) {
        const auto flags = iface.flags();
        if (!(flags & QNetworkInterface::IsUp) || !(flags & QNetworkInterface::IsRunning) ||
            (flags & QNetworkInterface::IsLoopBack))
            continue;
        const QList<QNetworkAddressEntry> entries = iface.addressEntries();
        for (const QNetworkAddressEntry &e : entries)
            if (e.ip().protocol() == QAbstractSocket::IPv4Protocol)
                return iface;
    }
    return {};
}

void fillNetwork(SystemInfo &info)
{
    const QNetworkInterface iface = defaultInterface();
    if (!iface.isValid())
        return;
    info.interfaceName = iface.name();
    info.macAddress = iface.hardwareAddress().toLower();
    QString linkLocal6;
    const QList<QNetworkAddressEntry> entries = iface.addressEntries();
    for (const QNetworkAddressEntry &e : entries) {
        const QHostAddress ip = e.ip();
        if (ip.protocol() == QAbstractSocket::IPv4Protocol && info.ipv4Address.isEmpty()) {
            info.ipv4Address = ip.toString();
            info.subnetMask = e.netmask().toString();
        } else if (ip.protocol() == QAbstractSocket::IPv6Protocol) {
            QHostAddress bare = ip;
            bare.setScopeId(QString());
            if (ip.isLinkLocal()) {
                if (linkLocal6.isEmpty())
                    linkLocal6 = bare.toString();
            } else if (info.ipv6Address.isEmpty()) {
                info.ipv6Address = bare.toString();
            }
        }
    }
    if (info.ipv6Address.isEmpty())
        info.ipv6Address = linkLocal6;
}

void fillDisk(SystemInfo &info)
{
    if (info.dataPath.isEmpty())
        return;
    const QStorageInfo storage(info.dataPath);
    if (!storage.isValid() || storage.bytesTotal() <= 0)
        return;
    info.diskTotalBytes = storage.bytesTotal();
    info.diskFreeBytes = storage.bytesAvailable();
    const qint64 used = storage.bytesTotal() - storage.bytesFree();
    info.diskUsage = QStringLiteral("%1 used of %2 (%3%)")
                         .arg(SystemInfo::humanBytes(used), SystemInfo::humanBytes(info.diskTotalBytes))
                         .arg(qRound(100.0 * double(used) / double(info.diskTotalBytes)));
}

} // namespace

QString SystemInfo::humanBytes(qint64 bytes)
{
    static const char symbols[] = {'K', 'M', 'G', 'T', 'P', 'E'};
    for (int i = int(sizeof(symbols)) - 1; i >= 0; --i) {
        const double unit = double(qint64(1) << ((i + 1) * 10));
        if (double(bytes) >= unit)
            return QString::number(double(bytes) / unit, 'f', 1) + QLatin1Char(symbols[i]);
    }
    return QString::number(double(bytes), 'f', 1) + QLatin1Char('B');
}

QString SystemInfo::defaultRouteInterface(const QString &procNetRoute)
{
    // Iface Destination Gateway Flags RefCnt Use Metric Mask ...; the
    // default route has destination and mask 00000000.
    QString best;
    long bestMetric = LONG_MAX;
    const QStringList lines = procNetRoute.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QStringList f = line.simplified().split(QLatin1Char(' '));
        if (f.size() < 8 || f.at(0) == QLatin1String("Iface"))
            continue;
        bool ok = false;
        const long metric = f.at(6).toLong(&ok);
        if (f.at(1) == QLatin1String("00000000") && f.at(7) == QLatin1String("00000000") && ok && metric < bestMetric) {
            best = f.at(0);
            bestMetric = metric;
        }
    }
    return best;
}

SystemInfo SystemInfo::collect(const QString &dataDirectory)
{
    SystemInfo info;
    info.hostname = QSysInfo::machineHostName();
    fillOs(info);
    info.username = HostFacts::currentUser();
    info.processor = cpuModelName();
    info.memoryBytes = HostFacts::physicalMemory();
    info.memory = info.memoryBytes > 0 ? humanBytes(info.memoryBytes) : QString();
    info.cpus = QThread::idealThreadCount();
    info.dataPath = dataDirectory;
    fillDisk(info);
    fillNetwork(info);
    return info;
}

} // namespace tardigrade
