// Scheduler driven by a FakeClock: checkNow() stands in for the timer.
#include "ScheduleTestUtil.h"
#include "schedule/Scheduler.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

using namespace tardigrade;
using scheduletest::at;

namespace {
ScheduleSpec daily(const char *time = "09:00:00")
{
    return scheduletest::spec(QStringLiteral("Daily"), {}, QString::fromLatin1(time), {}, 15, {}, {});
}
ScheduleSpec ofType(const char *type)
{
    return scheduletest::spec(QString::fromLatin1(type), {}, QStringLiteral("09:00:00"), {}, 15, {}, {});
}
} // namespace

class TestScheduler : public QObject {
    Q_OBJECT
private slots:
    void dueRunEmittedOnce();
    void sleepThroughRunsOnce();
    void skippedWhileBusyIsLoggedNotQueued();
    void pauseAndResume();
    void syncNow();
    void syncNowRestartsTimerInterval();
    void startupAndSettingsSaved_data();
    void startupAndSettingsSaved();
    void idleHasNoTimer();
    void clockJumpBack();
    void lastRunRestoredCatchesUpOnce();
    void editingTheTimeDoesNotFireAtOnce();
    void realTimerCallsCheckNow();
};

void TestScheduler::dueRunEmittedOnce()
{
    FakeClock clock(at(QStringLiteral("2026-03-02T08:59")));
    Scheduler s(daily(), clock);
    QSignalSpy due(&s, &Scheduler::runDue);
    QSignalSpy next(&s, &Scheduler::nextRunChanged);
    s.start();
    QCOMPARE(due.count(), 0);
    QCOMPARE(s.nextRun(), at(QStringLiteral("2026-03-02T09:00")));
    QCOMPARE(next.count(), 1);
    QCOMPARE(s.armedIntervalMs(), 60000);

    clock.advanceSecs(30);
    s.checkNow();
    QCOMPARE(due.count(), 0);
    QCOMPARE(s.armedIntervalMs(), 30000); // straight to the run, not a minute

    clock.advanceSecs(31);
    s.checkNow();
    s.checkNow();
    QCOMPARE(due.count(), 1);
    QCOMPARE(due.at(0).at(0).toString(), QStringLiteral("Daily"));
    QCOMPARE(s.nextRun(), at(QStringLiteral("2026-03-03T09:00")));
    QCOMPARE(next.count(), 2);
    QCOMPARE(next.at(1).at(0).toDateTime(), at(QStringLiteral("2026-03-03T09:00")));
    QCOMPARE(s.lastRun().value(), clock.now());
}

void TestScheduler::sleepThroughRunsOnce()
{
    FakeClock clock(at(QStringLiteral("2026-03-02T08:00")));
    Scheduler s(daily(), clock);
    QSignalSpy due(&s, &Scheduler::runDue);
    s.start();
    clock.set(at(QStringLiteral("2026-03-06T10:00"))); // four 09:00s slept through
    for (int i = 0; i < 5; ++i)
        s.checkNow();
    QCOMPARE(due.count(), 1);
    QCOMPARE(s.nextRun(), at(QStringLiteral("2026-03-07T09:00")));
}

void TestScheduler::skippedWhileBusyIsLoggedNotQueued()
{
    FakeClock clock(at(QStringLiteral("2026-03-02T10:00")));
    Scheduler s(ofType("Timer"), clock);
    QSignalSpy due(&s, &Scheduler::runDue);
    QSignalSpy skipped(&s, &Scheduler::runSkipped);
    s.start(); // a Timer runs first at start
    QCOMPARE(due.count(), 1);
    s.setBusy(true);

    clock.advanceSecs(15 * 60);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("Timer run was skipped.*in progress")));
    s.checkNow();
    QCOMPARE(due.count(), 1);
    QCOMPARE(skipped.count(), 1);

    clock.advanceSecs(60);
    s.setBusy(false);
    s.checkNow();
    QCOMPARE(due.count(), 1); // not queued
    QCOMPARE(s.nextRun(), at(QStringLiteral("2026-03-02T10:30")));

    clock.advanceSecs(14 * 60);
    s.checkNow();
    QCOMPARE(due.count(), 2);
}

void TestScheduler::pauseAndResume()
{
    FakeClock clock(at(QStringLiteral("2026-03-02T08:00")));
    Scheduler s(daily(), clock);
    QSignalSpy due(&s, &Scheduler::runDue);
    QSignalSpy paused(&s, &Scheduler::pausedChanged);
    s.start();
    s.pause();
    QVERIFY(s.isPaused());
    QCOMPARE(s.armedIntervalMs(), -1);
    clock.set(at(QStringLiteral("2026-03-04T10:00")));
    s.checkNow();
    QCOMPARE(due.count(), 0);

    s.resume();
    QVERIFY(!s.isPaused());
    QCOMPARE(due.count(), 1); // missed while paused: once
    s.checkNow();
    QCOMPARE(due.count(), 1);
    QCOMPARE(paused.count(), 2);
    QVERIFY(s.armedIntervalMs() > 0);
}

void TestScheduler::syncNow()
{
    FakeClock clock(at(QStringLiteral("2026-03-02T08:00")));
    Scheduler s(ofType("Manually"), clock);
    QSignalSpy due(&s, &Scheduler::runDue);
    QSignalSpy skipped(&s, &Scheduler::runSkipped);
    s.start();
    QVERIFY(s.syncNow());
    QCOMPARE(due.count(), 1);
    QCOMPARE(due.at(0).at(0).toString(), QStringLiteral("Sync Now"));

    s.pause();
    QVERIFY(s.syncNow()); // paused stops the schedule, not the user
    QCOMPARE(due.count(), 2);

    s.setBusy(true);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("already in progress")));
    QVERIFY(!s.syncNow());
    QCOMPARE(due.count(), 2);
    QCOMPARE(skipped.count(), 1);
    QVERIFY(skipped.at(0).at(0).toString().contains(QStringLiteral("already in progress")));
}

