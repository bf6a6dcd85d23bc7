#pragma once

#include <QScrollArea>

namespace tardigrade::ui {

// A settings page inside a frameless scroll area, for the dialog's tabs: on
// a small screen (1366x768, or 1280x800 at 200%) the dialog fits and the
// page scrolls, instead of the dialog growing past the screen's edge. The
// field that gets the focus (Tab, or a problem clicked in the list) is
// scrolled into view.
QScrollArea *scrollingPage(QWidget *page);

} // namespace tardigrade::ui
