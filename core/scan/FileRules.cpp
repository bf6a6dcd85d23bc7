#include "FileRules.h"

#include <fnmatch.h>

namespace tardigrade {

FileRules::FileRules(const ScanOptions &o, qint64 nowMsecs)
    : m_useIncludes(o.useIncludes)
    , m_useExcludes(o.useExcludes)
    , m_ignoreNew(o.ignoreNewFiles)
    , m_newMinutes(o.ignoreNewFilesMinutes)
    , m_newLimitMsecs(nowMsecs - qint64(o.ignoreNewFilesMinutes) * 60 * 1000)
{
    for (const QString &p : o.includes)
        m_includes.push_back(p.toUtf8());
    for (const QString &p : o.excludes)
        m_excludes.push_back(p.toUtf8());
}

bool FileRules::anyMatch(const std::vector<QByteArray> &patterns, const char *name)
{
    for (const QByteArray &p : patterns)
        if (::fnmatch(p.constData(), name, 0) == 0)
            return true;
    return false;
}

QString FileRules::skipReason(const char *name, qint64 mtimeMsecs) const
{
    if (m_useIncludes && !m_useExcludes) {
        if (!anyMatch(m_includes, name))
            return QStringLiteral("not matched by the includes file");
    } else if (m_useExcludes && !m_useIncludes) {
        if (anyMatch(m_excludes, name))
            return QStringLiteral("matched by the excludes file");
    } else if (m_useExcludes && m_useIncludes) {
        if (anyMatch(m_excludes, name) && !anyMatch(m_includes, name))
            return QStringLiteral("matched by the excludes file and not by the includes file");
    }
    if (m_ignoreNew && mtimeMsecs >= m_newLimitMsecs)
        return QStringLiteral("modified less than %1 minute(s) ago; it is taken once it has not changed for that long")
            .arg(m_newMinutes);
    return {};
}

} // namespace tardigrade
