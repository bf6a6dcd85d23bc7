#include "FileRules.h"

namespace tardigrade {

FileRules::FileRules(const ScanOptions &o, qint64 nowMsecs)
    : m_useIncludes(o.useIncludes)
    , m_useExcludes(o.useExcludes)
    , m_includes(o.includes)
    , m_excludes(o.excludes)
    , m_ignoreNew(o.ignoreNewFiles)
    , m_newMinutes(o.ignoreNewFilesMinutes)
    , m_newLimitMsecs(nowMsecs - qint64(o.ignoreNewFilesMinutes) * 60 * 1000)
{
}

QString FileRules::skipReason(const char *name, qint64 mtimeMsecs) const
{
    if (m_useIncludes && !m_useExcludes) {
        if (!m_includes.anyMatch(name))
            return QStringLiteral("not matched by the includes file");
    } else if (m_useExcludes && !m_useIncludes) {
        if (m_excludes.anyMatch(name))
            return QStringLiteral("matched by the excludes file");
    } else if (m_useExcludes && m_useIncludes) {
        if (m_excludes.anyMatch(name) && !m_includes.anyMatch(name))
            return QStringLiteral("matched by the excludes file and not by the includes file");
    }
    if (m_ignoreNew && mtimeMsecs >= m_newLimitMsecs)
        return QStringLiteral("modified less than %1 minute(s) ago; it is taken once it has not changed for that long")
            .arg(m_newMinutes);
    return {};
}

} // namespace tardigrade
