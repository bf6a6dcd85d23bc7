#pragma once

#include <QMainWindow>

class QTabWidget;

namespace tardigrade::ui {

class AppActions;
class EventTableView;
class FolderActions;
class LogPage;
class RunModels;
class RunStatus;
class RunStatusBar;
class StagingBanner;
class TablePage;

// The window behind the tray icon: toolbar of the shared actions, one tab
// per table (Folders, Users, Uploads, Verifications, Log) and the run's
// status bar. It only shows; the controller wires actions to the engine.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Tab { FoldersTab, UsersTab, UploadsTab, VerificationsTab, LogTab };

    MainWindow(AppActions *actions, RunModels *models, const RunStatus &status, QWidget *parent = nullptr);
    ~MainWindow() override;

    // With a tray icon, closing only hides the window; without one it quits.
    void setCloseHides(bool hides) { m_closeHides = hides; }

    void showTab(Tab tab);
    QTabWidget *tabs() const { return m_tabs; }
    RunStatusBar *runStatusBar() const { return m_statusBar; }
    StagingBanner *stagingBanner() const { return m_stagingBanner; }
    FolderActions *folderActions() const { return m_folderActions; }
    LogPage *logPage() const { return m_logPage; }
    EventTableView *table(Tab tab) const;
    // The table's tab: its search box and the sorted, filtered view model.
    TablePage *page(Tab tab) const;

    // Bring to the front, even from the tray.
    void present();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus(AppActions *actions);
    void buildToolBar(AppActions *actions);
    void buildTabs(RunModels *models);
    void restoreState();
    void saveState() const;

    QTabWidget *m_tabs = nullptr;
    RunStatusBar *m_statusBar = nullptr;
    StagingBanner *m_stagingBanner = nullptr;
    FolderActions *m_folderActions = nullptr;
    LogPage *m_logPage = nullptr;
    TablePage *m_pages[4] = {};
    bool m_closeHides = true;
};

} // namespace tardigrade::ui
