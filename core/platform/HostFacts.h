#pragma once

#include <QString>

namespace tardigrade {

// Facts about this computer for the uploader record (SystemInfo). A
// platform seam: HostFactsPosix.cpp (sysconf, getpwuid, uname) or
// HostFactsPortable.cpp (Windows API and Qt; /proc on the portable Linux build).
namespace HostFacts {
qint64 physicalMemory(); // bytes, 0 when unknown
QString currentUser();   // the account this program runs as
struct Kernel {
    QString release; // empty when unknown: QSysInfo's answer stands
    QString version;
    QString machine;
};
Kernel kernel();
} // namespace HostFacts

} // namespace tardigrade
