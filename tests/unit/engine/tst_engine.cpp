// Engine without a server: the schedule it builds from the settings, runs
// that fall due while one is in progress (skipped, not queued), pause from
// another thread, settings reloads, and runs that stop at the settings check
// (no server URL) - quick, so the run's life can be watched step by step.
#include "schedule/Scheduler.h"
#include "sync/Engine.h"
#include "sync/EngineThread.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace tardigrade;

namespace {

const QDateTime kNoon(QDate(2026, 3, 10), QTime(12, 0), Qt::LocalTime);

bool writeSettings(const QString &path, const QByteArray &lines)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write("[MyData]\n" + lines) > 0;
}

} // namespace

class TestEngine : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("xdg")).toLocal8Bit());
        qunsetenv("TARDIGRADE_TIMER_SECONDS");
        m_cfg = m_dir.filePath(QStringLiteral("MyData.cfg"));
        // Each test starts as an installation that never ran: the record of
        // an earlier test's run would move its Timer.
        QFile::remove(m_dir.filePath(QStringLiteral("last_run")));
    }

    void startPublishesScheduleAndNextRun_data()
    {
        QTest::addColumn<QByteArray>("settings");
        QTest::addColumn<bool>("hasNext");
        QTest::newRow("Manually") << QByteArray("schedule_type = Manually\n") << false;
        QTest::newRow("Daily") << QByteArray("schedule_type = Daily\nscheduled_time = 02:00:00\n") << true;
        QTest::newRow("Timer") << QByteArray("schedule_type = Timer\ntimer_minutes = 30\n") << true;
    }
    void startPublishesScheduleAndNextRun()
    {
        QFETCH(QByteArray, settings);
        QFETCH(bool, hasNext);
        QVERIFY(writeSettings(m_cfg, settings + "data_directory = /nonexistent\n"));
        FakeClock clock(kNoon);
        Engine engine(m_cfg, clock);
        engine.setApplyAutostart(false);
        QSignalSpy next(&engine, &Engine::nextRunChanged);
        engine.start();
        QVERIFY(engine.scheduler());
        QVERIFY(next.count() >= 1);
        // A Timer's first run is at once; let it end before looking at the next.
        QTRY_VERIFY(!engine.isRunning());
        QCOMPARE(next.last().at(0).toDateTime().isValid(), hasNext);
        // Idle: no wake-up more often than once a minute, none when nothing is timed.
        const int armed = engine.scheduler()->armedIntervalMs();
        if (hasNext)
            QVERIFY2(armed >= 1000 && armed <= Scheduler::MaxSleepMs, qPrintable(QString::number(armed)));
        else
            QCOMPARE(armed, -1);
    }

    void runDueWhileRunningIsSkippedNotQueued()
    {
        QVERIFY(writeSettings(m_cfg, "schedule_type = Timer\ntimer_minutes = 1\n"));
        FakeClock clock(kNoon);
        Engine engine(m_cfg, clock);
        engine.setApplyAutostart(false);
        QSignalSpy started(&engine, &Engine::runStarted);
        QSignalSpy finished(&engine, &Engine::runFinished);
        QSignalSpy log(&engine, &Engine::logLine);
        engine.start(); // a Timer never run is due now
        QCOMPARE(started.count(), 1);
        QVERIFY(engine.isRunning());
        // The run (stopped at the settings check) has left its thread, but
        // the engine hears of it only from its event loop: still busy.
        QTest::qSleep(500);
        clock.advanceSecs(120);
        engine.scheduler()->checkNow();
        engine.syncNow();
        engine.testRun();
        QCOMPARE(started.count(), 1);
        int skipped = 0;
        for (const QList<QVariant> &l : std::as_const(log))
            skipped += l.at(0).toString().contains(QStringLiteral("skipped because a run is already in progress"));
        QCOMPARE(skipped, 3); // Timer, Sync Now, Test Run
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(!engine.isRunning());
        // Not queued: nothing more until the next period.
        QTest::qWait(100);
        QCOMPARE(started.count(), 1);
        clock.advanceSecs(61);
        engine.scheduler()->checkNow();
        QCOMPARE(started.count(), 2);
        QTRY_COMPARE(finished.count(), 2);
    }

    void runThatCannotStartSaysWhy()
    {
        QVERIFY(writeSettings(m_cfg, "schedule_type = Manually\n"));
        Engine engine(m_cfg);
        engine.setApplyAutostart(false);
        QSignalSpy finished(&engine, &Engine::runFinished);
        QSignalSpy report(&engine, &Engine::testRunReport);
        engine.start();
        engine.testRun();
        QTRY_COMPARE(finished.count(), 1);
        const auto summary = finished.at(0).at(0).value<SyncSummary>();
        QVERIFY(summary.testRun);
        QVERIFY2(!summary.messages.isEmpty(), "the reason the run stopped is in the summary");
        QCOMPARE(report.count(), 0);
    }

    void settingsSavedAndFileChanges()
    {
        QVERIFY(writeSettings(m_cfg, "schedule_type = On Settings Saved\n"));
        Engine engine(m_cfg);
        engine.setApplyAutostart(false);
        QSignalSpy started(&engine, &Engine::runStarted);
        QSignalSpy finished(&engine, &Engine::runFinished);
        engine.start();
        QCOMPARE(started.count(), 0);
        engine.settingsSaved();
        QCOMPARE(started.count(), 1);
        QTRY_COMPARE(finished.count(), 1);
        // The file did not change: a watcher's echo is no save.
        engine.settingsFileChanged();
        QCOMPARE(started.count(), 1);
        QVERIFY(writeSettings(m_cfg, "schedule_type = On Settings Saved\ncontact_name = Someone Else\n"));
        engine.settingsFileChanged();
        QCOMPARE(started.count(), 2);
        QTRY_COMPARE(finished.count(), 2);
        // A changed schedule takes effect.
        QVERIFY(writeSettings(m_cfg, "schedule_type = Daily\nscheduled_time = 02:00:00\n"));
        QSignalSpy next(&engine, &Engine::nextRunChanged);
        engine.settingsFileChanged();
        QCOMPARE(engine.scheduler()->spec().type, ScheduleType::Daily);
        QVERIFY(engine.scheduler()->nextRun().isValid());
        QCOMPARE(started.count(), 2);
    }

    void pauseAndStopFromAnotherThread()
    {
        QVERIFY(writeSettings(m_cfg, "schedule_type = Daily\nscheduled_time = 02:00:00\n"));
        EngineThread host(m_cfg);
        Engine *engine = host.engine();
        engine->setApplyAutostart(false);
        // Received on this thread, queued: a QSignalSpy on the engine would
        // append on the engine's thread while this one reads it (a data race
        // `scripts/test --tsan` found).
        QObject here;
        QVector<bool> paused;
        int nextRuns = 0;
        connect(engine, &Engine::pausedChanged, &here, [&](bool p) { paused.append(p); });
        connect(engine, &Engine::nextRunChanged, &here, [&] { ++nextRuns; });
        host.start();
        QTRY_VERIFY(nextRuns >= 1);
        // Direct calls from this (another) thread.
        engine->pause();
        engine->pause(); // once is enough
        QTRY_COMPARE(paused.size(), 1);
        QVERIFY(engine->isPaused());
        engine->resume();
        QTRY_COMPARE(paused.size(), 2);
        QCOMPARE(paused.at(1), false);
        // Undone here, on the thread that made them, not by the engine's
        // destructor on its own thread.
        QObject::disconnect(engine, nullptr, &here, nullptr);
        QVERIFY(host.shutdown(5000));
    }

private:
    QTemporaryDir m_dir;
    QString m_cfg;
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
