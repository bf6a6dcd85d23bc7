// The Tasks tab: "Next runs" from the schedule and the engine's next run,
// "Past runs" from the run history (restored at start, added to live as
// runs end, sortable), a damaged history that costs nothing but itself;
// and the opt-in update check's notice in the running app.
#include "GuiConfigFixture.h"
#include "TinyHttpServer.h"
#include "app/AppActions.h"
#include "app/EngineHost.h"
#include "app/GuiController.h"
#include "app/RunStatus.h"
#include "models/RunModels.h"
#include "models/TableSortFilter.h"
#include "platform/UpdateCheck.h"
#include "settings/ConfigPaths.h"
#include "sync/Engine.h"
#include "sync/RunHistory.h"
#include "windows/EventTableView.h"
#include "windows/MainWindow.h"
#include "windows/TablePage.h"
#include "windows/TasksPage.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;
using namespace tardigrade::test;
using namespace tardigrade::ui;

namespace {

RunRecord record(int found, int uploaded, const QString &trigger, int minute)
{
    SyncSummary s;
    s.found = found;
    s.alreadyVerified = found - uploaded;
    s.uploaded = uploaded;
    s.verified = uploaded;
    s.started = QDateTime(QDate(2026, 11, 29), QTime(2, minute));
    s.finished = s.started.addSecs(75);
    return RunRecord::of(s, trigger);
}

} // namespace

