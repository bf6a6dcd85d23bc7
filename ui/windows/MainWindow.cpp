#include "MainWindow.h"

#include "ElideDelegate.h"
#include "FolderActions.h"
#include "EventTableView.h"
#include "LogPage.h"
#include "ProgressBarDelegate.h"
#include "RunStatusBar.h"
#include "StagingBanner.h"
#include "ScreenFit.h"
#include "SteadyWidth.h"
#include "TablePage.h"
#include "TasksPage.h"
#include "app/AppActions.h"
#include "app/Icons.h"
#include "app/RunStatus.h"
#include "models/RunModels.h"
#include "models/TableSortFilter.h"

#include <QAction>
#include <QCloseEvent>
#include <QMenuBar>
#include <QHeaderView>
#include <QSettings>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace tardigrade::ui {

MainWindow::MainWindow(AppActions *actions, RunModels *models, const RunStatus &status, QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Tardigrade"));
    setWindowIcon(appIcon());
    buildMenus(actions);
    buildToolBar(actions);
    buildTabs(models);
    m_statusBar = new RunStatusBar(status, this);
    setStatusBar(m_statusBar);
    resizeToFit(this, QSize(1000, 620));
    restoreState();
}

MainWindow::~MainWindow()
{
    saveState();
}

void MainWindow::buildMenus(AppActions *a)
{
    QMenu *run = menuBar()->addMenu(tr("&Tardigrade"));
    run->addAction(a->syncNow);
    run->addAction(a->testRun);
    run->addAction(a->stop);
    run->addAction(a->pauseResume);
    run->addSeparator();
    run->addAction(a->settings);
    run->addAction(a->openMyTardis);
    run->addAction(a->cleanup);
    run->addSeparator();
    run->addAction(a->quit);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(a->documentation);
    help->addAction(a->reportProblem);
    help->addSeparator();
    help->addAction(a->about);
}

void MainWindow::buildToolBar(AppActions *a)
{
    QToolBar *bar = addToolBar(tr("Actions"));
    bar->setObjectName(QStringLiteral("actions"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(20, 20));
    bar->addAction(a->syncNow);
    bar->addAction(a->testRun);
    bar->addAction(a->stop);
    bar->addSeparator();
    bar->addAction(a->pauseResume);
    // Pause becomes Resume: the buttons to its right must not move.
    reserveWidthFor(bar->widgetForAction(a->pauseResume), a->pauseResumeTexts());
    bar->addSeparator();
    bar->addAction(a->settings);
    bar->addAction(a->openMyTardis);
}

void MainWindow::buildTabs(RunModels *models)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    const QString noRun = tr("Nothing here yet: press Sync Now to upload, or Test Run to see what would be uploaded.");

    // Each table tab has its own search box: the columns differ per tab.
    auto *folders = new TablePage(tr("Filter folders (Ctrl+F)"), m_tabs);
    folders->view()->setPlaceholder(noRun);
    folders->view()->setColumnChars({30, 14, 30, 20, 10, 6, 8, 10, 20});
    folders->setModel(models->datasets());
    auto *sentence = new ElideDelegate(Qt::ElideRight, this);
    folders->view()->setItemDelegateForColumn(DatasetTableModel::Status, sentence);
    m_folderActions = new FolderActions(folders->view());
    m_tabs->addTab(folders, tr("Folders"));

    auto *users = new TablePage(tr("Filter users (Ctrl+F)"), m_tabs);
    users->view()->setPlaceholder(noRun);
    users->view()->setColumnChars({24, 10, 20, 24, 28, 30});
    users->setModel(models->owners());
    users->view()->setItemDelegateForColumn(OwnerTableModel::Status, sentence);
    m_tabs->addTab(users, tr("Users"));

    auto *groups = new TablePage(tr("Filter groups (Ctrl+F)"), m_tabs);
    groups->view()->setPlaceholder(noRun);
    groups->view()->setColumnChars({24, 24, 8, 8, 8, 8, 10, 30});
    groups->setModel(models->groups());
    groups->view()->setItemDelegateForColumn(GroupTableModel::Status, sentence);
    m_tabs->addTab(groups, tr("Groups"));
    m_pages[GroupsTab] = groups;
    connect(models->groups(), &QAbstractItemModel::rowsInserted, this, &MainWindow::updateGroupsTab);
    connect(models->groups(), &QAbstractItemModel::modelReset, this, &MainWindow::updateGroupsTab);
    updateGroupsTab();

    auto *uploads = new TablePage(tr("Filter files (Ctrl+F)"), m_tabs);
    uploads->view()->setPlaceholder(noRun);
    uploads->view()->setColumnChars({46, 20, 12, 16, 10, 10});
    uploads->view()->setStretchColumn(UploadTableModel::File);
    uploads->setModel(models->uploads());
    uploads->view()->setItemDelegateForColumn(UploadTableModel::Progress,
                                              new ProgressBarDelegate(UploadTableModel::PercentRole, uploads));
    m_tabs->addTab(uploads, tr("Uploads"));

    auto *verifications = new TablePage(tr("Filter files (Ctrl+F)"), m_tabs);
    verifications->view()->setPlaceholder(tr("No file has been looked up on MyTardis in this run yet."));
    verifications->view()->setColumnChars({44, 20, 18, 12, 10, 30});
    verifications->setModel(models->verifications());
    verifications->view()->setItemDelegateForColumn(VerificationTableModel::Detail, sentence);
    m_tabs->addTab(verifications, tr("Verifications"));

    m_logPage = new LogPage(models->log(), m_tabs);
    m_tabs->addTab(m_logPage, tr("Log"));

    m_tasksPage = new TasksPage(models->history(), m_tabs);
    m_tabs->addTab(m_tasksPage, tr("Tasks"));

    m_pages[FoldersTab] = folders;
    m_pages[UsersTab] = users;
    m_pages[UploadsTab] = uploads;
    m_pages[VerificationsTab] = verifications;
    // The staging banner (hidden unless approval is awaited) above the tabs.
    auto *central = new QWidget(this);
    auto *column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    m_stagingBanner = new StagingBanner(central);
    column->addWidget(m_stagingBanner);
    column->addWidget(m_tabs, 1);
    setCentralWidget(central);

    // Alt+1..5 switch tabs (Ctrl+digits are taken by nothing, but Alt is
    // what tab bars use on Linux and Windows).
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *go = new QAction(this);
        go->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        connect(go, &QAction::triggered, this, [this, i] {
            if (m_tabs->isTabVisible(i))
                m_tabs->setCurrentIndex(i);
        });
        addAction(go);
    }
}

