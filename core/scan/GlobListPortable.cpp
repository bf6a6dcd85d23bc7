#include "GlobList.h"

namespace tardigrade {

GlobList::GlobList(const QStringList &patterns) : m_count(int(patterns.size()))
{
    for (const QString &p : patterns)
        m_expressions.push_back(QRegularExpression::fromWildcard(p, Qt::CaseSensitive));
}

bool GlobList::anyMatch(const char *utf8Name) const
{
    const QString name = QString::fromUtf8(utf8Name);
    for (const QRegularExpression &e : m_expressions)
        if (e.match(name).hasMatch())
            return true;
    return false;
}

} // namespace tardigrade
