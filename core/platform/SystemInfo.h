#pragma once

#include <QString>

namespace tardigrade {

// Facts about this computer for the uploader record (mytardis-api.md
// section 5), spelled the way the original MyData (Python) sent them so the
// server's admin pages read the same.
struct SystemInfo {
    QString hostname;
    QString osPlatform;   // Python's sys.platform: "linux", "darwin", "win32"
    QString osSystem;     // platform.system(): "Linux", "Darwin", "Windows"
    QString osRelease;    // kernel release (uname -r)
    QString osVersion;    // kernel version string (uname -v)
    QString osPrettyName; // "Debian GNU/Linux 12 (bookworm)", for the UI
    QString username;     // the account running Tardigrade
    QString machine;      // uname -m: "x86_64", "arm64"
    QString architecture; // platform.architecture(): "('64bit', 'ELF')"
    QString processor;    // CPU model name, "" when unknown
    qint64 memoryBytes = 0;
    QString memory;            // human, as psutil's bytes2human: "23.5G"
    int cpus = 0;              // logical CPUs
    QString dataPath;          // the data directory asked about
    qint64 diskTotalBytes = 0; // of the volume holding dataPath; 0 when unknown
    qint64 diskFreeBytes = 0;
    QString diskUsage;     // "12.3G used of 100.0G (12%)", "" when unknown
    QString interfaceName; // the default route's interface, e.g. "eth0"
    QString macAddress;    // lower case, colon-separated
    QString ipv4Address;
    QString ipv6Address; // global if there is one, else link-local; no %scope
    QString subnetMask;  // of ipv4Address, dotted

    // Reads everything now. Cheap (no network traffic); call once per run.
    static SystemInfo collect(const QString &dataDirectory);

    // psutil's bytes2human: 1024-based, one decimal, "B K M G T P E".
    static QString humanBytes(qint64 bytes);
    // The interface of the IPv4 default route in /proc/net/route text, ""
    // when there is none (lowest metric wins).
    static QString defaultRouteInterface(const QString &procNetRoute);
};

} // namespace tardigrade
