#pragma once

#include <QCollator>
#include <QSortFilterProxyModel>

namespace tardigrade::ui {

// What a tab's table shows of its model: sorted by the clicked column and
// filtered by the search box, both kept while rows keep changing during a
// run (dynamicSortFilter). Numbers sort by their raw value (SortRole), text
// the way a person reads it: case-insensitive, "grid2" before "grid10".
// The filter is a case-insensitive substring over every column's text.
class TableSortFilter : public QSortFilterProxyModel {
public:
    explicit TableSortFilter(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    // The source has rows, but none matches the filter.
    bool hidesEverything() const;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QCollator m_collator;
};

} // namespace tardigrade::ui
