#include "TablePage.h"

#include "EventTableView.h"
#include "models/TableSortFilter.h"

#include <QAction>
#include <QLineEdit>
#include <QVBoxLayout>

namespace tardigrade::ui {

TablePage::TablePage(const QString &filterHint, QWidget *parent)
    : QWidget(parent), m_proxy(new TableSortFilter(this)), m_filter(new QLineEdit(this)),
      m_view(new EventTableView(this))
{
    m_filter->setPlaceholderText(filterHint);
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &TablePage::setFilter);
    // Ctrl+F from anywhere in the window (the tab bar has the focus after a
    // tab is clicked): a hidden tab's shortcut does not fire, so only the
    // shown tab's box answers, and never together with the Log tab's.
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WindowShortcut);
    connect(find, &QAction::triggered, m_filter, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    addAction(find);
    // Escape in the box clears it: the quick way back to every row.
    auto *clear = new QAction(m_filter);
    clear->setShortcut(Qt::Key_Escape);
    clear->setShortcutContext(Qt::WidgetShortcut);
    connect(clear, &QAction::triggered, m_filter, &QLineEdit::clear);
    m_filter->addAction(clear);

    m_view->setNoMatchText(tr("No row matches the filter. Clear it (Esc in the box) to see every row."));

    // The same margins as the Log tab, so the boxes line up between tabs.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
}

void TablePage::setModel(QAbstractItemModel *model)
{
    m_proxy->setSourceModel(model);
    m_view->setModel(m_proxy);
}

void TablePage::setFilter(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_proxy->setFilterText(text);
    m_view->viewport()->update(); // the placeholder may change
}

} // namespace tardigrade::ui
