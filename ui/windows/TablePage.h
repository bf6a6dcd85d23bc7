#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLineEdit;

namespace tardigrade::ui {

class EventTableView;
class TableSortFilter;

// One table tab of the main window: a search box (Ctrl+F, as on the Log
// tab) above the table, which shows its model through a TableSortFilter,
// so headers sort and the box filters while the run keeps adding rows.
class TablePage : public QWidget {
    Q_OBJECT
public:
    TablePage(const QString &filterHint, QWidget *parent = nullptr);

    // Configure view() first (columns, stretch), then set the model.
    void setModel(QAbstractItemModel *model);
    void setFilter(const QString &text);

    EventTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    TableSortFilter *proxy() const { return m_proxy; }

private:
    TableSortFilter *m_proxy;
    QLineEdit *m_filter;
    EventTableView *m_view;
};

} // namespace tardigrade::ui
