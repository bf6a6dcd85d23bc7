#include "GuiController.h"

#include "AppActions.h"
#include "EngineHost.h"
#include "GuiLog.h"
#include "QuitQuestion.h"
#include "RunStatus.h"
#include "SettingsPushJob.h"
#include "StagingApproval.h"
#include "StartWindowState.h"
#include "models/RunModels.h"
#include "settings/DatasetGrouping.h"
#include "settings/SettingsDialog.h"
#include "models/Formatting.h"
#include "platform/BuildInfo.h"
#include "platform/UpdateCheck.h"
#include "schedule/ScheduleSpec.h"
#include "settings/ConfigPaths.h"
#include "settings/FieldLabels.h"
#include "settings/NetworkSettings.h"
#include "settings/SettingsFile.h"
#include "sync/RunHistory.h"
#include "sync/RunSnapshot.h"
#include "sync/Engine.h"
#include "tray/TrayIcon.h"
#include "windows/AboutBox.h"
#include "windows/CleanupWindow.h"
#include "windows/FolderActions.h"
#include "windows/LogPage.h"
#include "windows/MainWindow.h"
#include "windows/TasksPage.h"
#include "windows/TestRunWindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

namespace tardigrade::ui {

GuiController::GuiController(const QString &configFile, QObject *parent)
    : QObject(parent), m_configFile(configFile), m_host(new EngineHost(configFile, this)),
      m_status(new RunStatus(this)), m_models(new RunModels(this)), m_actions(new AppActions(this)),
      m_window(new MainWindow(m_actions, m_models, *m_status))
{
    m_status->attach(m_host->engine());
    m_models->attach(m_host->engine());
    m_log = new GuiLog(m_models, this);
    m_log->attach(m_host->engine());
    m_actions->follow(*m_status);
    // The tree comes just before its report (same thread, both queued).
    connect(
        m_host->engine(), &Engine::testRunTree, this,
        [this](const TestRunTree &tree) { ensureTestRunWindow()->setTree(tree); }, Qt::QueuedConnection);
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
            why = summary.messages.isEmpty() ? RunStatus::summaryText(summary)
                                             : FieldLabels::inSentence(summary.messages.join(QLatin1Char('\n')));
        m_testRun->setEndedWithoutReport(why);
    });
    m_updates = new UpdateCheck(BuildInfo::version(), this);
    // When the feed was last read is the app's own state, kept with the
    // window's (QSettings), not in the facility's MyData.cfg.
    m_updates->setLastChecked(QSettings().value(QStringLiteral("UpdateCheck/lastChecked")).toDateTime());
    connect(m_updates, &UpdateCheck::checked, this,
            [](const QDateTime &when) { QSettings().setValue(QStringLiteral("UpdateCheck/lastChecked"), when); });
    connect(m_updates, &UpdateCheck::newerRelease, this, [this](const ReleaseInfo &release) {
        // Told once per release, not every day until the update is made.
        QSettings settings;
        const QString announced = QStringLiteral("UpdateCheck/announced");
        if (settings.value(announced).toString() == release.version)
            return;
        settings.setValue(announced, release.version);
        const QString text =
            tr("Tardigrade %1 is available: %2").arg(release.version, release.notes.toString());
        m_models->onLogLine(text);
        if (m_tray)
            m_tray->notify(tr("A newer Tardigrade"), text, MainWindow::LogTab);
    });
    // The Tasks tab's next runs follow the engine's (and a pause).
    connect(m_status, &RunStatus::changed, this, [this] {
        if (!m_status->nextRunText().isEmpty()) // empty until the engine has said
            m_window->tasksPage()->setNextRun(m_status->nextRun(), m_status->isPaused());
    });
    followSettings();
    restoreLastRun();
    restoreRunHistory();
    // Each finished upload run is what a restart shows again (a Test Run
    // changes nothing, so the last real run stays the one remembered).
    connect(m_status, &RunStatus::runEnded, this, [this](const SyncSummary &summary) {
        if (summary.testRun)
            return;
        const QString file = ConfigPaths::stateFile(m_configFile, StateFile::LastRunShown);
        if (!RunSnapshotFile::write(file, m_models->snapshot(summary)))
            m_models->onLogLine(tr("Could not save the last run's tables to %1; after a restart the window "
                                   "starts empty.")
                                    .arg(QDir::toNativeSeparators(file)));
    });
    connectActions();
    m_staging = new StagingApproval(configFile, this);
    m_staging->follow(*m_status);
    m_staging->showIn(m_window->stagingBanner());
    if (m_restoredStaging.state != StagingState::Unknown)
        m_staging->update(m_restoredStaging); // the banner as the last run left it
    // A staging request may give the installation its uuid (written to the
    // settings file): the app's own write, not "settings reloaded" news.
    connect(m_staging, &StagingApproval::writingSettings, m_host, &EngineHost::expectOwnSettingsWrite);
    connect(m_staging, &StagingApproval::settingsWritten, m_host, &EngineHost::ownSettingsWriteDone);
}

