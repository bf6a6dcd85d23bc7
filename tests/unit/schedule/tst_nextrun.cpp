// nextRunTime() over every schedule type, the Timer window, week boundaries,
// DST in a real zone, missed runs after sleep and clock jumps.
#include "ScheduleTestUtil.h"
#include "schedule/NextRun.h"
#include "settings/Settings.h"

#include <QtTest>

using namespace tardigrade;
using scheduletest::at;
using scheduletest::melbourne;

class TestNextRun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void nextRun_data();
    void nextRun();
    void firstInstant_data();
    void firstInstant();
    void sleepRunsOnce();
    void clockJumpBackNeitherStormNorStall();
    void validate_data();
    void validate();
    void fromSettings();
};

void TestNextRun::initTestCase()
{
    QVERIFY2(melbourne().isValid(), "tzdata for Australia/Melbourne is needed");
}

void TestNextRun::nextRun_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("days"); // Qt::DayOfWeek numbers, 1 = Monday
    QTest::addColumn<int>("minutes");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("now");
    QTest::addColumn<QString>("last");     // "" = never run
    QTest::addColumn<QString>("expected"); // "none", "now" or a time

    // 2026-03-02 is a Monday; Melbourne is on AEDT (+11) all that week.
    auto row = [](const char *name, const char *type, const char *date, const char *time, const char *days, int minutes,
                  const char *from, const char *to, const char *now, const char *last, const char *expected) {
        QTest::newRow(name) << QString::fromLatin1(type) << QString::fromLatin1(date) << QString::fromLatin1(time)
                            << QString::fromLatin1(days) << minutes << QString::fromLatin1(from)
                            << QString::fromLatin1(to) << QString::fromLatin1(now) << QString::fromLatin1(last)
                            << QString::fromLatin1(expected);
    };

    // Events, not times.
    row("on startup", "On Startup", "", "09:00:00", "", 15, "", "", "2026-03-02T10:00", "", "none");
    row("on settings saved", "On Settings Saved", "", "09:00:00", "", 15, "", "", "2026-03-02T10:00", "", "none");
    row("manually", "Manually", "2026-03-02", "09:00:00", "1", 15, "", "", "2026-03-02T10:00", "", "none");

    // Once.
    row("once future", "Once", "2026-03-05", "09:00:00", "", 15, "", "", "2026-03-02T10:00", "", "2026-03-05T09:00");
    row("once exactly now", "Once", "2026-03-02", "10:00:00", "", 15, "", "", "2026-03-02T10:00", "", "now");
    row("once past never run", "Once", "2026-03-01", "09:00:00", "", 15, "", "", "2026-03-02T10:00", "", "none");
    row("once already run", "Once", "2026-03-05", "09:00:00", "", 15, "", "", "2026-03-05T09:10", "2026-03-05T09:00",
        "none");
    row("once slept through", "Once", "2026-03-05", "09:00:00", "", 15, "", "", "2026-03-06T08:00", "2026-03-04T12:00",
        "now");
    row("once no date", "Once", "", "09:00:00", "", 15, "", "", "2026-03-02T10:00", "", "none");

    // Daily.
    row("daily later today", "Daily", "", "14:00:00", "", 15, "", "", "2026-03-02T10:00", "", "2026-03-02T14:00");
    row("daily passed today", "Daily", "", "09:00:00", "", 15, "", "", "2026-03-02T10:00", "", "2026-03-03T09:00");
    row("daily exactly now", "Daily", "", "10:00:00", "", 15, "", "", "2026-03-02T10:00", "", "now");
    row("daily just ran", "Daily", "", "09:00:00", "", 15, "", "", "2026-03-02T09:00:02", "2026-03-02T09:00:01",
        "2026-03-03T09:00");
    row("daily slept three days", "Daily", "", "09:00:00", "", 15, "", "", "2026-03-05T10:00", "2026-03-02T09:00",
        "now");
    row("daily clock back days", "Daily", "", "09:00:00", "", 15, "", "", "2026-03-02T10:00", "2026-03-05T09:00",
        "2026-03-03T09:00");
    row("daily no time", "Daily", "", "", "", 15, "", "", "2026-03-02T10:00", "", "none");

    // Weekly.
    row("weekly mon wed fri", "Weekly", "", "09:00:00", "1,3,5", 15, "", "", "2026-03-02T10:00", "2026-03-02T09:00",
        "2026-03-04T09:00");
    row("weekly same day later", "Weekly", "", "09:00:00", "1", 15, "", "", "2026-03-02T08:00", "", "2026-03-02T09:00");
    row("weekly across week end", "Weekly", "", "09:00:00", "1", 15, "", "", "2026-03-07T10:00", "",
        "2026-03-09T09:00");
    row("weekly sunday to sunday", "Weekly", "", "09:00:00", "7", 15, "", "", "2026-03-08T09:30", "2026-03-08T09:00",
        "2026-03-15T09:00");
    row("weekly sunday night to monday", "Weekly", "", "09:00:00", "1,7", 15, "", "", "2026-03-08T23:00",
        "2026-03-08T09:00", "2026-03-09T09:00");
    row("weekly slept a fortnight", "Weekly", "", "09:00:00", "1", 15, "", "", "2026-03-20T12:00", "2026-03-02T09:00",
        "now");
    row("weekly no day", "Weekly", "", "09:00:00", "", 15, "", "", "2026-03-02T10:00", "", "none");

    // Timer, all day (the defaults 00:00-23:59).
    row("timer first run", "Timer", "", "", "", 15, "", "", "2026-03-02T10:00", "", "now");
    row("timer interval", "Timer", "", "", "", 15, "", "", "2026-03-02T10:05", "2026-03-02T10:00", "2026-03-02T10:15");
    row("timer slept", "Timer", "", "", "", 15, "08:00:00", "18:00:00", "2026-03-02T14:00", "2026-03-02T10:00", "now");
    row("timer clock back", "Timer", "", "", "", 15, "", "", "2026-03-02T09:00", "2026-03-02T10:00",
        "2026-03-02T09:15");
    row("timer zero minutes", "Timer", "", "", "", 0, "", "", "2026-03-02T10:00", "", "none");
    row("timer from equals to", "Timer", "", "", "", 15, "08:00:00", "08:00:00", "2026-03-02T03:00", "", "now");

    // Timer window 08:00-18:00: edges.
    row("window before from", "Timer", "", "", "", 15, "08:00:00", "18:00:00", "2026-03-02T07:59", "",
        "2026-03-02T08:00");
    row("window exactly at from", "Timer", "", "", "", 15, "08:00:00", "18:00:00", "2026-03-02T08:00", "", "now");
    row("window exactly at to", "Timer", "", "", "", 15, "08:00:00", "18:00:00", "2026-03-02T18:00", "", "now");
    row("window interval lands on to", "Timer", "", "", "", 15, "08:00:00", "18:00:00", "2026-03-02T17:50",
        "2026-03-02T17:45", "2026-03-02T18:00");
    row("window just after to", "Timer", "", "", "", 15, "08:00:00", "18:00:00", "2026-03-02T18:00:01", "",
        "2026-03-03T08:00");
    row("window interval past to", "Timer", "", "", "", 15, "08:00:00", "18:00:00", "2026-03-02T17:55",
        "2026-03-02T17:50", "2026-03-03T08:00");
    row("window slept past close", "Timer", "", "", "", 15, "08:00:00", "18:00:00", "2026-03-03T19:00",
        "2026-03-02T17:55", "2026-03-04T08:00");

    // Timer window 22:00-02:00 wraps past midnight.
    row("wrap inside evening", "Timer", "", "", "", 15, "22:00:00", "02:00:00", "2026-03-02T23:00", "", "now");
    row("wrap inside morning", "Timer", "", "", "", 15, "22:00:00", "02:00:00", "2026-03-03T01:00", "", "now");
    row("wrap outside midday", "Timer", "", "", "", 15, "22:00:00", "02:00:00", "2026-03-02T12:00", "",
        "2026-03-02T22:00");
    row("wrap across midnight", "Timer", "", "", "", 15, "22:00:00", "02:00:00", "2026-03-02T23:55", "2026-03-02T23:50",
        "2026-03-03T00:05");
    row("wrap closes", "Timer", "", "", "", 15, "22:00:00", "02:00:00", "2026-03-03T01:55", "2026-03-03T01:50",
        "2026-03-03T22:00");
    row("wrap exactly at to", "Timer", "", "", "", 15, "22:00:00", "02:00:00", "2026-03-03T02:00", "", "now");
    row("wrap just after to", "Timer", "", "", "", 15, "22:00:00", "02:00:00", "2026-03-03T02:00:01", "",
        "2026-03-03T22:00");

    // DST, spring forward: Sun 2026-10-04 02:00 AEST -> 03:00 AEDT.
    row("dst daily in gap", "Daily", "", "02:30:00", "", 15, "", "", "2026-10-03T12:00", "",
        "2026-10-04T03:00:00+11:00");
    row("dst daily at gap start", "Daily", "", "02:00:00", "", 15, "", "", "2026-10-03T12:00", "",
        "2026-10-04T03:00:00+11:00");
    row("dst daily before gap", "Daily", "", "01:59:00", "", 15, "", "", "2026-10-03T12:00", "",
        "2026-10-04T01:59:00+10:00");
    row("dst daily day after gap", "Daily", "", "02:30:00", "", 15, "", "", "2026-10-04T03:01:00+11:00",
        "2026-10-04T03:00:00+11:00", "2026-10-05T02:30:00+11:00");
    row("dst daily keeps wall time", "Daily", "", "09:00:00", "", 15, "", "", "2026-10-03T10:00", "2026-10-03T09:00",
        "2026-10-04T09:00:00+11:00");
    row("dst weekly sunday in gap", "Weekly", "", "02:30:00", "7", 15, "", "", "2026-10-01T12:00", "",
        "2026-10-04T03:00:00+11:00");
    row("dst timer real elapsed spring", "Timer", "", "", "", 15, "", "", "2026-10-04T01:51:00+10:00",
        "2026-10-04T01:50:00+10:00", "2026-10-04T03:05:00+11:00");
    row("dst once in gap", "Once", "2026-10-04", "02:15:00", "", 15, "", "", "2026-10-01T12:00", "",
        "2026-10-04T03:00:00+11:00");

    // DST, fall back: Sun 2026-04-05 03:00 AEDT -> 02:00 AEST; 02:xx twice.
    row("dst daily repeated hour first", "Daily", "", "02:30:00", "", 15, "", "", "2026-04-04T12:00", "",
        "2026-04-05T02:30:00+11:00");
    row("dst daily repeated hour once", "Daily", "", "02:30:00", "", 15, "", "", "2026-04-05T02:10:00+10:00",
        "2026-04-05T02:30:00+11:00", "2026-04-06T02:30:00+10:00");
    row("dst daily second pass of hour", "Daily", "", "02:30:00", "", 15, "", "", "2026-04-05T02:45:00+10:00",
        "2026-04-05T02:30:00+11:00", "2026-04-06T02:30:00+10:00");
    row("dst timer real elapsed fall", "Timer", "", "", "", 15, "", "", "2026-04-05T02:55:00+11:00",
        "2026-04-05T02:50:00+11:00", "2026-04-05T02:05:00+10:00");
}

