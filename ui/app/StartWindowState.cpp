#include "StartWindowState.h"

#include "settings/Settings.h"
#include "windows/MainWindow.h"

namespace tardigrade::ui {

QList<StartWindowState> startWindowStates()
{
    return {StartWindowState::Minimized, StartWindowState::Normal, StartWindowState::Maximized};
}

QString startWindowStateValue(StartWindowState state)
{
    switch (state) {
    case StartWindowState::Normal:
        return QStringLiteral("Normal");
    case StartWindowState::Maximized:
        return QStringLiteral("Maximized");
    case StartWindowState::Minimized:
        break;
    }
    return QStringLiteral("Minimized");
}

StartWindowState startWindowStateOf(const Settings &settings)
{
    const QString value = settings.value(SettingKey::StartWindowState).trimmed();
    for (StartWindowState s : startWindowStates())
        if (value.compare(startWindowStateValue(s), Qt::CaseInsensitive) == 0)
            return s;
    return StartWindowState::Minimized;
}

void applyStartWindowState(MainWindow *window, StartWindowState state, bool trayIcon)
{
    switch (state) {
    case StartWindowState::Minimized:
        if (trayIcon)
            return; // the tray icon is the app until it is clicked
        window->present();
        return;
    case StartWindowState::Maximized:
        window->setWindowState(window->windowState() | Qt::WindowMaximized);
        window->present();
        return;
    case StartWindowState::Normal:
        window->present();
        return;
    }
}

} // namespace tardigrade::ui