class TestTasks : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // A settings file the GUI counts as configured, with these lines added.
    QString writeConfig(const QString &name, const QString &extra) { return writeGuiConfig(m_dir, name, extra); }
    // Manual runs, the update check's release feed at `url`, the check on
    // or (not set) off.
    QString updateConfig(const QString &name, const QString &url, bool checkForUpdates = true)
    {
        return writeConfig(name, QStringLiteral("schedule_type = Manually\n") +
                                      (checkForUpdates ? QStringLiteral("check_for_updates = True\n") : QString()) +
                                      QStringLiteral("update_check_url = %1\n").arg(url));
    }

    static TasksPage *tasks(GuiController &app) { return app.mainWindow()->tasksPage(); }
    static QAbstractItemModel *pastRuns(GuiController &app) { return tasks(app)->pastRuns()->proxy(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("xdg")).toLocal8Bit());
        QCoreApplication::setOrganizationName(QStringLiteral("TardigradeTest"));
    }
    void init() { QSettings().remove(QStringLiteral("UpdateCheck")); }

    void tasksTabInTheWindow()
    {
        GuiController app(writeConfig(QStringLiteral("tab"), QStringLiteral("schedule_type = Manually\n")));
        QTabWidget *tabs = app.mainWindow()->tabs();
        QCOMPARE(tabs->tabText(MainWindow::TasksTab), QStringLiteral("Tasks"));
        QCOMPARE(tabs->widget(MainWindow::TasksTab), tasks(app));
        QCOMPARE(tabs->tabText(MainWindow::LogTab), QStringLiteral("Log")); // the tray's tab numbers still hold
    }

    void nextRunsOfADailySchedule()
    {
        GuiController app(writeConfig(QStringLiteral("daily"),
                                      QStringLiteral("schedule_type = Daily\nscheduled_time = 02:00:00\n")));
        app.start();
        QTRY_COMPARE(tasks(app)->nextRunTexts().size(), TasksPage::NextRunsShown);
        QVERIFY2(tasks(app)->scheduleText().startsWith(QLatin1String("Daily at 02:00")),
                 qPrintable(tasks(app)->scheduleText()));
        QStringList times = tasks(app)->nextRunTexts();
        // The first is the engine's (the status bar's) next run, then one a day.
        QCOMPARE(QStringLiteral("Next run: ") + times.first(), app.status()->nextRunText());
        for (const QString &t : times)
            QVERIFY2(t.endsWith(QLatin1String(" 02:00")), qPrintable(times.join(QLatin1Char('\n'))));
        times.removeDuplicates();
        QCOMPARE(times.size(), TasksPage::NextRunsShown);

        // Paused: the times go, the page says why.
        app.engineHost()->pause();
        QTRY_VERIFY2(tasks(app)->scheduleText().contains(QLatin1String("Paused")), qPrintable(tasks(app)->scheduleText()));
        app.engineHost()->resume();
        QTRY_COMPARE(tasks(app)->nextRunTexts().size(), TasksPage::NextRunsShown);
    }

    void nextRunsWhenManual()
    {
        GuiController app(writeConfig(QStringLiteral("manual"), QStringLiteral("schedule_type = Manually\n")));
        app.start();
        QTRY_VERIFY(!app.status()->nextRunText().isEmpty());
        QVERIFY(tasks(app)->nextRunTexts().isEmpty());
        QCOMPARE(tasks(app)->scheduleText(), QStringLiteral("Manually: no scheduled runs. Press Sync Now to upload."));
    }

    // A run through the real engine (its server does not answer) is
    // recorded as it ends: in the tab at once, and in the file.
    void aRunEndingIsAddedLive()
    {
        const QString cfg = writeConfig(QStringLiteral("live"), QStringLiteral("schedule_type = Manually\n"));
        GuiController app(cfg);
        app.start();
        QCOMPARE(pastRuns(app)->rowCount(), 0);
        QSignalSpy ended(app.status(), &RunStatus::runEnded);
        app.actions()->syncNow->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 1, 30000);
        QTRY_COMPARE(pastRuns(app)->rowCount(), 1);
        const QAbstractItemModel *m = pastRuns(app);
        QCOMPARE(m->index(0, RunHistoryModel::Trigger).data().toString(), QStringLiteral("Sync Now"));
        QVERIFY2(m->index(0, RunHistoryModel::Result).data().toString().startsWith(QLatin1String("Failed: ")),
                 qPrintable(m->index(0, RunHistoryModel::Result).data().toString()));
        const auto inFile = RunHistory::read(ConfigPaths::stateFilePath(cfg, StateFile::RunHistory));
        QCOMPARE(inFile.runs.size(), 1);
        QCOMPARE(inFile.runs.at(0).result, RunRecord::Result::Failed);

        // A Test Run changes nothing: it is not a run of the history.
        app.actions()->testRun->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 2, 30000);
        QTest::qWait(100);
        QCOMPARE(pastRuns(app)->rowCount(), 1);
    }

    // "Tasks history after two runs": two runs recorded, the app started
    // again, two rows in Past runs with their counts and triggers.
    void historyAfterTwoRunsAndARestart()
    {
        const QString cfg = writeConfig(QStringLiteral("restart"), QStringLiteral("schedule_type = Manually\n"));
        {
            GuiController app(cfg);
            Engine *engine = app.engineHost()->engine();
            // As Engine::finishRun() does at the end of each run.
            for (const RunRecord &r : {record(10, 10, QStringLiteral("On Startup"), 0),
                                       record(12, 2, QStringLiteral("Daily"), 30)}) {
                QVERIFY(RunHistory::append(ConfigPaths::stateFile(cfg, StateFile::RunHistory), r));
                emit engine->runRecorded(r);
            }
            QTRY_COMPARE(pastRuns(app)->rowCount(), 2);
        }
        GuiController again(cfg);
        QAbstractItemModel *m = pastRuns(again);
        QCOMPARE(m->rowCount(), 2);
        QCOMPARE(m->index(0, RunHistoryModel::Trigger).data().toString(), QStringLiteral("At start"));
        QCOMPARE(m->index(1, RunHistoryModel::Trigger).data().toString(), QStringLiteral("Scheduled (daily)"));
        QCOMPARE(m->index(1, RunHistoryModel::Found).data().toInt(), 12);
        QCOMPARE(m->index(1, RunHistoryModel::Uploaded).data().toInt(), 2);
        QCOMPARE(m->index(1, RunHistoryModel::Duration).data().toString(), QStringLiteral("1 min 15 s"));
        QCOMPARE(m->index(1, RunHistoryModel::Result).data().toString(), QStringLiteral("Finished"));

        // Sorted like the other tables: by the number, not its text.
        TablePage *page = tasks(again)->pastRuns();
        page->view()->sortByColumn(RunHistoryModel::Found, Qt::DescendingOrder);
        QCOMPARE(m->index(0, RunHistoryModel::Found).data().toInt(), 12);
        page->view()->sortByColumn(RunHistoryModel::Started, Qt::DescendingOrder);
        QCOMPARE(m->index(0, RunHistoryModel::Trigger).data().toString(), QStringLiteral("Scheduled (daily)"));
        page->setFilter(QStringLiteral("at start"));
        QCOMPARE(m->rowCount(), 1);
    }

    void damagedHistoryIsEmptyAndSaysSo()
    {
        const QString cfg = writeConfig(QStringLiteral("damaged"), QStringLiteral("schedule_type = Manually\n"));
        const QString file = ConfigPaths::stateFile(cfg, StateFile::RunHistory);
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            static const char garbage[] = "\x00\x13{\"started\": [garbage\n\xff\xfe\n";
            f.write(garbage, sizeof garbage - 1); // the NUL at the start included, the literal's own not
        }
        GuiController app(cfg);
        QCOMPARE(pastRuns(app)->rowCount(), 0);
        const QString log = app.models()->log()->lines().join(QLatin1Char('\n'));
        QVERIFY2(log.contains(QLatin1String("The run history in")) && log.contains(QLatin1String("was damaged")),
                 qPrintable(log));
    }

    void updateNoticeWhenNewer()
    {
        testhttp::TinyHttpServer server;
        server.answer(200, testhttp::releaseJson(QStringLiteral("v99.1")));
        GuiController app(updateConfig(QStringLiteral("update-on"), server.url()));
        QVERIFY(app.updateCheck()->isEnabled());
        app.start();
        const QString notice = QStringLiteral(
            "Tardigrade 99.1 is available: https://github.com/mytardis/tardigrade/releases/tag/v99.1");
        QTRY_VERIFY(app.models()->log()->lines().join(QLatin1Char('\n')).contains(notice));
        QCOMPARE(server.requests(), 1);
        // Kept for the next start: no second check today.
        QVERIFY(QSettings().value(QStringLiteral("UpdateCheck/lastChecked")).toDateTime().isValid());
        GuiController again(updateConfig(QStringLiteral("update-on"), server.url()));
        again.start();
        QTest::qWait(300);
        QCOMPARE(server.requests(), 1);
    }

    // A release is announced once: the next day's check of the same one is quiet.
    void aReleaseIsAnnouncedOnce()
    {
        testhttp::TinyHttpServer server;
        server.answer(200, testhttp::releaseJson(QStringLiteral("v99.2")));
        const QString notice = QStringLiteral("Tardigrade 99.2 is available");
        {
            GuiController app(updateConfig(QStringLiteral("update-once"), server.url()));
            app.start();
            QTRY_VERIFY(app.models()->log()->lines().join(QLatin1Char('\n')).contains(notice));
        }
        QSettings().remove(QStringLiteral("UpdateCheck/lastChecked")); // a day later
        GuiController next(updateConfig(QStringLiteral("update-once"), server.url()));
        QSignalSpy checked(next.updateCheck(), &UpdateCheck::checked);
        next.start();
        QTRY_COMPARE(checked.count(), 1);
        QCOMPARE(server.requests(), 2);
        QVERIFY(!next.models()->log()->lines().join(QLatin1Char('\n')).contains(notice));
    }

    void noUpdateNoticeWhenSameOrOff()
    {
        testhttp::TinyHttpServer server;
        server.answer(200, testhttp::releaseJson(QStringLiteral("v0.0.1")));
        {
            GuiController app(updateConfig(QStringLiteral("update-old"), server.url()));
            QSignalSpy checked(app.updateCheck(), &UpdateCheck::checked);
            app.start();
            QTRY_COMPARE(checked.count(), 1);
            QVERIFY(!app.models()->log()->lines().join(QLatin1Char('\n')).contains(QLatin1String("is available")));
        }
        QSettings().remove(QStringLiteral("UpdateCheck"));
        server.answer(200, testhttp::releaseJson(QStringLiteral("v99.1")));
        const int before = server.requests();
        // Off (the default): nothing is fetched at all.
        GuiController off(updateConfig(QStringLiteral("update-off"), server.url(), false));
        QVERIFY(!off.updateCheck()->isEnabled());
        off.start();
        QTest::qWait(500);
        QCOMPARE(server.requests(), before);
        QVERIFY(!off.models()->log()->lines().join(QLatin1Char('\n')).contains(QLatin1String("is available")));
    }
};

QTEST_MAIN(TestTasks)
#include "tst_tasks.moc"
