#pragma once

#include <QString>
#include <QtGlobal>

namespace tardigrade::ui {

// Starts the tray application on the given settings file, with `fileLevel`
// and above to tardigrade.log (`--loglevel`); returns the exit code.
int runGui(int &argc, char **argv, const QString &configFile, QtMsgType fileLevel = QtInfoMsg);

} // namespace tardigrade::ui