// Dialogs sit on the main window when it is shown; opened from the tray
// with the window hidden, they stand alone.
QWidget *GuiController::dialogParent() const
{
    return m_window->isVisible() ? m_window : nullptr;
}

void GuiController::followSettings()
{
    // One read of the file for both: paths shown relative to the data
    // directory, and "not configured" until a URL and a folder are set.
    const Settings s = readSettingsQuickly();
    m_models->setDataDirectory(s.dataDirectory());
    m_status->setConfigured(!s.mytardisUrl().trimmed().isEmpty() && !s.dataDirectory().trimmed().isEmpty());
    m_window->setGroupStructure(usesUserGroups(s.folderStructure()));
    m_window->tasksPage()->setSchedule(ScheduleSpec::fromSettings(s));
    followUpdateCheck(s);
}

void GuiController::followUpdateCheck(const Settings &s)
{
    const bool wasOn = m_updates->isEnabled();
    m_updates->configure(s.boolValue(SettingKey::CheckForUpdates), s.value(SettingKey::UpdateCheckUrl),
                         NetworkSettings::from(s).valueOr({}));
    // Turned on in the dialog: check now (if a day has passed), not in an hour.
    if (!wasOn && m_updates->isEnabled() && m_started)
        m_updates->checkIfDue();
}

void GuiController::restoreRunHistory()
{
    const QString file = ConfigPaths::stateFilePath(m_configFile, StateFile::RunHistory);
    const RunHistory::Loaded loaded = RunHistory::read(file);
    m_models->history()->setRuns(loaded.runs);
    if (loaded.damagedLines > 0)
        m_models->onLogLine((loaded.damagedLines == 1
                                 ? tr("The run history in %1 was damaged: 1 unreadable line was left out; the next "
                                      "run rewrites it.")
                                 : tr("The run history in %1 was damaged: %n unreadable lines were left out; the "
                                      "next run rewrites it.",
                                      nullptr, loaded.damagedLines))
                                .arg(QDir::toNativeSeparators(file)),
                            LogSeverity::Warning);
}

bool GuiController::openUrl(const QUrl &url) const
{
    return m_openUrl ? m_openUrl(url) : QDesktopServices::openUrl(url);
}

void GuiController::restoreLastRun()
{
    const auto last = RunSnapshotFile::read(ConfigPaths::stateFilePath(m_configFile, StateFile::LastRunShown));
    if (!last)
        return;
    m_models->restore(*last);
    m_status->restore(last->summary);
    m_restoredStaging = last->summary.staging;
    m_models->onLogLine(tr("Tardigrade started; the tables show the last run (%1).")
                            .arg(formatLocalTime(last->summary.finished)));
}

GuiController::~GuiController()
{
    delete m_settings;
    delete m_testRun;
    delete m_cleanup;
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
    connect(m_actions->cleanup, &QAction::triggered, this, &GuiController::openCleanup);
    connect(m_window->folderActions(), &FolderActions::openFolderRequested, this, [this](const QString &path) {
        const QUrl folder = QUrl::fromLocalFile(path);
        if (!openUrl(folder))
            QMessageBox::information(dialogParent(), tr("Open Folder"),
                                     tr("No file manager could be opened for %1.").arg(QDir::toNativeSeparators(path)));
    });
    connect(m_window->folderActions(), &FolderActions::openDatasetRequested, this, &GuiController::openDataset);
    connect(m_actions->documentation, &QAction::triggered, this, &GuiController::openDocumentation);
    connect(m_actions->reportProblem, &QAction::triggered, this, &GuiController::reportProblem);
    connect(m_actions->about, &QAction::triggered, this,
            [this] { showAboutBox(dialogParent()); });
    connect(m_actions->quit, &QAction::triggered, this, &GuiController::quit);
}