void TestNextRun::nextRun()
{
    QFETCH(QString, type);
    QFETCH(QString, date);
    QFETCH(QString, time);
    QFETCH(QString, days);
    QFETCH(int, minutes);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, now);
    QFETCH(QString, last);
    QFETCH(QString, expected);

    const ScheduleSpec s = scheduletest::spec(type, date, time, days, minutes, from, to);
    const QDateTime nowAt = at(now);
    std::optional<QDateTime> lastRun;
    if (!last.isEmpty())
        lastRun = at(last);
    const std::optional<QDateTime> next = nextRunTime(s, nowAt, lastRun);

    if (expected == QLatin1String("none")) {
        QVERIFY2(!next, qPrintable(next ? next->toString(Qt::ISODateWithMs) : QString()));
        return;
    }
    QVERIFY(next.has_value());
    const QDateTime want = expected == QLatin1String("now") ? nowAt : at(expected);
    QCOMPARE(next->toUTC(), want.toUTC());
}

void TestNextRun::firstInstant_data()
{
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("expectedUtc");
    QTest::newRow("ordinary summer") << "2026-03-02"
                                     << "10:00:00"
                                     << "2026-03-01T23:00:00Z";
    QTest::newRow("ordinary winter") << "2026-07-01"
                                     << "10:00:00"
                                     << "2026-07-01T00:00:00Z";
    QTest::newRow("gap resolves to transition") << "2026-10-04"
                                                << "02:30:00"
                                                << "2026-10-03T16:00:00Z";
    QTest::newRow("repeat resolves to first") << "2026-04-05"
                                              << "02:30:00"
                                              << "2026-04-04T15:30:00Z";
}

