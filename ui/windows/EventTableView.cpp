#include "EventTableView.h"

#include <QAbstractProxyModel>
#include <QHeaderView>
#include <QPainter>
#include <QScrollBar>

namespace tardigrade::ui {

EventTableView::EventTableView(QWidget *parent) : QTableView(parent)
{
    setEditTriggers(NoEditTriggers);
    setSelectionBehavior(SelectRows);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle); // paths: keep both the top folder and the file name
    setShowGrid(false);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    horizontalHeader()->setHighlightSections(false);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this](int value) { m_follow = value >= verticalScrollBar()->maximum(); });
}

void EventTableView::setColumnChars(const QVector<int> &chars)
{
    m_chars = chars;
    const int unit = fontMetrics().averageCharWidth();
    for (int i = 0; i < chars.size(); ++i)
        setColumnWidth(i, chars.at(i) * unit + 16);
}

void EventTableView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow)
            scrollToBottom();
    });
    setColumnChars(m_chars);
    // Unsorted until a header is clicked: the rows in the order the run
    // met them, the newest at the bottom.
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    horizontalHeader()->setSortIndicatorClearable(true);
    setSortingEnabled(true);
    if (m_stretch >= 0) {
        horizontalHeader()->setStretchLastSection(false);
        horizontalHeader()->setSectionResizeMode(m_stretch, QHeaderView::Stretch);
    }
}

void EventTableView::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);
    if (!model() || model()->rowCount() > 0)
        return;
    // Empty because of the filter, not because the run has not started.
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model());
    const bool filtered = proxy && proxy->sourceModel() && proxy->sourceModel()->rowCount() > 0;
    const QString &text = filtered ? m_noMatch : m_placeholder;
    if (text.isEmpty())
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, text);
}

} // namespace tardigrade::ui
