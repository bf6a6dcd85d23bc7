#include "TrayIcon.h"

#include "app/AppActions.h"
#include "app/Icons.h"
#include "app/RunStatus.h"
#include "windows/MainWindow.h"

#include <QAction>
#include <QMenu>

namespace tardigrade::ui {

TrayIcon::TrayIcon(AppActions *actions, const RunStatus &status, QObject *parent)
    : QSystemTrayIcon(parent), m_actions(actions), m_status(status), m_menu(new QMenu)
{
    m_menu->addAction(actions->syncNow);
    m_menu->addAction(actions->testRun);
    m_menu->addAction(actions->stop);
    m_menu->addAction(actions->pauseResume);
    m_menu->addSeparator();
    m_menu->addAction(actions->openWindow);
    m_menu->addAction(actions->settings);
    m_menu->addAction(actions->openMyTardis);
    m_menu->addAction(actions->cleanup);
    m_menu->addSeparator();
    // Help as in the window's Help menu: the tray may be all a user sees.
    m_menu->addAction(actions->documentation);
    m_menu->addAction(actions->reportProblem);
    m_menu->addAction(actions->about);
    m_menu->addSeparator();
    m_menu->addAction(actions->quit);
    setContextMenu(m_menu);
    // The window's shortcuts (Ctrl+S, Ctrl+Q...) do nothing while the tray
    // menu is open: a menu that lists them promises what it cannot do. The
    // menu bar is not a context menu and keeps showing them.
    for (QAction *a : m_menu->actions())
        a->setShortcutVisibleInContextMenu(false);
    connect(this, &QSystemTrayIcon::messageClicked, this, [this] { emit openTab(m_notifiedTab); });

    connect(this, &QSystemTrayIcon::activated, this, [this](ActivationReason reason) {
        if (reason == Trigger || reason == DoubleClick)
            m_actions->openWindow->trigger();
    });
    connect(&status, &RunStatus::changed, this, &TrayIcon::update);
    connect(&status, &RunStatus::runEnded, this, &TrayIcon::announce);
    update();
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
} // a menu has no QObject parent here

void TrayIcon::update()
{
    setIcon(stateIcon(m_status.state()));
    setToolTip(m_status.toolTip());
}

QPair<QString, QString> TrayIcon::notificationFor(const SyncSummary &summary)
{
    if (summary.testRun)
        return {};
    if (!summary.fatalError.isEmpty())
        return {tr("Tardigrade: run failed"), RunStatus::failureText(summary)};
    const QString failure = RunStatus::failureText(summary);
    if (!failure.isEmpty())
        return {tr("Tardigrade: upload problem"), failure};
    if (summary.cancelled)
        return {tr("Tardigrade: run stopped"), RunStatus::summaryText(summary)};
    return {tr("Tardigrade: run finished"), RunStatus::summaryText(summary)};
}

void TrayIcon::notify(const QString &title, const QString &text, int tab)
{
    m_notifiedTab = tab;
    if (supportsMessages())
        showMessage(title, text, QSystemTrayIcon::Information, 8000);
}

int TrayIcon::tabFor(const SyncSummary &summary)
{
    if (!summary.fatalError.isEmpty())
        return MainWindow::LogTab; // the run's own lines say what happened
    if (!summary.failed.isEmpty())
        return MainWindow::UploadsTab; // the failed files, with their reasons
    return MainWindow::FoldersTab;
}

void TrayIcon::announce(const SyncSummary &summary)
{
    const auto [title, text] = notificationFor(summary);
    if (title.isEmpty() || !supportsMessages())
        return;
    const bool failed = !RunStatus::failureText(summary).isEmpty();
    m_notifiedTab = tabFor(summary);
    showMessage(title, text, failed ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, failed ? 15000 : 6000);
}

} // namespace tardigrade::ui
