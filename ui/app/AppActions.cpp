#include "AppActions.h"

#include "Icons.h"
#include "RunStatus.h"

#include <QAction>
#include <QKeySequence>

namespace tardigrade::ui {

namespace {
QAction *make(QObject *parent, const QString &text, const QKeySequence &keys, const char *icon, const QString &tip)
{
    auto *a = new QAction(text, parent);
    if (!keys.isEmpty())
        a->setShortcut(keys);
    if (icon)
        a->setIcon(actionIcon(icon));
    a->setToolTip(
        keys.isEmpty() ? tip : tip + QStringLiteral(" (") + keys.toString(QKeySequence::NativeText) + QLatin1Char(')'));
    return a;
}
} // namespace

AppActions::AppActions(QObject *parent) : QObject(parent)
{
    syncNow = make(this, tr("Sync Now"), QKeySequence(Qt::CTRL | Qt::Key_S), "sync", tr("Upload new files now"));
    testRun = make(this, tr("Test Run"), QKeySequence(Qt::CTRL | Qt::Key_T), "test-run",
                   tr("Show what would be uploaded, changing nothing"));
    stop = make(this, tr("Stop"), QKeySequence(Qt::CTRL | Qt::Key_Period), "stop", tr("Stop the current run"));
    pauseResume = make(this, tr("Pause"), QKeySequence(Qt::CTRL | Qt::Key_P), "pause", tr("Pause scheduled runs"));
    openWindow = make(this, tr("Open Tardigrade"), {}, nullptr, tr("Show the main window"));
    settings =
        make(this, tr("Settings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), "settings", tr("Change the settings"));
    openMyTardis = make(this, tr("Open MyTardis"), QKeySequence(Qt::CTRL | Qt::Key_B), "open-mytardis",
                        tr("Open MyTardis in the web browser"));
    cleanup = make(this, tr("Cleanup…"), {}, nullptr,
                   tr("Delete local files MyTardis holds verified copies of, to free space on this PC"));
    documentation = make(this, tr("Documentation"), QKeySequence::HelpContents, nullptr,
                         tr("Open the user guide in the web browser"));
    reportProblem = make(this, tr("Report a Problem…"), {}, nullptr,
                         tr("Save the log and system details for your support contact"));
    about = make(this, tr("About Tardigrade"), {}, nullptr, tr("Version and licence"));
    quit = make(this, tr("Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), nullptr, tr("Quit Tardigrade"));
    stop->setEnabled(false);
    // The tray menu and the window share these; a shortcut in the window
    // works wherever the focus is inside it.
    for (QAction *a : {syncNow, testRun, stop, pauseResume, settings, openMyTardis, quit})
        a->setShortcutContext(Qt::WindowShortcut);
}

QStringList AppActions::pauseResumeTexts()
{
    return {tr("Pause"), tr("Resume")};
}

void AppActions::follow(const RunStatus &status)
{
    connect(&status, &RunStatus::changed, this, [this, &status] { update(status); });
    update(status);
}

void AppActions::update(const RunStatus &status)
{
    const bool running = status.isRunning();
    stop->setEnabled(running);
    syncNow->setEnabled(!running);
    testRun->setEnabled(!running);
    if (status.isPaused()) {
        pauseResume->setText(tr("Resume"));
        pauseResume->setIcon(actionIcon("resume"));
        pauseResume->setToolTip(
            tr("Resume scheduled runs (%1)").arg(pauseResume->shortcut().toString(QKeySequence::NativeText)));
    } else {
        pauseResume->setText(tr("Pause"));
        pauseResume->setIcon(actionIcon("pause"));
        pauseResume->setToolTip(
            tr("Pause scheduled runs (%1)").arg(pauseResume->shortcut().toString(QKeySequence::NativeText)));
    }
}

} // namespace tardigrade::ui