void GuiController::start()
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        QApplication::setQuitOnLastWindowClosed(false);
        m_tray = new TrayIcon(m_actions, *m_status);
        connect(m_tray, &TrayIcon::openTab, this, [this](int tab) {
            m_window->showTab(MainWindow::Tab(tab));
            m_window->present();
        });
        m_tray->show();
        connect(m_staging, &StagingApproval::approvalArrived, m_tray,
                [this](const QString &title, const QString &text) {
                    m_tray->notify(title, text, MainWindow::FoldersTab); // the banner is gone from above it
                });
        m_window->setCloseHides(true);
    } else {
        // No tray (a bare X server, some desktops): the window is the app.
        m_window->setCloseHides(false);
    }
    // "On start, show" (start_window_state): the tray icon only, as always,
    // unless the window is asked for.
    applyStartWindowState(m_window, startWindowStateOf(readSettingsQuickly()), m_tray != nullptr);
    // First start on this PC: nothing is configured yet, so ask for it.
    if (!QFile::exists(m_configFile))
        openSettings();
    // An engine that schedules on its own is started once the UI listens.
    m_host->start();
    m_started = true;
    m_updates->checkIfDue(); // in the background; off unless check_for_updates
}

SettingsPushJob *GuiController::settingsPush()
{
    if (!m_settingsPush) {
        m_settingsPush = new SettingsPushJob(m_configFile, this);
        // Saved is saved: a push that failed is a warning in the log, never a failed save.
        connect(m_settingsPush, &SettingsPushJob::finished, this, [this](const Result<SettingsPush> &pushed) {
            const bool sent = pushed && pushed->outcome == SettingsPush::Outcome::Sent;
            const QString line = !pushed ? settingsNotPushedSentence(pushed.error()) : pushed->sentence();
            const LogSeverity severity = pushed ? LogSeverity::Info : LogSeverity::Warning;
            if (!pushed || sent || pushed->outcome == SettingsPush::Outcome::NoRecordYet) {
                m_models->onLogLine(line, severity);
                GuiLog::write(line, severity);
            }
        });
    }
    return m_settingsPush;
}

void GuiController::anotherStartAsked(const QString &settingsFile)
{
    m_window->present();
    if (settingsFile.isEmpty() || ConfigPaths::sameSettingsFile(settingsFile, m_configFile))
        return;
    const QString text = tr("Another start asked for the settings in %1, but this Tardigrade uses %2: quit it "
                            "from the tray menu first to use the other settings.")
                             .arg(QDir::toNativeSeparators(settingsFile), QDir::toNativeSeparators(m_configFile));
    m_models->onLogLine(text, LogSeverity::Warning);
    if (m_tray)
        m_tray->notify(tr("Tardigrade is already running"), text, MainWindow::LogTab);
}

void GuiController::openSettings()
{
    if (!m_settings) {
        m_settings = new SettingsDialog(m_configFile, dialogParent());
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        m_settings->setServerChecks(true); // OK asks the server and counts the datasets before saving
        connect(m_settings, &SettingsDialog::saving, m_host, &EngineHost::expectOwnSettingsWrite);
        connect(m_settings, &SettingsDialog::saveFailed, m_host, &EngineHost::ownSettingsWriteFailed);
        connect(m_settings, &SettingsDialog::saved, m_host, &EngineHost::settingsSaved);
        // The server keeps what this instrument uses (its uploader record).
        connect(m_settings, &SettingsDialog::saved, this, [this] { settingsPush()->start(); });
        connect(m_settings, &SettingsDialog::stagingAccessRequested, this,
                [this] { m_staging->requestFromSettings(m_settings); });
        // README's "### Settings (`MyData.cfg`)", by GitHub's anchor for it.
        connect(m_settings, &SettingsDialog::helpRequested, this, [this] {
            openInBrowser(QUrl(QStringLiteral(TARDIGRADE_HOMEPAGE "#settings-mydatacfg")), tr("Documentation"));
        });
        connect(m_settings, &SettingsDialog::saved, this, [this] {
            followSettings();
            m_status->onSettingsSaved();
        });
    }
    m_settings->show();
    m_settings->raise();
    m_settings->activateWindow();
}

TestRunWindow *GuiController::ensureTestRunWindow()
{
    if (!m_testRun)
        m_testRun = new TestRunWindow(dialogParent());
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
    QWidget *parent = dialogParent();
    const QString url = readSettingsQuickly().mytardisUrl();
    if (url.isEmpty()) {
        QMessageBox::information(parent, tr("Open MyTardis"),
                                 tr("No MyTardis URL is set: enter it under Settings, General."));
        return;
    }
    openInBrowser(QUrl::fromUserInput(url), tr("Open MyTardis"));
}