void TestNextRun::firstInstant()
{
    QFETCH(QString, date);
    QFETCH(QString, time);
    QFETCH(QString, expectedUtc);
    const QDateTime got =
        firstInstantAt(QDate::fromString(date, Qt::ISODate), QTime::fromString(time, Qt::ISODate), melbourne());
    QCOMPARE(got.toUTC(), QDateTime::fromString(expectedUtc, Qt::ISODate));
}

// Walks a simulated clock the way the Scheduler does: a run whenever the
// answer is due. A laptop asleep for four days through a daily 09:00 and a
// 15-minute timer gets one run on wake, not one per missed slot.
void TestNextRun::sleepRunsOnce()
{
    for (const QString &type : {QStringLiteral("Daily"), QStringLiteral("Timer")}) {
        const ScheduleSpec s = scheduletest::spec(type, {}, QStringLiteral("09:00:00"), {}, 15, {}, {});
        std::optional<QDateTime> last = at(QStringLiteral("2026-03-02T09:00"));
        const QDateTime wake = at(QStringLiteral("2026-03-06T10:00"));
        int runs = 0;
        for (int check = 0; check < 50; ++check) { // the scheduler re-checks right after a run
            const std::optional<QDateTime> next = nextRunTime(s, wake, last);
            QVERIFY(next);
            if (*next > wake)
                break;
            ++runs;
            last = wake;
        }
        QCOMPARE(runs, 1);
    }
}

