#include "FolderNameFilter.h"

namespace tardigrade {

FolderNameFilter::FolderNameFilter(const QString &filter)
    : m_empty(filter.trimmed().isEmpty())
{
    if (!m_empty)
        m_re = QRegularExpression::fromWildcard(QString(QLatin1Char('*') + filter.trimmed() + QLatin1Char('*')),
                                                Qt::CaseInsensitive);
}

bool FolderNameFilter::matches(const QString &folderName) const
{
    if (m_empty)
        return true;
    return m_re.match(folderName.trimmed()).hasMatch();
}

} // namespace tardigrade
