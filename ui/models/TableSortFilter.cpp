#include "TableSortFilter.h"

#include "KeyedTableModel.h"

namespace tardigrade::ui {

TableSortFilter::TableSortFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1); // every column
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    m_collator.setNumericMode(true);
}

void TableSortFilter::setFilterText(const QString &text)
{
    setFilterFixedString(text.trimmed());
}

bool TableSortFilter::hidesEverything() const
{
    return rowCount() == 0 && sourceModel() && sourceModel()->rowCount() > 0;
}

bool TableSortFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(SortRole);
    const QVariant b = right.data(SortRole);
    if (a.isValid() && b.isValid())
        return QVariant::compare(a, b) == QPartialOrdering::Less;
    return m_collator.compare(left.data().toString(), right.data().toString()) < 0;
}

} // namespace tardigrade::ui