// The clock jumps back a week after a run: the next run is the next slot
// after the new "now", not a burst and not a week's wait.
void TestNextRun::clockJumpBackNeitherStormNorStall()
{
    const ScheduleSpec s = scheduletest::spec(QStringLiteral("Daily"), {}, QStringLiteral("09:00:00"), {}, 15, {}, {});
    const QDateTime last = at(QStringLiteral("2026-03-09T09:00"));
    const QDateTime now = at(QStringLiteral("2026-03-02T12:00"));
    const std::optional<QDateTime> next = nextRunTime(s, now, last);
    QVERIFY(next);
    QVERIFY(*next > now);                    // no storm
    QVERIFY(now.secsTo(*next) <= 24 * 3600); // no stall
}

void TestNextRun::validate_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("days");
    QTest::addColumn<int>("minutes");
    QTest::addColumn<QString>("problem"); // a word the sentence must contain; "" = valid

    QTest::newRow("manually") << "Manually"
                              << ""
                              << ""
                              << "" << 15 << "";
    QTest::newRow("once future") << "Once"
                                 << "2026-03-05"
                                 << "09:00:00"
                                 << "" << 15 << "";
    QTest::newRow("once past") << "Once"
                               << "2026-03-01"
                               << "09:00:00"
                               << "" << 15 << "past";
    QTest::newRow("once no date") << "Once"
                                  << ""
                                  << "09:00:00"
                                  << "" << 15 << "date";
    QTest::newRow("daily") << "Daily"
                           << ""
                           << "09:00:00"
                           << "" << 15 << "";
    QTest::newRow("daily no time") << "Daily"
                                   << ""
                                   << ""
                                   << "" << 15 << "time";
    QTest::newRow("weekly") << "Weekly"
                            << ""
                            << "09:00:00"
                            << "2" << 15 << "";
    QTest::newRow("weekly no day") << "Weekly"
                                   << ""
                                   << "09:00:00"
                                   << "" << 15 << "tick";
    QTest::newRow("timer") << "Timer"
                           << ""
                           << ""
                           << "" << 15 << "";
    QTest::newRow("timer zero") << "Timer"
                                << ""
                                << ""
                                << "" << 0 << "minute";
}