void TestScheduler::syncNowRestartsTimerInterval()
{
    FakeClock clock(at(QStringLiteral("2026-03-02T10:00")));
    Scheduler s(ofType("Timer"), clock);
    QSignalSpy due(&s, &Scheduler::runDue);
    s.start();
    QCOMPARE(s.nextRun(), at(QStringLiteral("2026-03-02T10:15")));
    clock.set(at(QStringLiteral("2026-03-02T10:10")));
    QVERIFY(s.syncNow());
    QCOMPARE(s.nextRun(), at(QStringLiteral("2026-03-02T10:25")));
    clock.set(at(QStringLiteral("2026-03-02T10:16")));
    s.checkNow();
    QCOMPARE(due.count(), 2); // no scheduled run six minutes after a manual one
}

void TestScheduler::startupAndSettingsSaved_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("onStart");
    QTest::addColumn<int>("onSave");
    QTest::newRow("On Startup") << "On Startup" << 1 << 0;
    QTest::newRow("On Settings Saved") << "On Settings Saved" << 0 << 1;
    QTest::newRow("Manually") << "Manually" << 0 << 0;
    QTest::newRow("Daily") << "Daily" << 0 << 0;
}

void TestScheduler::startupAndSettingsSaved()
{
    QFETCH(QString, type);
    QFETCH(int, onStart);
    QFETCH(int, onSave);
    FakeClock clock(at(QStringLiteral("2026-03-02T08:00")));
    Scheduler s(scheduletest::spec(type, {}, QStringLiteral("09:00:00"), {}, 15, {}, {}), clock);
    QSignalSpy due(&s, &Scheduler::runDue);
    s.start();
    s.start(); // twice is once
    QCOMPARE(due.count(), onStart);
    s.settingsSaved();
    QCOMPARE(due.count(), onStart + onSave);
    if (onStart + onSave > 0)
        QCOMPARE(due.last().at(0).toString(), type);
}

void TestScheduler::idleHasNoTimer()
{
    FakeClock clock(at(QStringLiteral("2026-03-02T08:00")));
    for (const char *type : {"Manually", "On Startup", "On Settings Saved"}) {
        Scheduler s(ofType(type), clock);
        s.start();
        QCOMPARE(s.armedIntervalMs(), -1);
        QVERIFY(!s.nextRun().isValid());
    }
    Scheduler once(scheduletest::spec(QStringLiteral("Once"), QStringLiteral("2026-03-02"), QStringLiteral("08:30:00"),
                                      {}, 15, {}, {}),
                   clock);
    QSignalSpy due(&once, &Scheduler::runDue);
    once.start();
    clock.advanceSecs(3600);
    once.checkNow();
    QCOMPARE(due.count(), 1);
    QCOMPARE(once.armedIntervalMs(), -1); // done: nothing left to wait for
}

void TestScheduler::clockJumpBack()
{
    FakeClock clock(at(QStringLiteral("2026-03-05T09:00:05")));
    Scheduler s(daily(), clock);
    s.setLastRun(at(QStringLiteral("2026-03-05T09:00")));
    QSignalSpy due(&s, &Scheduler::runDue);
    s.start();
    QCOMPARE(due.count(), 0);
    QCOMPARE(s.nextRun(), at(QStringLiteral("2026-03-06T09:00")));

    clock.set(at(QStringLiteral("2026-03-02T10:00"))); // three days back
    for (int i = 0; i < 5; ++i)
        s.checkNow();
    QCOMPARE(due.count(), 0);                                      // no storm
    QCOMPARE(s.nextRun(), at(QStringLiteral("2026-03-03T09:00"))); // no stall
    QCOMPARE(s.armedIntervalMs(), 60000);
}

void TestScheduler::lastRunRestoredCatchesUpOnce()
{
    FakeClock clock(at(QStringLiteral("2026-03-05T12:00")));
    Scheduler s(daily(), clock);
    s.setLastRun(at(QStringLiteral("2026-03-02T09:00")));
    QSignalSpy due(&s, &Scheduler::runDue);
    s.start();
    s.checkNow();
    QCOMPARE(due.count(), 1);
}

void TestScheduler::editingTheTimeDoesNotFireAtOnce()
{
    FakeClock clock(at(QStringLiteral("2026-03-02T09:00")));
    Scheduler s(daily("09:00:00"), clock);
    QSignalSpy due(&s, &Scheduler::runDue);
    s.start();
    QCOMPARE(due.count(), 1);
    clock.set(at(QStringLiteral("2026-03-02T12:00")));
    s.setSpec(daily("10:00:00")); // already past today
    QCOMPARE(due.count(), 1);
    QCOMPARE(s.nextRun(), at(QStringLiteral("2026-03-03T10:00")));
}

// The wiring: the armed QTimer really calls checkNow().
void TestScheduler::realTimerCallsCheckNow()
{
    FakeClock clock(at(QStringLiteral("2026-03-02T08:59:59")));
    Scheduler s(daily(), clock);
    QSignalSpy due(&s, &Scheduler::runDue);
    s.start();
    QCOMPARE(s.armedIntervalMs(), 1000);
    clock.advanceSecs(1);
    QVERIFY(due.wait(5000));
    QCOMPARE(due.count(), 1);
}

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
