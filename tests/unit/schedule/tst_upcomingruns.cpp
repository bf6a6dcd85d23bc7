// The Tasks tab's "Next runs": the next few times a schedule falls due,
// from the scheduler's next run onwards, across a DST change.
#include "ScheduleTestUtil.h"
#include "schedule/UpcomingRuns.h"

#include <QtTest>

using namespace tardigrade;
using scheduletest::at;
using scheduletest::spec;

class TestUpcomingRuns : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(scheduletest::melbourne().isValid(), "tzdata for Australia/Melbourne is needed"); }

    void daily()
    {
        const auto s = spec(QStringLiteral("Daily"), {}, QStringLiteral("02:30"), {}, 0, {}, {});
        // Melbourne springs forward on Sunday 2026-10-04: 02:30 does not
        // exist that day and the run is at the first instant after the gap.
        const QVector<QDateTime> times = upcomingRuns(s, at(QStringLiteral("2026-10-02T02:30")), 5);
        QCOMPARE(times.size(), 5);
        QCOMPARE(times.at(0), at(QStringLiteral("2026-10-02T02:30")));
        QCOMPARE(times.at(1), at(QStringLiteral("2026-10-03T02:30")));
        QCOMPARE(times.at(2).toTimeZone(scheduletest::melbourne()).date(), QDate(2026, 10, 4));
        QCOMPARE(times.at(3), at(QStringLiteral("2026-10-05T02:30")));
        QCOMPARE(times.at(4), at(QStringLiteral("2026-10-06T02:30")));
    }

    void weeklyAndTimer()
    {
        // Monday and Thursday at 09:00.
        const auto w = spec(QStringLiteral("Weekly"), {}, QStringLiteral("09:00"), QStringLiteral("1,4"), 0, {}, {});
        const QVector<QDateTime> weekly = upcomingRuns(w, at(QStringLiteral("2026-03-02T09:00")), 4);
        QCOMPARE(weekly, (QVector<QDateTime>{at(QStringLiteral("2026-03-02T09:00")), at(QStringLiteral("2026-03-05T09:00")),
                                            at(QStringLiteral("2026-03-09T09:00")), at(QStringLiteral("2026-03-12T09:00"))}));

        // Every 30 minutes between 22:00 and 23:00: three a night.
        const auto t = spec(QStringLiteral("Timer"), {}, {}, {}, 30, QStringLiteral("22:00"), QStringLiteral("23:00"));
        const QVector<QDateTime> timer = upcomingRuns(t, at(QStringLiteral("2026-03-02T22:00")), 5);
        QCOMPARE(timer, (QVector<QDateTime>{at(QStringLiteral("2026-03-02T22:00")), at(QStringLiteral("2026-03-02T22:30")),
                                           at(QStringLiteral("2026-03-02T23:00")), at(QStringLiteral("2026-03-03T22:00")),
                                           at(QStringLiteral("2026-03-03T22:30"))}));
    }

    void onceHasOneAndEventsNone()
    {
        const auto once = spec(QStringLiteral("Once"), QStringLiteral("2026-12-01"), QStringLiteral("08:00"), {}, 0, {}, {});
        QCOMPARE(upcomingRuns(once, at(QStringLiteral("2026-12-01T08:00")), 5).size(), 1);
        for (const QString &type : {QStringLiteral("Manually"), QStringLiteral("On Startup"), QStringLiteral("On Settings Saved")})
            QVERIFY(upcomingRuns(spec(type, {}, {}, {}, 0, {}, {}), at(QStringLiteral("2026-12-01T08:00")), 5).isEmpty());
        const auto daily = spec(QStringLiteral("Daily"), {}, QStringLiteral("02:30"), {}, 0, {}, {});
        QVERIFY(upcomingRuns(daily, QDateTime(), 5).isEmpty()); // the engine has none (paused)
    }
};

QTEST_GUILESS_MAIN(TestUpcomingRuns)
#include "tst_upcomingruns.moc"
