#pragma once

#include <QString>

namespace tardigrade::ui {

// Starts the tray application on the given settings file; returns the exit code.
int runGui(int &argc, char **argv, const QString &configFile);

} // namespace tardigrade::ui
