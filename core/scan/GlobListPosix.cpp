#include "GlobList.h"

#include <fnmatch.h>

namespace tardigrade {

GlobList::GlobList(const QStringList &patterns) : m_count(int(patterns.size()))
{
    for (const QString &p : patterns)
        m_patterns.push_back(p.toUtf8());
}

bool GlobList::anyMatch(const char *utf8Name) const
{
    for (const QByteArray &p : m_patterns)
        if (::fnmatch(p.constData(), utf8Name, 0) == 0)
            return true;
    return false;
}

} // namespace tardigrade
