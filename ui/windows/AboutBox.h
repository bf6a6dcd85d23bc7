#pragma once

class QWidget;

namespace tardigrade::ui {

// The About box: name, version, what it does, licence.
void showAboutBox(QWidget *parent);

} // namespace tardigrade::ui
