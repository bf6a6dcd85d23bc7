#include "ScreenFit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>
#include <QWindow>

namespace tardigrade::ui {

QMargins typicalFrame()
{
    // Generous for the title bars of Windows, GNOME and KDE (30-37 px at
    // 100%); a window a few pixels short of the screen loses nothing.
    return {4, 36, 4, 4};
}

QRect fitToScreen(const QRect &wanted, const QRect &available, const QMargins &frame)
{
    const QRect room = available.marginsRemoved(frame);
    QRect fitted(wanted.topLeft(), wanted.size().boundedTo(room.size()));
    if (!room.intersects(wanted)) { // saved on a monitor that is gone
        fitted.moveCenter(room.center());
        return fitted;
    }
    fitted.moveLeft(qBound(room.left(), fitted.left(), room.right() - fitted.width() + 1));
    fitted.moveTop(qBound(room.top(), fitted.top(), room.bottom() - fitted.height() + 1));
    return fitted;
}

namespace {
QMargins frameOf(const QWidget *window)
{
    // Once shown, the window manager's own frame; before, a guess.
    if (window->isVisible() && window->windowHandle()) {
        const QMargins real = window->windowHandle()->frameMargins();
        if (!real.isNull())
            return real;
    }
    return typicalFrame();
}
} // namespace

QRect availableFor(const QWidget *window)
{
    // A dialog not placed yet opens over its parent, wherever that is.
    if (!window->testAttribute(Qt::WA_Moved) && window->parentWidget())
        return window->parentWidget()->window()->screen()->availableGeometry();
    const QRect where = window->geometry();
    if (QScreen *s = QGuiApplication::screenAt(where.center()))
        return s->availableGeometry();
    QScreen *best = nullptr;
    qint64 bestArea = 0;
    for (QScreen *s : QGuiApplication::screens()) {
        const QRect overlap = s->availableGeometry().intersected(where);
        const qint64 area = qint64(overlap.width()) * overlap.height();
        if (area > bestArea) {
            best = s;
            bestArea = area;
        }
    }
    if (!best)
        best = QGuiApplication::primaryScreen();
    return best ? best->availableGeometry() : QRect(0, 0, 640, 400); // no screen at all: the smallest we support
}

void resizeToFit(QWidget *window, const QSize &wanted)
{
    const QRect room = availableFor(window).marginsRemoved(frameOf(window));
    window->resize(wanted.boundedTo(room.size()));
}

void moveOntoScreen(QWidget *window)
{
    const QRect fitted = fitToScreen(window->geometry(), availableFor(window), frameOf(window));
    if (fitted != window->geometry())
        window->setGeometry(fitted);
}

} // namespace tardigrade::ui
