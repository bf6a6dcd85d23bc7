#include "LogLineDelegate.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>
#include <QTextLayout>
#include <QTextOption>
#include <cmath>

namespace tardigrade::ui {

namespace {

constexpr int kMargin = 3;

QTextOption wrapping()
{
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    return option;
}

int iconSide(const QStyleOptionViewItem &option)
{
    const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    return style->pixelMetric(QStyle::PM_SmallIconSize, nullptr, option.widget);
}

// The width lines are wrapped at: the view's, not the option's, which a
// list view leaves unset when it asks for an item's size.
int viewWidth(const QStyleOptionViewItem &option)
{
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        return view->viewport()->width();
    return option.rect.width();
}

} // namespace

int LogLineDelegate::wrappedHeight(const QString &text, const QFont &font, int width)
{
    QTextLayout layout(text, font);
    layout.setTextOption(wrapping());
    layout.beginLayout();
    qreal height = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(qMax(1, width));
        height += line.height();
    }
    layout.endLayout();
    return int(std::ceil(height));
}

QRect LogLineDelegate::textRect(const QStyleOptionViewItem &option)
{
    const int left = kMargin + iconSide(option) + kMargin;
    return option.rect.adjusted(left, kMargin / 2, -kMargin, -kMargin / 2);
}

QSize LogLineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.rect = QRect(0, 0, viewWidth(option), 1);
    const int textWidth = textRect(opt).width();
    const int height = qMax(wrappedHeight(opt.text, opt.font, textWidth), iconSide(opt)) + 2 * (kMargin / 2);
    return {opt.rect.width(), height};
}

void LogLineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    const QIcon icon = opt.icon;
    // The style draws the background, selection and focus; the icon and
    // the wrapped text are drawn here, where their places are known.
    opt.text.clear();
    opt.icon = QIcon();
    opt.features &= ~(QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration);
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const int side = iconSide(opt);
    const QRect textArea = textRect(opt);
    const int firstLine = QFontMetrics(opt.font).height();
    if (!icon.isNull())
        icon.paint(painter, QRect(opt.rect.left() + kMargin, textArea.top() + (firstLine - side) / 2, side, side));
    const bool selected = opt.state & QStyle::State_Selected;
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(textArea, text, wrapping());
    painter->restore();
}

} // namespace tardigrade::ui
