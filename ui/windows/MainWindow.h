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
class TasksPage;

// The window behind the tray icon: toolbar of the shared actions, one tab
// per table (Folders, Users, Groups, Uploads, Verifications, Log) and the run's
// status bar. It only shows; the controller wires actions to the engine.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Tab { FoldersTab, UsersTab, GroupsTab, UploadsTab, VerificationsTab, LogTab, TasksTab };

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
    TasksPage *tasksPage() const { return m_tasksPage; }
    EventTableView *table(Tab tab) const;
    // The table's tab: its search box and the sorted, filtered view model.
    TablePage *page(Tab tab) const;

    // The Groups tab is shown for the "User Group / ..." folder structures,
    // and whenever the tables have group folders (a run from before a change).
    void setGroupStructure(bool groups);

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
    static QString sortKey(Tab tab); // the QSettings key of a table's sort column and order
    void updateGroupsTab();

    QTabWidget *m_tabs = nullptr;
    RunStatusBar *m_statusBar = nullptr;
    StagingBanner *m_stagingBanner = nullptr;
    FolderActions *m_folderActions = nullptr;
    LogPage *m_logPage = nullptr;
    TasksPage *m_tasksPage = nullptr;
    TablePage *m_pages[LogTab] = {}; // the table tabs, which come before the Log
    bool m_groupStructure = false;
    bool m_closeHides = true;
};

} // namespace tardigrade::ui
