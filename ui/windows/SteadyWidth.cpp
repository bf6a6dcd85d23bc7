#include "SteadyWidth.h"

#include <QAbstractButton>
#include <QLabel>

namespace tardigrade::ui {

namespace {
// The widget's own size hint for each text: margins, icon and style
// included, which a font measure alone would miss.
template <typename W> int widestHint(W *w, const QStringList &texts)
{
    const QString own = w->text();
    int widest = 0;
    for (const QString &t : texts) {
        w->setText(t);
        widest = qMax(widest, w->sizeHint().width());
    }
    w->setText(own);
    return widest;
}
} // namespace

void reserveWidthFor(QWidget *widget, const QStringList &texts)
{
    int width = 0;
    if (auto *label = qobject_cast<QLabel *>(widget))
        width = widestHint(label, texts);
    else if (auto *button = qobject_cast<QAbstractButton *>(widget))
        width = widestHint(button, texts);
    if (width > 0)
        widget->setFixedWidth(width);
}

} // namespace tardigrade::ui