CleanupWindow *GuiController::cleanupWindow() const
{
    return m_cleanup;
}

void GuiController::openCleanup()
{
    if (!m_cleanup) {
        m_cleanup = new CleanupWindow(m_configFile, dialogParent());
        m_cleanup->setAttribute(Qt::WA_DeleteOnClose);
        // Delete waits while an upload runs (a test run reads nothing it deletes).
        CleanupWindow *cleanup = m_cleanup;
        const auto followRun = [this, cleanup] {
            cleanup->setUploadRunning(m_status->isRunning() && !m_status->isTestRun());
        };
        connect(m_status, &RunStatus::changed, cleanup, followRun);
        followRun();
    } else {
        m_cleanup->reloadSettings(); // allow_cleanup may have changed since
    }
    m_cleanup->show();
    m_cleanup->raise();
    m_cleanup->activateWindow();
}

void GuiController::openDataset(qint64 datasetId)
{
    const QString url = readSettingsQuickly().mytardisUrl().trimmed();
    if (url.isEmpty() || datasetId <= 0)
        return;
    // MyTardis shows a dataset at /dataset/<id>/ (its web pages, not the API).
    QUrl page = QUrl::fromUserInput(url);
    page.setPath(page.path().chopped(page.path().endsWith(QLatin1Char('/')) ? 1 : 0) +
                 QStringLiteral("/dataset/%1/").arg(datasetId));
    openInBrowser(page, tr("Open Dataset"));
}

void GuiController::openDocumentation()
{
    openInBrowser(QUrl(QStringLiteral(TARDIGRADE_HOMEPAGE "#the-tray-application")), tr("Documentation"));
}

QString GuiController::reportProblem()
{
    QWidget *parent = dialogParent();
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QDir().mkpath(folder))
        folder = QDir::homePath();
    const QString file = QDir(folder).filePath(
        QStringLiteral("tardigrade-support-%1.txt").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    const Status saved = m_window->logPage()->saveTo(file);
    if (!saved) {
        QMessageBox::warning(parent, tr("Report a Problem"), saved.error().message);
        return {};
    }
    // The folder is opened so the file can be attached to an email at once.
    openUrl(QUrl::fromLocalFile(folder));
    const QString contact = readSettingsQuickly().value(SettingKey::ContactEmail).trimmed();
    QMessageBox box(QMessageBox::Information, tr("Report a Problem"),
                    tr("The log and system details are saved in %1.").arg(QDir::toNativeSeparators(file)),
                    QMessageBox::Close, parent);
    box.setInformativeText(contact.isEmpty() ? tr("Send this file to your support contact, with a sentence on "
                                                  "what happened and when.")
                                             : tr("Send this file to %1, with a sentence on what happened and "
                                                  "when.")
                                                   .arg(contact));
    box.exec();
    return file;
}

void GuiController::openInBrowser(const QUrl &address, const QString &title)
{
    QWidget *parent = dialogParent();
    if (openUrl(address))
        return;
    // An instrument PC often has no browser set up (or none at all): say so
    // and let the address be pasted into one on another machine.
    QMessageBox box(QMessageBox::Information, title,
                    tr("No web browser could be opened for %1.").arg(address.toString()), QMessageBox::Close, parent);
    box.setInformativeText(tr("Copy the address and open it in a browser here or on another computer."));
    QPushButton *copy = box.addButton(tr("Copy Address"), QMessageBox::ActionRole);
    box.exec();
    if (box.clickedButton() == copy)
        QGuiApplication::clipboard()->setText(address.toString());
}

bool GuiController::quit()
{
    const bool uploading = m_status->isRunning() && !m_status->isTestRun();
    const bool cleaning = m_cleanup && m_cleanup->isDeleting();
    if ((uploading || cleaning) &&
        !askToQuit(dialogParent(), uploading, cleaning ? m_cleanup->deletedSoFarText() : QString()))
        return false;
    // QApplication::quit() asks every window to close and stops at the
    // first that does not (the main window behind a tray icon hides
    // instead); another visible window then vetoed the quit. exit() ends
    // the event loop without asking.
    QCoreApplication::exit(0);
    return true;
}

} // namespace tardigrade::ui
