#pragma once

#include <QString>

class QWidget;

namespace tardigrade::ui {

// "Quit Tardigrade?" while something would be cut short: an upload
// (`uploading`) and/or Cleanup deleting files (`cleanupSoFar`: what it has
// deleted so far; empty when it is not deleting). True when the user chose
// Quit; "Keep …" is the default, so Enter never stops an upload.
bool askToQuit(QWidget *parent, bool uploading, const QString &cleanupSoFar);

} // namespace tardigrade::ui
