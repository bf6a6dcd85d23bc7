#pragma once

#include <QStringList>

class QWidget;

namespace tardigrade::ui {

// Widgets whose text changes while the user looks at them (a status bar's
// counts, Pause that becomes Resume) keep one width, that of the widest text
// they will show, so nothing beside them jumps sideways as the text changes.

// For a QLabel or a button: the widest of `texts` (sample texts for counts
// such as "888.8 MB of 888.8 GB"), measured as the widget would show each.
// The widget's own text is left as it was.
void reserveWidthFor(QWidget *widget, const QStringList &texts);

} // namespace tardigrade::ui
