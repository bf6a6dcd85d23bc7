#include "ScrollingPage.h"

#include <QApplication>
#include <QScrollArea>

namespace tardigrade::ui {

QScrollArea *scrollingPage(QWidget *page)
{
    auto *area = new QScrollArea(page->parentWidget());
    area->setFrameShape(QFrame::NoFrame);
    area->setWidgetResizable(true); // the page takes the width; it scrolls only when too small
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    area->setWidget(page);
    // The tab's own background shows through, as it did without the area.
    area->viewport()->setAutoFillBackground(false);
    page->setAutoFillBackground(false);
    // QScrollArea follows the focus only for Tab; a field focused from code
    // (SettingsDialog jumping to a problem) would stay out of sight.
    QObject::connect(qApp, &QApplication::focusChanged, area, [area](QWidget *, QWidget *now) {
        if (now && area->widget() && area->widget()->isAncestorOf(now))
            area->ensureWidgetVisible(now);
    });
    return area;
}

} // namespace tardigrade::ui
