// The defects a new user met in the first hour with the tray app, each as
// the behaviour that replaces it: Quit quits, a stopped run says "Stopped"
// and how many files are left, a run that fails before its scan says so and
// keeps the last tables, a restart shows the last run, Open MyTardis without
// a browser offers the address, and the tray says what state it is in.
#include "GuiConfigFixture.h"
#include "app/AppActions.h"
#include "app/EngineHost.h"
#include "app/GuiController.h"
#include "app/RunStatus.h"
#include "models/RunModels.h"
#include "settings/ConfigPaths.h"
#include "sync/Engine.h"
#include "sync/RunSnapshot.h"
#include "settings/SettingsDialog.h"
#include "tray/TrayIcon.h"
#include "windows/TestRunWindow.h"
#include "windows/EventTableView.h"
#include "windows/FolderActions.h"
#include "windows/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace tardigrade;
using namespace tardigrade::test;
using namespace tardigrade::ui;

namespace {

// Clicks the button with this text in the next modal message box, and
// remembers the box's text.
void answerNextMessageBox(const QString &button, QString *text = nullptr, QString *defaultButton = nullptr)
{
    QTimer::singleShot(50, [button, text, defaultButton] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        if (text)
            *text = box->text() + QLatin1Char('\n') + box->informativeText();
        if (defaultButton && box->defaultButton())
            *defaultButton = box->defaultButton()->text();
        for (QAbstractButton *b : box->buttons())
            if (b->text() == button) {
                b->click();
                return;
            }
        QFAIL(qPrintable(QStringLiteral("no button %1 in the message box").arg(button)));
    });
}

FileEvent file(const QString &path, FileState state, qint64 done)
{
    FileEvent e;
    e.path = path;
    e.dataset = QStringLiteral("run1");
    e.state = state;
    e.size = 100;
    e.done = done;
    return e;
}

SyncSummary finishedRun(int verified)
{
    SyncSummary s;
    s.found = verified;
    s.alreadyVerified = verified - 1;
    s.uploaded = 1;
    s.verified = 1;
    s.started = QDateTime(QDate(2026, 11, 29), QTime(14, 0));
    s.finished = QDateTime(QDate(2026, 11, 29), QTime(14, 2));
    return s;
}

} // namespace