EventTableView *MainWindow::table(Tab tab) const
{
    return tab < LogTab ? m_pages[tab]->view() : nullptr;
}

TablePage *MainWindow::page(Tab tab) const
{
    return tab < LogTab ? m_pages[tab] : nullptr;
}

void MainWindow::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void MainWindow::setGroupStructure(bool groups)
{
    m_groupStructure = groups;
    updateGroupsTab();
}

void MainWindow::updateGroupsTab()
{
    const bool shown = m_groupStructure || m_pages[GroupsTab]->proxy()->sourceModel()->rowCount() > 0;
    if (!shown && m_tabs->currentIndex() == GroupsTab)
        m_tabs->setCurrentIndex(FoldersTab);
    m_tabs->setTabVisible(GroupsTab, shown);
}

void MainWindow::present()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    if (m_closeHides) {
        hide();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

// The window's own state lives in QSettings under the application's
// organisation, never in MyData.cfg (which belongs to the facility).
void MainWindow::restoreState()
{
    QSettings s;
    s.beginGroup(QStringLiteral("MainWindow"));
    const QByteArray geometry = s.value(QStringLiteral("geometry")).toByteArray();
    if (!geometry.isEmpty() && restoreGeometry(geometry))
        moveOntoScreen(this); // saved on a bigger or a missing monitor
    QMainWindow::restoreState(s.value(QStringLiteral("state")).toByteArray());
    const int tab = qBound(0, s.value(QStringLiteral("tab"), 0).toInt(), m_tabs->count() - 1);
    m_tabs->setCurrentIndex(m_tabs->isTabVisible(tab) ? tab : int(FoldersTab));
    // Each table as it was last sorted ("column,order"; column -1: as the run met the rows).
    for (int t = FoldersTab; t < LogTab; ++t) {
        const QStringList sort = s.value(sortKey(Tab(t))).toString().split(QLatin1Char(','));
        bool columnOk = false, orderOk = false;
        const int column = sort.value(0).toInt(&columnOk);
        const int order = sort.value(1).toInt(&orderOk);
        if (sort.size() == 2 && columnOk && orderOk && column < m_pages[t]->proxy()->columnCount())
            m_pages[t]->view()->sortByColumn(column, order == 1 ? Qt::DescendingOrder : Qt::AscendingOrder);
    }
}

QString MainWindow::sortKey(Tab tab)
{
    static const char *const names[] = {"folders", "users", "groups", "uploads", "verifications"};
    return QStringLiteral("sort/") + QLatin1String(names[tab]);
}

void MainWindow::saveState() const
{
    QSettings s;
    s.beginGroup(QStringLiteral("MainWindow"));
    s.setValue(QStringLiteral("geometry"), saveGeometry());
    s.setValue(QStringLiteral("state"), QMainWindow::saveState());
    s.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
    for (int t = FoldersTab; t < LogTab; ++t) {
        const QHeaderView *header = m_pages[t]->view()->horizontalHeader();
        s.setValue(sortKey(Tab(t)),
                   QStringLiteral("%1,%2").arg(header->sortIndicatorSection()).arg(int(header->sortIndicatorOrder())));
    }
}

} // namespace tardigrade::ui
