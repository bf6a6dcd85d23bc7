#include "GuiController.h"

#include "AppActions.h"
#include "EngineHost.h"
#include "RunStatus.h"
#include "models/RunModels.h"
#include "settings/SettingsDialog.h"
#include "settings/SettingsFile.h"
#include "sync/Engine.h"
#include "tray/TrayIcon.h"
#include "windows/AboutBox.h"
#include "windows/MainWindow.h"
#include "windows/TestRunWindow.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QFile>
#include <QMessageBox>
#include <QUrl>

namespace tardigrade::ui {

GuiController::GuiController(const QString &configFile, QObject *parent)
    : QObject(parent), m_configFile(configFile), m_host(new EngineHost(configFile, this)),
      m_status(new RunStatus(this)), m_models(new RunModels(this)), m_actions(new AppActions(this)),
      m_window(new MainWindow(m_actions, m_models, *m_status))
{
    m_status->attach(m_host->engine());
    m_models->attach(m_host->engine());
    m_actions->follow(*m_status);
    connect(
        m_host->engine(), &Engine::testRunReport, this,
        [this](const QString &text) {
            TestRunWindow *w = ensureTestRunWindow();
            w->setReport(text);
            w->show();
            w->raise();
        },
        Qt::QueuedConnection);
    // A Test Run that stops before its plan (bad settings, server down)
    // sends no report: the window says why instead of waiting forever.
    connect(m_status, &RunStatus::runEnded, this, [this](const SyncSummary &summary) {
        if (!summary.testRun || !m_testRun || !m_testRun->isWaiting())
            return;
        QString why = RunStatus::failureText(summary);
        if (why.isEmpty())
            why =
                summary.messages.isEmpty() ? RunStatus::summaryText(summary) : summary.messages.join(QLatin1Char('\n'));
        m_testRun->setEndedWithoutReport(why);
    });
    m_models->setDataDirectory(readSettingsQuickly().dataDirectory());
    connectActions();
}

GuiController::~GuiController()
{
    delete m_settings;
    delete m_testRun;
    delete m_tray;
    delete m_window;
    m_host->shutdown();
}

SettingsDialog *GuiController::settingsDialog() const
{
    return m_settings;
}
TestRunWindow *GuiController::testRunWindow() const
{
    return m_testRun;
}

void GuiController::connectActions()
{
    connect(m_actions->syncNow, &QAction::triggered, m_host, &EngineHost::syncNow);
    connect(m_actions->testRun, &QAction::triggered, this, &GuiController::startTestRun);
    connect(m_actions->stop, &QAction::triggered, m_host, &EngineHost::stop);
    connect(m_actions->pauseResume, &QAction::triggered, this, [this] {
        if (m_status->isPaused())
            m_host->resume();
        else
            m_host->pause();
    });
    connect(m_actions->openWindow, &QAction::triggered, m_window, &MainWindow::present);
    connect(m_actions->settings, &QAction::triggered, this, &GuiController::openSettings);
    connect(m_actions->openMyTardis, &QAction::triggered, this, &GuiController::openMyTardis);
    connect(m_actions->about, &QAction::triggered, this,
            [this] { showAboutBox(m_window->isVisible() ? m_window : nullptr); });
    connect(m_actions->quit, &QAction::triggered, qApp, &QApplication::quit);
}

void GuiController::start()
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        QApplication::setQuitOnLastWindowClosed(false);
        m_tray = new TrayIcon(m_actions, *m_status);
        m_tray->show();
        m_window->setCloseHides(true);
    } else {
        // No tray (a bare X server, some desktops): the window is the app.
        m_window->setCloseHides(false);
        m_window->present();
    }
    // First start on this PC: nothing is configured yet, so ask for it.
    if (!QFile::exists(m_configFile))
        openSettings();
    // An engine that schedules on its own is started once the UI listens.
    m_host->start();
}

void GuiController::openSettings()
{
    if (!m_settings) {
        m_settings = new SettingsDialog(m_configFile, m_window->isVisible() ? m_window : nullptr);
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_settings, &SettingsDialog::saved, m_host, &EngineHost::settingsSaved);
        connect(m_settings, &SettingsDialog::saved, this,
                [this] { m_models->setDataDirectory(readSettingsQuickly().dataDirectory()); });
    }
    m_settings->show();
    m_settings->raise();
    m_settings->activateWindow();
}

TestRunWindow *GuiController::ensureTestRunWindow()
{
    if (!m_testRun)
        m_testRun = new TestRunWindow(m_window->isVisible() ? m_window : nullptr);
    return m_testRun;
}

void GuiController::startTestRun()
{
    TestRunWindow *w = ensureTestRunWindow();
    w->setRunning();
    w->show();
    w->raise();
    w->activateWindow();
    m_host->testRun();
}

Settings GuiController::readSettingsQuickly() const
{
    // Parsed without the secret store, which may wait for a keychain: the
    // GUI thread only needs plain values (URL, data directory) here.
    QFile file(m_configFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const Result<Settings> parsed = SettingsFile::parse(file.readAll(), m_configFile);
    return parsed.ok() ? parsed.value() : Settings();
}

void GuiController::openMyTardis()
{
    const QString url = readSettingsQuickly().mytardisUrl();
    if (url.isEmpty()) {
        QMessageBox::information(m_window->isVisible() ? m_window : nullptr, tr("Open MyTardis"),
                                 tr("No MyTardis URL is set: enter it under Settings, General."));
        return;
    }
    QDesktopServices::openUrl(QUrl::fromUserInput(url));
}

} // namespace tardigrade::ui
