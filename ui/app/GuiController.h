#pragma once

#include "settings/Settings.h"
#include "sync/StagingAccess.h"

#include <QObject>
#include <QWidget>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>

namespace tardigrade {
class UpdateCheck;
}

namespace tardigrade::ui {

class AppActions;
class CleanupWindow;
class EngineHost;
class GuiLog;
class MainWindow;
class RunModels;
class RunStatus;
class SettingsDialog;
class SettingsPushJob;
class StagingApproval;
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
    StagingApproval *stagingApproval() const { return m_staging; }
    UpdateCheck *updateCheck() const { return m_updates; }
    SettingsDialog *settingsDialog() const;
    TestRunWindow *testRunWindow() const;

    void openSettings();
    // A second start of the tray app (given `settingsFile`): this one shows
    // its window, and says so when the other start wanted other settings.
    void anotherStartAsked(const QString &settingsFile);
    // Sends the saved settings to the server after each save (made on first use).
    SettingsPushJob *settingsPush();
    void startTestRun();
    void openMyTardis();
    void openCleanup(); // the Cleanup view (one, raised when open)
    CleanupWindow *cleanupWindow() const;
    // Ends the app every time (a hidden window's close event cannot veto
    // it), after asking while an upload runs or Cleanup deletes. False when
    // the user kept it.
    bool quit();
    // Help: the user guide in the browser; the support file saved in the
    // user's documents and its folder opened. Returns the file (empty when
    // it could not be written).
    void openDocumentation();
    // The dataset's page on the MyTardis server, in the browser.
    void openDataset(qint64 datasetId);
    QString reportProblem();

    // How a web address is opened (QDesktopServices by default); false when
    // no browser took it. Tests put a stand-in here.
    using UrlOpener = std::function<bool(const QUrl &)>;
    void setUrlOpener(UrlOpener opener) { m_openUrl = std::move(opener); }

private:
    void connectActions();
    TestRunWindow *ensureTestRunWindow();
    // The data directory and the configured state, from the settings file.
    void followSettings();
    // The browser or file manager for `url` (the test opener when set);
    // false when none took it.
    bool openUrl(const QUrl &url) const;
    QWidget *dialogParent() const;
    // Opens the address, or says no browser took it and offers to copy it.
    void openInBrowser(const QUrl &address, const QString &title);
    void restoreLastRun();
    void restoreRunHistory();
    void followUpdateCheck(const Settings &settings);
    Settings readSettingsQuickly() const;

    QString m_configFile;
    EngineHost *m_host;
    RunStatus *m_status;
    RunModels *m_models;
    AppActions *m_actions;
    MainWindow *m_window;
    TrayIcon *m_tray = nullptr;
    StagingApproval *m_staging = nullptr;
    QPointer<SettingsDialog> m_settings;
    SettingsPushJob *m_settingsPush = nullptr;
    QPointer<TestRunWindow> m_testRun;
    QPointer<CleanupWindow> m_cleanup;
    UrlOpener m_openUrl;
    GuiLog *m_log = nullptr;
    UpdateCheck *m_updates = nullptr;
    bool m_started = false; // start() has run
    StagingAccess m_restoredStaging; // from last_run.json, for the banner
};

} // namespace tardigrade::ui
