#pragma once

#include <QMargins>
#include <QRect>

class QScreen;
class QWidget;

namespace tardigrade::ui {

// Windows open wholly on a screen, however small: a laptop at 1366x768, or
// 1280x800 at 200% (640x400 to Qt). A saved size from a bigger monitor, or a
// default size chosen on a desktop, is shrunk; a saved position on a monitor
// that is gone is given up for the middle of the screen.

// What the window manager adds around the client area, guessed before the
// window has a frame: a title bar and thin borders.
QMargins typicalFrame();

// `wanted` (a client area, frame outside it) made no larger than
// `available` and moved wholly onto it; centred when none of it was on it.
QRect fitToScreen(const QRect &wanted, const QRect &available, const QMargins &frame = typicalFrame());

// The usable part of the screen a top-level window is on (or opens on):
// its parent's while it has not been placed, else the one under its
// middle, else the one it overlaps most, else the primary screen.
QRect availableFor(const QWidget *window);

// Resizes `window` to `wanted`, or less if its screen is smaller; its
// position is left to the window manager.
void resizeToFit(QWidget *window, const QSize &wanted);

// Keeps `window` where it is (e.g. after restoreGeometry) but shrinks and
// moves it onto its screen, centring it when it is on none.
void moveOntoScreen(QWidget *window);

} // namespace tardigrade::ui