void TestNextRun::validate()
{
    QFETCH(QString, type);
    QFETCH(QString, date);
    QFETCH(QString, time);
    QFETCH(QString, days);
    QFETCH(int, minutes);
    QFETCH(QString, problem);
    const ScheduleSpec s = scheduletest::spec(type, date, time, days, minutes, {}, {});
    const QString message = validateSchedule(s, at(QStringLiteral("2026-03-02T10:00")));
    if (problem.isEmpty()) {
        QVERIFY2(message.isEmpty(), qPrintable(message));
    } else {
        QVERIFY2(message.contains(problem, Qt::CaseInsensitive), qPrintable(message));
        QVERIFY(message.endsWith(QLatin1Char('.')));
    }
}

void TestNextRun::fromSettings()
{
    Settings settings;
    QVERIFY(settings.setValue(SettingKey::ScheduleType, QStringLiteral("Weekly")).ok());
    QVERIFY(settings.setValue(SettingKey::ScheduledTime, QStringLiteral("02:46:00")).ok());
    QVERIFY(settings.setValue(SettingKey::ScheduledDate, QStringLiteral("2015-08-25")).ok());
    QVERIFY(settings.setValue(SettingKey::TuesdayChecked, QStringLiteral("True")).ok());
    QVERIFY(settings.setValue(SettingKey::SundayChecked, QStringLiteral("True")).ok());
    QVERIFY(settings.setValue(SettingKey::TimerMinutes, QStringLiteral("30")).ok());
    QVERIFY(settings.setValue(SettingKey::TimerFromTime, QStringLiteral("22:00:00")).ok());

    const ScheduleSpec s = ScheduleSpec::fromSettings(settings, melbourne());
    QCOMPARE(s.type, ScheduleType::Weekly);
    QCOMPARE(s.time, QTime(2, 46));
    QCOMPARE(s.date, QDate(2015, 8, 25));
    QVERIFY(!s.isWeekdayTicked(Qt::Monday));
    QVERIFY(s.isWeekdayTicked(Qt::Tuesday));
    QVERIFY(s.isWeekdayTicked(Qt::Sunday));
    QCOMPARE(s.timerMinutes, 30);
    QCOMPARE(s.timerFrom, QTime(22, 0));
    QCOMPARE(s.timerTo, QTime(23, 59)); // the default
    QCOMPARE(s.zone, melbourne());
    QCOMPARE(s.describe(), QStringLiteral("Weekly on Tue, Sun at 02:46"));

    const ScheduleSpec defaults = ScheduleSpec::fromSettings(Settings());
    QCOMPARE(defaults.type, ScheduleType::Manually);
    QCOMPARE(defaults.timerMinutes, 15);
    QCOMPARE(defaults.timerFrom, QTime(0, 0));

    for (const QString &name :
         {QStringLiteral("On Startup"), QStringLiteral("On Settings Saved"), QStringLiteral("Manually"),
          QStringLiteral("Once"), QStringLiteral("Daily"), QStringLiteral("Weekly"), QStringLiteral("Timer")})
        QCOMPARE(scheduleTypeName(scheduleTypeFromName(name).value()), name);
}

QTEST_GUILESS_MAIN(TestNextRun)
#include "tst_nextrun.moc"
