#include "TrayIcon.h"

#include "app/AppActions.h"
#include "app/Icons.h"
#include "app/RunStatus.h"

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
    m_menu->addSeparator();
    m_menu->addAction(actions->about);
    m_menu->addAction(actions->quit);
    setContextMenu(m_menu);

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
    const QString failure = RunStatus::failureText(summary);
    if (!failure.isEmpty())
        return {tr("Tardigrade: upload problem"), failure};
    return {tr("Tardigrade: run finished"), RunStatus::summaryText(summary)};
}

void TrayIcon::announce(const SyncSummary &summary)
{
    const auto [title, text] = notificationFor(summary);
    if (title.isEmpty() || !supportsMessages())
        return;
    const bool failed = !RunStatus::failureText(summary).isEmpty();
    showMessage(title, text, failed ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, failed ? 15000 : 6000);
}

} // namespace tardigrade::ui
