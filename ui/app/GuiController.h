#pragma once

#include "settings/Settings.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace tardigrade::ui {

class AppActions;
class EngineHost;
class MainWindow;
class RunModels;
class RunStatus;
class SettingsDialog;
class TestRunWindow;
class TrayIcon;

// Wires the application together: the engine on its thread, the status
// and the models observing it, the shared actions, the tray icon (or, where
// there is no system tray, the main window), the settings dialog and the
// Test Run window. Owns them all.
class GuiController : public QObject {
    Q_OBJECT
public:
    explicit GuiController(const QString &configFile, QObject *parent = nullptr);
    ~GuiController() override;

    // Shows the tray icon, or the main window when there is no tray.
    void start();

    EngineHost *engineHost() const { return m_host; }
    RunStatus *status() const { return m_status; }
    RunModels *models() const { return m_models; }
    AppActions *actions() const { return m_actions; }
    MainWindow *mainWindow() const { return m_window; }
    TrayIcon *trayIcon() const { return m_tray; }
    SettingsDialog *settingsDialog() const;
    TestRunWindow *testRunWindow() const;

    void openSettings();
    void startTestRun();
    void openMyTardis();

private:
    void connectActions();
    TestRunWindow *ensureTestRunWindow();
    Settings readSettingsQuickly() const;

    QString m_configFile;
    EngineHost *m_host;
    RunStatus *m_status;
    RunModels *m_models;
    AppActions *m_actions;
    MainWindow *m_window;
    TrayIcon *m_tray = nullptr;
    QPointer<SettingsDialog> m_settings;
    QPointer<TestRunWindow> m_testRun;
};

} // namespace tardigrade::ui
