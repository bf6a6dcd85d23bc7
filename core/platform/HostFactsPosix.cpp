#include "HostFacts.h"

#include <pwd.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace tardigrade::HostFacts {

qint64 physicalMemory()
{
#ifdef _SC_PHYS_PAGES
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages > 0 && pageSize > 0)
        return qint64(pages) * qint64(pageSize);
#endif
    return 0;
}

QString currentUser()
{
    if (const passwd *pw = getpwuid(geteuid()))
        return QString::fromLocal8Bit(pw->pw_name);
    return qEnvironmentVariable("USER");
}

Kernel kernel()
{
    utsname u{};
    if (uname(&u) != 0)
        return {};
    return {QString::fromLocal8Bit(u.release), QString::fromLocal8Bit(u.version), QString::fromLocal8Bit(u.machine)};
}

} // namespace tardigrade::HostFacts