class TestFirstHour : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // A settings file the engine accepts as manual-only (no run starts on
    // its own) and the GUI counts as configured.
    QString writeConfig(const QString &name)
    {
        return writeGuiConfig(m_dir, name, QStringLiteral("schedule_type = Manually\n"));
    }

    static DatasetEvent dataset(const QString &path)
    {
        DatasetEvent d;
        d.path = path;
        d.owner = QStringLiteral("alice");
        d.experiment = QStringLiteral("Krios");
        d.dataset = QFileInfo(path).fileName();
        d.files = 3;
        d.verified = 3;
        d.status = QStringLiteral("exists");
        return d;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("xdg")).toLocal8Bit());
        // The support file goes to the documents folder: keep it out of the real home.
        qputenv("HOME", m_dir.filePath(QStringLiteral("home")).toLocal8Bit());
        QCoreApplication::setOrganizationName(QStringLiteral("TardigradeTest"));
    }

    // 1. With a tray icon, closing the window hides it. QApplication::quit()
    // closes top-level windows one by one and stops at the first that does
    // not close (the main window, which hides instead); any other visible
    // top-level window left (a parentless Test Run window or settings
    // dialog opened from the tray, a tooltip) then vetoed the quit, so it
    // depended on the order of the windows: "3 of 5 tries".
    void quitEndsTheAppEvenWhenClosingOnlyHides()
    {
        GuiController app(writeConfig(QStringLiteral("quit")));
        app.start();
        app.mainWindow()->setCloseHides(true); // as it is with a tray icon
        app.mainWindow()->present();
        // A window that stays, as the settings dialog does while it saves.
        struct Stays : QWidget {
            void closeEvent(QCloseEvent *e) override { e->ignore(); }
        } stays;
        stays.show();
        QTimer::singleShot(0, app.actions()->quit, &QAction::trigger);
        QTimer::singleShot(5000, [] { QCoreApplication::exit(99); }); // a quit that did not happen
        QCOMPARE(QCoreApplication::exec(), 0);
    }

    void quitAsksWhileAnUploadRuns()
    {
        GuiController app(writeConfig(QStringLiteral("quit-running")));
        app.start();
        app.status()->onRunStarted(false);
        QString asked;
        QString byDefault;
        answerNextMessageBox(QStringLiteral("Keep Uploading"), &asked, &byDefault);
        QVERIFY(!app.quit());
        QCOMPARE(byDefault, QStringLiteral("Keep Uploading")); // Enter does not stop the upload
        QVERIFY2(asked.contains(QStringLiteral("upload is running")), qPrintable(asked));
        QVERIFY2(asked.contains(QStringLiteral("Nothing is lost")), qPrintable(asked));

        answerNextMessageBox(QStringLiteral("Quit"));
        QTimer::singleShot(0, app.actions()->quit, &QAction::trigger);
        QTimer::singleShot(5000, [] { QCoreApplication::exit(99); });
        QCOMPARE(QCoreApplication::exec(), 0);
    }

    // 4. After Stop, files in flight say "Stopped", not "Transferring 100%"
    // with a speed; the status, the tray and the summary say how many are left.
    void stopLeavesStoppedRowsAndSaysWhatIsLeft()
    {
        RunModels models;
        RunStatus status;
        models.onRunStarted(false);
        status.onRunStarted(false);
        FileEvent sending = file(QStringLiteral("/d/alice/run1/a.tif"), FileState::Transferring, 10);
        models.onFileChanged(sending);
        QTest::qWait(20);
        sending.done = 100;
        models.onFileChanged(sending);
        FileEvent hashing = file(QStringLiteral("/d/alice/run1/b.tif"), FileState::Hashing, 89);
        models.onFileChanged(hashing);
        FileEvent verifying = file(QStringLiteral("/d/alice/run1/c.tif"), FileState::Verifying, 100);
        models.onFileChanged(verifying);
        FileEvent done = file(QStringLiteral("/d/alice/run1/d.tif"), FileState::Verified, 100);
        models.onFileChanged(done);

        SyncSummary s;
        s.found = 4;
        s.verified = 1;
        s.cancelled = true;
        models.onRunFinished(s);
        status.onRunFinished(s);

        UploadTableModel *uploads = models.uploads();
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(uploads->index(row, UploadTableModel::State).data().toString(), QStringLiteral("Stopped"));
            QCOMPARE(uploads->index(row, UploadTableModel::Speed).data().toString(), QString());
        }
        QCOMPARE(uploads->index(3, UploadTableModel::State).data().toString(), QStringLiteral("Verified"));
        VerificationTableModel *checks = models.verifications();
        QCOMPARE(checks->index(checks->rowOf(verifying.path), VerificationTableModel::State).data().toString(),
                 QStringLiteral("Stopped"));

        QCOMPARE(status.state(), RunStatus::State::Stopped);
        QCOMPARE(status.statusLine(), QStringLiteral("Run stopped: 1 file verified, 3 files left for the next run."));
        const auto note = TrayIcon::notificationFor(s);
        QCOMPARE(note.first, QStringLiteral("Tardigrade: run stopped"));
        QVERIFY(note.second.contains(QStringLiteral("3 files left")));
        QVERIFY(describeSummary(s).contains(QStringLiteral("stopped: 3 files left")));

        // Stopped before the scan found anything, or a stopped Test Run:
        // nothing is "left for the next run", and the tray is not "stopped".
        SyncSummary early;
        early.cancelled = true;
        QCOMPARE(RunStatus::summaryText(early), QStringLiteral("Run stopped: 0 files verified."));
        early.testRun = true;
        QCOMPARE(RunStatus::summaryText(early), QStringLiteral("Test Run stopped."));
        SyncSummary testStopped = s;
        testStopped.testRun = true;
        status.onRunFinished(testStopped);
        QVERIFY(status.state() != RunStatus::State::Stopped);

        // The next run's events replace the stopped rows.
        models.onRunStarted(false);
        models.onFileChanged(done);
        QCOMPARE(uploads->rowCount(), 1);
    }

    // 5. A run that fails before its scan (401) keeps the last good tables
    // and says "Run failed: ..." until the settings are saved again.
    void failedRunKeepsTablesAndSaysWhy()
    {
        RunModels models;
        RunStatus status;
        models.onRunStarted(false);
        models.onDatasetChanged(dataset(QStringLiteral("/d/alice/run1")));
        models.onRunFinished(finishedRun(3));
        status.onRunFinished(finishedRun(3));

        SyncSummary refused;
        refused.fatalError = QStringLiteral("the server refused the API key");
        refused.messages << refused.fatalError;
        models.onRunStarted(false);
        status.onRunStarted(false);
        models.onRunFinished(refused);
        status.onRunFinished(refused);

        QCOMPARE(models.datasets()->rowCount(), 1);
        QCOMPARE(status.state(), RunStatus::State::Error);
        QCOMPARE(status.statusLine(), QStringLiteral("Run failed: the server refused the API key"));
        QCOMPARE(TrayIcon::notificationFor(refused).first, QStringLiteral("Tardigrade: run failed"));
        QCOMPARE(TrayIcon::tabFor(refused), int(MainWindow::LogTab));
        QCOMPARE(describeSummary(refused), QStringLiteral("Run failed: the server refused the API key"));

        status.onSettingsSaved();
        QVERIFY(status.state() != RunStatus::State::Error);
        // ...and the status is the last good run again, beside its tables.
        QVERIFY2(status.statusLine().endsWith(QStringLiteral("14:02: 3 verified, 0 failed")),
                 qPrintable(status.statusLine()));

        // A run that did scan and found nothing does empty the tables.
        models.onRunStarted(false);
        models.onRunFinished(SyncSummary{});
        QCOMPARE(models.datasets()->rowCount(), 0);
    }

    // The same through the whole app: the engine on its thread, a server
    // that does not answer; the status bar and the log say "Run failed".
    void failedRunThroughTheEngine()
    {
        GuiController app(writeConfig(QStringLiteral("failing")));
        app.start();
        QSignalSpy ended(app.status(), &RunStatus::runEnded);
        app.actions()->syncNow->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 1, 30000);
        const auto summary = ended.at(0).at(0).value<SyncSummary>();
        QVERIFY2(!summary.fatalError.isEmpty(), qPrintable(summary.messages.join(QLatin1Char('\n'))));
        QVERIFY2(app.status()->statusLine().startsWith(QStringLiteral("Run failed: ")),
                 qPrintable(app.status()->statusLine()));
        QTRY_VERIFY(app.models()->log()->lines().join(QLatin1Char('\n')).contains(QStringLiteral("Run failed: ")));
        QVERIFY(!app.models()->log()->lines().join(QLatin1Char('\n')).contains(QStringLiteral("0 files found")));
    }

    // A second start of the tray app for other settings: this one comes
    // forward and says which settings it uses; for the same ones it just
    // comes forward.
    void anotherStartForOtherSettingsIsTold()
    {
        const QString cfg = writeConfig(QStringLiteral("running"));
        GuiController app(cfg);
        app.start();
        app.anotherStartAsked(cfg);
        QVERIFY(!app.models()->log()->lines().join(QLatin1Char('\n')).contains(QStringLiteral("Another start")));
        app.anotherStartAsked(QStringLiteral("/elsewhere/MyData.cfg"));
        QVERIFY(app.mainWindow()->isVisible());
        const QString log = app.models()->log()->lines().join(QLatin1Char('\n'));
        QVERIFY2(log.contains(QStringLiteral("Another start asked for the settings in %1, but this Tardigrade uses")
                                  .arg(QDir::toNativeSeparators(QStringLiteral("/elsewhere/MyData.cfg")))),
                 qPrintable(log));
    }

    // 6. A restart shows the last run's tables, log and summary.
    void restartShowsTheLastRun()
    {
        const QString cfg = writeConfig(QStringLiteral("restart"));
        {
            GuiController app(cfg);
            Engine *engine = app.engineHost()->engine();
            emit engine->runStarted(false);
            emit engine->datasetChanged(dataset(QStringLiteral("/d/alice/run1")));
            emit engine->fileChanged(file(QStringLiteral("/d/alice/run1/a.tif"), FileState::Verified, 100));
            emit engine->logLine(QStringLiteral("Uploaded a.tif"), LogSeverity::Info);
            emit engine->logLine(QStringLiteral("Failed: b.tif: HTTP 403"), LogSeverity::Error);
            emit engine->runFinished(finishedRun(181));
            QTRY_VERIFY(app.status()->hasSummary());
            QTRY_VERIFY(QFile::exists(ConfigPaths::stateFilePath(cfg, StateFile::LastRunShown)));
        }
        GuiController again(cfg);
        QCOMPARE(again.models()->datasets()->rowCount(), 1);
        QCOMPARE(again.models()->uploads()->rowCount(), 1);
        QCOMPARE(again.models()->verifications()->rowCount(), 1);
        QVERIFY(again.models()->log()->lines().join(QLatin1Char('\n')).contains(QStringLiteral("Uploaded a.tif")));
        // An error is still marked as one after the restart.
        const QStringList lines = again.models()->log()->lines();
        int failedRow = -1;
        for (int row = 0; row < lines.size(); ++row)
            if (lines.at(row).contains(QStringLiteral("HTTP 403")))
                failedRow = row;
        QVERIFY(failedRow >= 0);
        QCOMPARE(again.models()->log()->index(failedRow).data(LogModel::SeverityRole).value<LogSeverity>(),
                 LogSeverity::Error);
        QVERIFY(again.status()->isRestored());
        QCOMPARE(again.status()->state(), RunStatus::State::Idle);
        QVERIFY2(again.status()->statusLine().startsWith(QStringLiteral("Last run ")),
                 qPrintable(again.status()->statusLine()));
        QVERIFY2(again.status()->statusLine().endsWith(QStringLiteral("14:02: 181 verified, 0 failed")),
                 qPrintable(again.status()->statusLine()));
    }

    void snapshotFileRoundTripsAndRejectsJunk()
    {
        RunSnapshot s;
        s.summary = finishedRun(10);
        s.summary.failed.append({QStringLiteral("/d/x"), QStringLiteral("HTTP 403")});
        s.summary.staging = {StagingState::Pending, QStringLiteral("SHA256:abc")};
        s.datasets << dataset(QStringLiteral("/d/alice/run1"));
        s.datasets.last().datasetId = 4711;
        s.owners << OwnerEvent{QStringLiteral("alice"), QStringLiteral("username"), QStringLiteral("alice"),
                               QStringLiteral("Alice A"), QStringLiteral("found")};
        s.files << FileEvent{QStringLiteral("/d/alice/run1/a.tif"), QStringLiteral("run1"), FileState::Failed, 5, 2,
                             QStringLiteral("HTTP 403")};
        s.log.append({QStringLiteral("line"), LogSeverity::Warning});
        const auto back = RunSnapshotFile::fromJson(RunSnapshotFile::toJson(s));
        QVERIFY(back);
        QCOMPARE(back->summary.finished, s.summary.finished);
        QCOMPARE(back->summary.failed.size(), 1);
        QCOMPARE(back->summary.staging.state, StagingState::Pending); // the banner after a restart
        QCOMPARE(back->summary.staging.fingerprint, QStringLiteral("SHA256:abc"));
        QCOMPARE(back->datasets.constFirst().path, s.datasets.constFirst().path);
        QCOMPARE(back->datasets.constFirst().datasetId, qint64(4711));
        QCOMPARE(back->owners.constFirst().fullName, QStringLiteral("Alice A"));
        QCOMPARE(back->files.constFirst().state, FileState::Failed);
        QCOMPARE(back->files.constFirst().message, QStringLiteral("HTTP 403"));
        QCOMPARE(back->log.size(), 1);
        QCOMPARE(back->log.constFirst().text, QStringLiteral("line"));
        QCOMPARE(back->log.constFirst().severity, LogSeverity::Warning);
        QVERIFY(!RunSnapshotFile::fromJson("{\"format\": 99}"));
        QVERIFY(!RunSnapshotFile::fromJson("not json"));
    }

    // The conflicts of the last run come back with it (the status bar's
    // sentence is made from them), and a file written before they were kept
    // still reads, without any.
    void snapshotKeepsConflictsAndReadsOlderFiles()
    {
        RunSnapshot s;
        s.summary = finishedRun(10);
        s.summary.conflicts = {ConflictFile{QStringLiteral("/d/alice/run1/frame.tif"), QStringLiteral("bbb"),
                                            QStringLiteral("aaa"), {}}};
        const QByteArray json = RunSnapshotFile::toJson(s);
        const auto back = RunSnapshotFile::fromJson(json);
        QVERIFY(back);
        QCOMPARE(back->summary.conflicts.size(), 1);
        QCOMPARE(back->summary.conflicts.constFirst().path, QStringLiteral("/d/alice/run1/frame.tif"));
        QCOMPARE(back->summary.conflicts.constFirst().localMd5, QStringLiteral("bbb"));
        QCOMPARE(back->summary.conflicts.constFirst().serverMd5, QStringLiteral("aaa"));
        QCOMPARE(back->summary.openConflicts(), 1);
        QVERIFY2(RunStatus::failureText(back->summary)
                     .startsWith(QStringLiteral("/d/alice/run1/frame.tif was not uploaded: MyTardis holds")),
                 qPrintable(RunStatus::failureText(back->summary)));

        QJsonObject older = QJsonDocument::fromJson(json).object();
        QJsonObject summary = older.value(QStringLiteral("summary")).toObject();
        QVERIFY(summary.contains(QStringLiteral("conflicts")));
        summary.remove(QStringLiteral("conflicts"));
        older.insert(QStringLiteral("summary"), summary);
        const auto old = RunSnapshotFile::fromJson(QJsonDocument(older).toJson());
        QVERIFY(old);
        QCOMPARE(old->summary.found, 10);
        QVERIFY(old->summary.conflicts.isEmpty());
    }

    // 13. Saving in the dialog is not "the settings file changed" news, even
    // when the folder watcher sees the new file before the save's callback
    // (a slow keychain); an edit from elsewhere still is.
    void ownSettingsWriteIsNotNews()
    {
        const QString cfg = writeConfig(QStringLiteral("own-write"));
        Engine engine(cfg);
        engine.setApplyAutostart(false);
        QSignalSpy lines(&engine, &Engine::logLine);
        engine.start();
        const auto append = [&cfg](const QByteArray &line) {
            QFile f(cfg);
            QVERIFY(f.open(QIODevice::Append));
            f.write(line);
        };
        const auto reloaded = [&lines] {
            int n = 0;
            for (const QList<QVariant> &l : lines)
                n += l.at(0).toString().contains(QStringLiteral("settings reloaded")) ? 1 : 0;
            return n;
        };
        engine.expectOwnSettingsWrite();
        append("contact_name = Dana\n");
        engine.settingsFileChanged(); // the watcher, first
        engine.settingsSaved();       // then the dialog's saved()
        QCOMPARE(reloaded(), 0);

        append("contact_email = dana@example.org\n");
        engine.settingsFileChanged();
        QCOMPARE(reloaded(), 1);

        // A save that failed leaves no excuse for later edits from elsewhere.
        engine.expectOwnSettingsWrite();
        engine.ownSettingsWriteFailed();
        append("contact_name = Sam\n");
        engine.settingsFileChanged();
        QCOMPARE(reloaded(), 2);
    }

    // 13. Window titles name the app once: the platform appends
    // " — Tardigrade" (the display name) to a title that does not end with it.
    void windowTitlesNameTheAppOnce()
    {
        QGuiApplication::setApplicationDisplayName(QStringLiteral("Tardigrade"));
        GuiController app(writeConfig(QStringLiteral("titles")));
        app.openSettings();
        app.startTestRun();
        QList<QWidget *> windows{app.mainWindow(), app.settingsDialog(), app.testRunWindow()};
        for (QWidget *w : windows) {
            QString shown = w->windowTitle();
            if (!shown.endsWith(QStringLiteral("Tardigrade")))
                shown += QStringLiteral(" — Tardigrade");
            QCOMPARE(shown.count(QStringLiteral("Tardigrade")), 1);
        }
        app.engineHost()->stop();
    }

    // 8. No browser: say so and offer the address.
    void openMyTardisWithoutBrowserOffersTheAddress()
    {
        GuiController app(writeConfig(QStringLiteral("browser")));
        QUrl asked;
        app.setUrlOpener([&asked](const QUrl &url) {
            asked = url;
            return false;
        });
        QString said;
        answerNextMessageBox(QStringLiteral("Copy Address"), &said);
        QGuiApplication::clipboard()->clear();
        app.openMyTardis();
        QCOMPARE(asked, QUrl(QStringLiteral("http://127.0.0.1:9")));
        QVERIFY2(said.contains(QStringLiteral("No web browser could be opened")), qPrintable(said));
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("http://127.0.0.1:9"));
    }

    // 17. Help: the user guide opens in the browser; Report a Problem saves
    // the support file in the documents folder and opens that folder.
    void helpMenuDocumentationAndReportAProblem()
    {
        GuiController app(writeConfig(QStringLiteral("help")));
        QList<QUrl> opened;
        app.setUrlOpener([&opened](const QUrl &url) {
            opened << url;
            return true;
        });
        QStringList help;
        for (QAction *a : app.mainWindow()->menuBar()->actions())
            if (a->menu() && a->text().contains(QStringLiteral("Help")))
                for (QAction *item : a->menu()->actions())
                    help << item->text();
        QVERIFY2(help.contains(QStringLiteral("Documentation")), qPrintable(help.join(QLatin1Char(','))));
        QVERIFY(help.contains(QStringLiteral("Report a Problem…")));
        QVERIFY(help.contains(QStringLiteral("About Tardigrade")));

        app.actions()->documentation->trigger();
        QCOMPARE(opened.size(), 1);
        QVERIFY(opened.constFirst().toString().startsWith(QStringLiteral(TARDIGRADE_HOMEPAGE)));

        app.models()->onLogLine(QStringLiteral("Failed: a.tif: HTTP 403"));
        QString said;
        answerNextMessageBox(QStringLiteral("Close"), &said);
        const QString file = app.reportProblem();
        QVERIFY(QFile::exists(file));
        QCOMPARE(QFileInfo(file).absolutePath(), QDir(m_dir.filePath(QStringLiteral("home/Documents"))).absolutePath());
        QCOMPARE(opened.constLast(), QUrl::fromLocalFile(QFileInfo(file).absolutePath()));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("Failed: a.tif: HTTP 403"));
        QVERIFY2(said.contains(QDir::toNativeSeparators(file)), qPrintable(said));
    }

    // Issue 13: a Folders row opens its folder, its dataset in MyTardis and
    // copies its path (context menu; a double click opens the folder).
    void foldersRowActions()
    {
        GuiController app(writeConfig(QStringLiteral("folders")));
        QList<QUrl> opened;
        app.setUrlOpener([&opened](const QUrl &url) {
            opened << url;
            return true;
        });
        DatasetEvent onServer = dataset(QStringLiteral("/d/alice/run1"));
        onServer.datasetId = 4711;
        app.models()->onDatasetChanged(onServer);
        app.models()->onDatasetChanged(dataset(QStringLiteral("/d/alice/run2"))); // would be created
        EventTableView *view = app.mainWindow()->table(MainWindow::FoldersTab);
        const QModelIndex first = view->model()->index(0, DatasetTableModel::Status);
        const auto action = [](QMenu *menu, const char *name) { return menu->findChild<QAction *>(QLatin1String(name)); };

        std::unique_ptr<QMenu> menu(app.mainWindow()->folderActions()->menuFor(first, nullptr));
        QVERIFY(action(menu.get(), "openDataset")->isEnabled());
        action(menu.get(), "openDataset")->trigger();
        QCOMPARE(opened.constLast(), QUrl(QStringLiteral("http://127.0.0.1:9/dataset/4711/")));
        action(menu.get(), "openFolder")->trigger();
        QCOMPARE(opened.constLast(), QUrl::fromLocalFile(QStringLiteral("/d/alice/run1")));
        action(menu.get(), "copyPath")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QDir::toNativeSeparators(QStringLiteral("/d/alice/run1")));

        std::unique_ptr<QMenu> second(app.mainWindow()->folderActions()->menuFor(view->model()->index(1, 0), nullptr));
        QVERIFY(!action(second.get(), "openDataset")->isEnabled());

        opened.clear();
        emit view->doubleClicked(view->model()->index(1, 0));
        QCOMPARE(opened, QList<QUrl>{QUrl::fromLocalFile(QStringLiteral("/d/alice/run2"))});
    }

    // 15. The tray icon tells "not configured" and "nothing uploaded yet"
    // apart from a good last run; its menu lists no shortcuts that do
    // nothing there; a notification opens the tab it is about.
    void trayStatesMenuAndNotificationTab()
    {
        RunStatus status;
        QCOMPARE(status.state(), RunStatus::State::NothingYet);
        QCOMPARE(status.statusLine(), QStringLiteral("Nothing uploaded yet"));
        status.setConfigured(false);
        QCOMPARE(status.state(), RunStatus::State::NotConfigured);
        QVERIFY(status.statusLine().startsWith(QStringLiteral("Not configured")));
        status.setConfigured(true);
        status.onRunFinished(finishedRun(3));
        QCOMPARE(status.state(), RunStatus::State::Idle);
        status.onNextRunChanged(QDateTime());
        QCOMPARE(status.nextRunText(), QStringLiteral("Next run: manual only"));

        AppActions actions;
        TrayIcon tray(&actions, status);
        QVERIFY(!tray.menu()->actions().isEmpty());
        for (QAction *a : tray.menu()->actions())
            QVERIFY2(!a->isShortcutVisibleInContextMenu(), qPrintable(a->text()));
        // Help is there too, as the window's own actions (same handlers).
        QStringList texts;
        for (QAction *a : tray.menu()->actions())
            texts << a->text();
        for (const QString &help :
             {QStringLiteral("Documentation"), QStringLiteral("Report a Problem…"), QStringLiteral("About Tardigrade")})
            QVERIFY2(texts.contains(help), qPrintable(texts.join(QLatin1String(" | "))));
        QVERIFY(tray.menu()->actions().contains(actions.documentation));
        QVERIFY(tray.menu()->actions().contains(actions.reportProblem));

        SyncSummary failedFile = finishedRun(3);
        failedFile.failed.append({QStringLiteral("a.tif"), QStringLiteral("HTTP 403")});
        QCOMPARE(TrayIcon::tabFor(failedFile), int(MainWindow::UploadsTab));
        QCOMPARE(TrayIcon::tabFor(finishedRun(3)), int(MainWindow::FoldersTab));
        QSignalSpy open(&tray, &TrayIcon::openTab);
        emit tray.messageClicked();
        QCOMPARE(open.count(), 1);
    }
};

QTEST_MAIN(TestFirstHour)
#include "tst_firsthour.moc"
