#pragma once

#include <QStyledItemDelegate>

namespace tardigrade::ui {

// Draws a log line whole: wrapped to the view's width (inside a long path
// too, which has no spaces to break at), never cut with "…". Every line
// keeps room for an icon, so the times stay in one column whether or not a
// line has a warning or error sign.
class LogLineDelegate : public QStyledItemDelegate {
public:
    explicit LogLineDelegate(QObject *parent = nullptr) : QStyledItemDelegate(parent) {}

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Where the text goes within an item's rectangle.
    static QRect textRect(const QStyleOptionViewItem &option);
    // The height `text` needs when wrapped at `width`.
    static int wrappedHeight(const QString &text, const QFont &font, int width);
};

} // namespace tardigrade::ui
