// The main window and the tray logic react to the engine's signals: a run
// starting enables Stop and shows the stage, progress fills the status bar,
// a finished run shows its counts (or its failure) and the Test Run report
// reaches its window; the whole app runs with the engine on its own thread.
#include "app/AppActions.h"
#include "app/EngineHost.h"
#include "app/GuiController.h"
#include "app/RunStatus.h"
#include "app/StartWindowState.h"
#include "models/RunModels.h"
#include "settings/SettingsDialog.h"
#include "sync/Engine.h"
#include "tray/TrayIcon.h"
#include "platform/BuildInfo.h"
#include "windows/AboutBox.h"
#include "windows/LogPage.h"
#include "windows/MainWindow.h"
#include "windows/RunStatusBar.h"
#include "windows/EventTableView.h"
#include "windows/TablePage.h"
#include "windows/TestRunWindow.h"
#include "models/TableSortFilter.h"

#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QTimer>
#include <QFile>
#include <QHeaderView>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace tardigrade;
using namespace tardigrade::ui;

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // The pieces the controller wires, with the engine on this thread so the
    // test can emit its signals (connections stay queued).
    struct Rig {
        Engine engine;
        RunStatus status;
        RunModels models;
        AppActions actions;
        MainWindow window;
        explicit Rig(const QString &cfg) : engine(cfg), window(&actions, &models, status)
        {
            status.attach(&engine);
            models.attach(&engine);
            actions.follow(status);
        }
    };

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Window geometry goes to QSettings: keep it out of the real home.
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("xdg")).toLocal8Bit());
        QCoreApplication::setOrganizationName(QStringLiteral("TardigradeTest"));
    }

    // What a facility is asked for first by support and by its legal
    // department: the licence, the libraries and the local I/O in About.
    void aboutNamesLicenceLibrariesAndIo()
    {
        QString text;
        QTimer::singleShot(0, this, [&text] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            text = box->text() + box->informativeText();
            box->close();
        });
        showAboutBox(nullptr);
        QVERIFY2(text.contains(QLatin1String("GNU General Public License, version 3 or later")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral(TARDIGRADE_HOMEPAGE)));
        QVERIFY(text.contains(QLatin1String("Qt 6.")));
        QVERIFY(text.contains(QLatin1String("libssh 0.")));
        QVERIFY(text.contains(QLatin1String("local I/O: ") + BuildInfo::ioBackend()));
    }

    void reactsToRunStartedProgressFinished()
    {
        Rig rig(m_dir.filePath(QStringLiteral("MyData.cfg")));
        RunStatusBar *bar = rig.window.runStatusBar();
        QVERIFY(!rig.actions.stop->isEnabled());
        QVERIFY(rig.actions.syncNow->isEnabled());
        QCOMPARE(bar->stageText(), QStringLiteral("Nothing uploaded yet"));

        emit rig.engine.runStarted(false);
        QTRY_VERIFY(rig.actions.stop->isEnabled());
        QVERIFY(!rig.actions.syncNow->isEnabled());
        QCOMPARE(rig.status.state(), RunStatus::State::Uploading);
        QVERIFY(bar->progressVisible());

        ProgressEvent p;
        p.stage = QStringLiteral("Uploading");
        p.filesDone = 3;
        p.filesTotal = 10;
        p.bytesDone = 500'000'000;
        p.bytesTotal = 1'000'000'000;
        p.bytesPerSecond = 25'000'000;
        p.etaSeconds = 20;
        emit rig.engine.progress(p);
        QTRY_COMPARE(bar->progressValue(), 500);
        QCOMPARE(bar->stageText(), QStringLiteral("Uploading: 3 of 10 files"));
        QCOMPARE(bar->bytesText(), QStringLiteral("500.0 MB of 1.0 GB"));
        QCOMPARE(bar->speedText(), QStringLiteral("25.0 MB/s"));
        QCOMPARE(bar->etaText(), QStringLiteral("20 s left"));

        FileEvent f;
        f.path = QStringLiteral("alice/run1/a.tif");
        f.state = FileState::Transferring;
        f.size = 100;
        emit rig.engine.fileChanged(f);
        f.state = FileState::Verifying;
        emit rig.engine.fileChanged(f);
        emit rig.engine.logLine(QStringLiteral("uploading alice/run1/a.tif"));
        QTRY_COMPARE(rig.models.verifications()->rowCount(), 1);
        QCOMPARE(rig.models.uploads()->rowCount(), 1);
        QCOMPARE(rig.window.logPage()->visibleLines(), 1);

        SyncSummary s;
        s.found = 10;
        s.uploaded = 2;
        s.verified = 2;
        s.alreadyVerified = 7;
        s.bytesUploaded = 2'000'000;
        s.failed.append(
            {QStringLiteral("alice/run1/b.tif"),
             QStringLiteral(
                 "the server refused the file (HTTP 403): ask the administrator to give testfacility access")});
        emit rig.engine.runFinished(s);
        QTRY_VERIFY(!rig.actions.stop->isEnabled());
        QVERIFY(rig.actions.syncNow->isEnabled());
        QVERIFY(!bar->progressVisible());
        QCOMPARE(rig.status.state(), RunStatus::State::Error);
        QVERIFY2(bar->stageText().contains(QStringLiteral("HTTP 403")), qPrintable(bar->stageText()));
        const auto note = TrayIcon::notificationFor(s);
        QVERIFY(note.second.contains(QStringLiteral("HTTP 403")));

        s.failed.clear();
        emit rig.engine.runFinished(s);
        QTRY_COMPARE(rig.status.state(), RunStatus::State::Idle);
        QCOMPARE(bar->stageText(), QStringLiteral("Uploaded 2 files (2.0 MB), 2 verified; 7 already verified."));
        QCOMPARE(TrayIcon::notificationFor(s).second, bar->stageText());
    }

    void runStoppedBeforeScanSaysWhy_data()
    {
        QTest::addColumn<bool>("testRun");
        QTest::newRow("upload run") << false;
        QTest::newRow("test run") << true;
    }

    void runStoppedBeforeScanSaysWhy()
    {
        QFETCH(bool, testRun);
        RunStatus status;
        SyncSummary s;
        s.testRun = testRun;
        s.fatalError = QStringLiteral("Cannot reach the MyTardis server at http://127.0.0.1:9; check the MyTardis URL.");
        s.messages << s.fatalError;
        status.onRunStarted(testRun);
        status.onRunFinished(s);
        QCOMPARE(status.state(), RunStatus::State::Error);
        QCOMPARE(status.statusLine(), (testRun ? QStringLiteral("Test Run failed: ") : QStringLiteral("Run failed: ")) +
                                          s.fatalError);
        // Keys are for the CLI and the log; the window names the field.
        // A key that is also a word ("username") stays a word.
        s.fatalError = QStringLiteral("The MyTardis URL (mytardis_url) \"x\" is not a web address; check username "
                                      "and api_key too.");
        status.onRunFinished(s);
        QCOMPARE(status.statusLine(),
                 (testRun ? QStringLiteral("Test Run failed: ") : QStringLiteral("Run failed: ")) +
                     QStringLiteral("The MyTardis URL \"x\" is not a web address; check username and “API key” too."));
        // A Test Run shows its own window; only upload runs notify.
        QCOMPARE(TrayIcon::notificationFor(s).second.isEmpty(), testRun);
    }

    void pauseRelabelsAndNextRunShows()
    {
        Rig rig(m_dir.filePath(QStringLiteral("MyData.cfg")));
        QCOMPARE(rig.actions.pauseResume->text(), QStringLiteral("Pause"));
        QCOMPARE(rig.window.runStatusBar()->nextRunText(), QString()); // not said yet: nothing claimed
        emit rig.engine.nextRunChanged(QDateTime());
        QTRY_COMPARE(rig.window.runStatusBar()->nextRunText(), QStringLiteral("Next run: manual only"));
        emit rig.engine.pausedChanged(true);
        QTRY_COMPARE(rig.actions.pauseResume->text(), QStringLiteral("Resume"));
        QCOMPARE(rig.status.state(), RunStatus::State::Paused);
        QCOMPARE(rig.window.runStatusBar()->nextRunText(), QStringLiteral("Next run: paused"));
        emit rig.engine.pausedChanged(false);
        emit rig.engine.nextRunChanged(QDateTime(QDate(2026, 11, 25), QTime(2, 0)));
        QTRY_VERIFY(rig.window.runStatusBar()->nextRunText().contains(QStringLiteral("02:00")));
        QCOMPARE(rig.actions.pauseResume->text(), QStringLiteral("Pause"));
    }

    void logFilterAndSave()
    {
        Rig rig(m_dir.filePath(QStringLiteral("MyData.cfg")));
        rig.models.onLogLine(QStringLiteral("scan: 3 datasets"));
        rig.models.onLogLine(QStringLiteral("upload: a.tif done"));
        rig.models.onLogLine(QStringLiteral("upload: b.tif done"));
        LogPage *log = rig.window.logPage();
        log->setFilter(QStringLiteral("UPLOAD"));
        QCOMPARE(log->visibleLines(), 2);
        const QString path = m_dir.filePath(QStringLiteral("support.log"));
        QVERIFY(log->saveTo(path).ok());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(QStringLiteral("scan: 3 datasets"))); // all lines, not the filtered ones
        QVERIFY(text.contains(QStringLiteral("b.tif done")));
    }

    void testRunWindowSavesAndClosesOnEscape()
    {
        TestRunWindow w;
        w.show();
        QVERIFY(w.isWaiting());
        w.setReport(QStringLiteral("Summary\n  files: 3 to upload\n"));
        QVERIFY(!w.isWaiting());
        const QString path = m_dir.filePath(QStringLiteral("report.txt"));
        QVERIFY(w.saveTo(path).ok());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()), QStringLiteral("Summary\n  files: 3 to upload\n"));
        QTest::keyClick(&w, Qt::Key_Escape);
        QVERIFY(!w.isVisible());
    }

    // "On start, show" (start_window_state): only the tray icon by default,
    // as the tray app always started; the window, or maximized, when asked.
    // Without a tray icon the window is the only way in: always shown.
    void startWindowStateIsApplied_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("tray");
        QTest::addColumn<bool>("shown");
        QTest::addColumn<bool>("maximized");
        QTest::newRow("unset, tray") << QString() << true << false << false;
        QTest::newRow("minimized, tray") << QStringLiteral("Minimized") << true << false << false;
        QTest::newRow("normal, tray") << QStringLiteral("Normal") << true << true << false;
        QTest::newRow("maximized, tray") << QStringLiteral("Maximized") << true << true << true;
        QTest::newRow("minimized, no tray") << QStringLiteral("Minimized") << false << true << false;
        QTest::newRow("maximized, no tray") << QStringLiteral("maximized") << false << true << true;
    }

    void startWindowStateIsApplied()
    {
        QFETCH(QString, value);
        QFETCH(bool, tray);
        QFETCH(bool, shown);
        QFETCH(bool, maximized);
        Settings s;
        if (!value.isEmpty())
            s.setRawValue(SettingKey::StartWindowState, value);
        QSettings().remove(QStringLiteral("MainWindow")); // not as the last case left it (maximized)
        Rig rig(m_dir.filePath(QStringLiteral("MyData.cfg")));
        applyStartWindowState(&rig.window, startWindowStateOf(s), tray);
        QCOMPARE(rig.window.isVisible(), shown);
        QCOMPARE(rig.window.isMaximized(), maximized);
        QVERIFY(!rig.window.isMinimized());
    }

    // The app reads it from the settings file when it starts.
    void theAppStartsAsTheSettingsSay()
    {
        const QString cfg = m_dir.filePath(QStringLiteral("maximized/MyData.cfg"));
        QVERIFY(QDir().mkpath(QFileInfo(cfg).absolutePath()));
        {
            QFile f(cfg);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[MyData]\nschedule_type = Manually\nstart_window_state = Maximized\n");
        }
        GuiController app(cfg);
        app.start();
        QVERIFY(app.mainWindow()->isVisible());
        QVERIFY(app.mainWindow()->isMaximized());
    }

    // The Groups tab is there for the User Group structures (and for a run
    // that had group folders), not in the way of everyone else.
    // A table sorted by a column stays sorted so after a restart; the one
    // never sorted keeps the run's order.
    void tableSortIsRemembered()
    {
        QSettings().remove(QStringLiteral("MainWindow"));
        {
            Rig rig(m_dir.filePath(QStringLiteral("MyData.cfg")));
            rig.window.table(MainWindow::UploadsTab)->sortByColumn(2, Qt::DescendingOrder);
        }
        Rig again(m_dir.filePath(QStringLiteral("MyData.cfg")));
        const QHeaderView *uploads = again.window.table(MainWindow::UploadsTab)->horizontalHeader();
        QCOMPARE(uploads->sortIndicatorSection(), 2);
        QCOMPARE(uploads->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(again.window.table(MainWindow::FoldersTab)->horizontalHeader()->sortIndicatorSection(), -1);
        QSettings().remove(QStringLiteral("MainWindow"));
    }

    void groupsTabOnlyForGroups()
    {
        Rig rig(m_dir.filePath(QStringLiteral("MyData.cfg")));
        QTabWidget *tabs = rig.window.tabs();
        QCOMPARE(tabs->tabText(MainWindow::GroupsTab), QStringLiteral("Groups"));
        QVERIFY(!tabs->isTabVisible(MainWindow::GroupsTab));
        rig.window.setGroupStructure(true);
        QVERIFY(tabs->isTabVisible(MainWindow::GroupsTab));
        rig.window.showTab(MainWindow::GroupsTab);
        rig.window.setGroupStructure(false);
        QVERIFY(!tabs->isTabVisible(MainWindow::GroupsTab));
        QCOMPARE(tabs->currentIndex(), int(MainWindow::FoldersTab));
        rig.models.onOwnerChanged({QStringLiteral("TestFacility-cryo"), QStringLiteral("group"),
                                   QStringLiteral("TestFacility-cryo"), {}, QStringLiteral("found")});
        QVERIFY(tabs->isTabVisible(MainWindow::GroupsTab));
        QCOMPARE(rig.window.table(MainWindow::GroupsTab)->model()->rowCount(), 1);
        QVERIFY(rig.window.page(MainWindow::UploadsTab)->proxy()->sourceModel() == rig.models.uploads());
    }

    void wholeAppRunsTheEngineOnItsThread()
    {
        const QString cfg = m_dir.filePath(QStringLiteral("app/MyData.cfg"));
        GuiController app(cfg);
        app.start();
        // No system tray offscreen: the window is shown instead.
        QVERIFY(app.mainWindow()->isVisible());
        QVERIFY(app.engineHost()->engine()->thread() != QThread::currentThread());
        // No settings file yet: the first start asks for the settings.
        QVERIFY(app.settingsDialog());
        QVERIFY(app.settingsDialog()->isVisible());

        QSignalSpy ended(app.status(), &RunStatus::runEnded);
        app.actions()->syncNow->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(ended.count() >= 1, 20000);
        QVERIFY(app.status()->hasSummary());

        app.actions()->testRun->trigger();
        QVERIFY(app.testRunWindow());
        QVERIFY(app.testRunWindow()->isVisible());
        // The engine answers with a report, or the run ends and the window
        // says why: it never waits forever.
        QTRY_VERIFY_WITH_TIMEOUT(!app.testRunWindow()->isWaiting(), 20000);
        QVERIFY(!app.testRunWindow()->reportText().isEmpty());
        emit app.engineHost()->engine()->testRunReport(QStringLiteral("Test Run report\n  would upload 3 files"));
        QTRY_COMPARE(app.testRunWindow()->reportText(), QStringLiteral("Test Run report\n  would upload 3 files"));
    }

    // Pausing is the flag file the service follows: `tardigrade pause` pauses
    // the tray app, the tray app's pause is seen by the service and outlives
    // a restart of the app.
    void pauseIsTheFlagFileBothWays()
    {
        const QString cfg = m_dir.filePath(QStringLiteral("pause/MyData.cfg"));
        QVERIFY(QDir().mkpath(QFileInfo(cfg).absolutePath()));
        {
            QFile f(cfg);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[MyData]\nschedule_type = Manually\n");
        }
        const QString flag = cfg + QStringLiteral(".paused");
        {
            GuiController app(cfg);
            app.start();
            QVERIFY(!app.status()->isPaused());
            // Another process pauses (as `tardigrade pause` does).
            {
                QFile f(flag);
                QVERIFY(f.open(QIODevice::WriteOnly));
            }
            QTRY_VERIFY_WITH_TIMEOUT(app.status()->isPaused(), 5000);
            QVERIFY(app.engineHost()->engine()->isPaused());
            // ...and resumes.
            QVERIFY(QFile::remove(flag));
            QTRY_VERIFY_WITH_TIMEOUT(!app.status()->isPaused(), 5000);
            // The app's own pause writes the flag.
            app.actions()->pauseResume->trigger();
            QVERIFY(QFile::exists(flag));
            QTRY_VERIFY(app.status()->isPaused());
        }
        // Started again, the app is still paused.
        GuiController again(cfg);
        again.start();
        QTRY_VERIFY(again.status()->isPaused());
        again.actions()->pauseResume->trigger();
        QVERIFY(!QFile::exists(flag));
        QTRY_VERIFY(!again.status()->isPaused());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
