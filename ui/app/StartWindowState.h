#pragma once

#include <QString>
#include <QStringList>

namespace tardigrade {
class Settings;
}

namespace tardigrade::ui {

class MainWindow;

// start_window_state (MyData 0.9's "On start"): how the tray app shows its
// window when it starts. Minimized, the default, is what the tray app has
// always done: only the tray icon, the window opened from it.
enum class StartWindowState { Normal, Minimized, Maximized };

StartWindowState startWindowStateOf(const Settings &settings);
// The value as MyData.cfg spells it; the values in the order the settings
// dialog offers them.
QString startWindowStateValue(StartWindowState state);
QList<StartWindowState> startWindowStates();

// Shows the window as `state` says. `trayIcon`: there is one to open the
// window from; without one (a desktop with no tray) the window is always
// shown, as only it can reach the app.
void applyStartWindowState(MainWindow *window, StartWindowState state, bool trayIcon);

} // namespace tardigrade::ui
