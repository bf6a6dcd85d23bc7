// The one retry policy: one backoff function, loops above the request layer
// that retry only SSH and local failures, and creates that look before they
// are sent again.
#include "util/Retry.h"

#include <QtTest>

using namespace tardigrade;
using std::chrono::milliseconds;

namespace {
Error transient(ErrorOrigin origin, bool unknown = false)
{
    Error e = Error::transient(QStringLiteral("failed"));
    e.origin = origin;
    e.outcomeUnknown = unknown;
    return e;
}
} // namespace

class TestRetry : public QObject {
    Q_OBJECT

private slots:
    void delays_data()
    {
        QTest::addColumn<int>("retry");
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("expectedMs");
        // base 1000, cap 10000, jitter 0.5
        QTest::newRow("1st, middle") << 1 << 0.5 << qint64(1000);
        QTest::newRow("2nd, middle") << 2 << 0.5 << qint64(2000);
        QTest::newRow("3rd, middle") << 3 << 0.5 << qint64(4000);
        QTest::newRow("1st, lowest") << 1 << 0.0 << qint64(500);
        QTest::newRow("1st, highest") << 1 << 1.0 << qint64(1500);
        QTest::newRow("4th") << 4 << 0.5 << qint64(8000);
        QTest::newRow("5th, capped") << 5 << 0.5 << qint64(10000);
        QTest::newRow("5th, jitter stays under cap") << 5 << 1.0 << qint64(10000);
        QTest::newRow("5th, jitter below cap") << 5 << 0.0 << qint64(5000);
        QTest::newRow("huge") << 1000 << 0.5 << qint64(10000);
        QTest::newRow("0 taken as the first") << 0 << 0.5 << qint64(1000);
    }
    void delays()
    {
        QFETCH(int, retry);
        QFETCH(double, random);
        QFETCH(qint64, expectedMs);
        const Backoff b{milliseconds(1000), milliseconds(10000), 0.5};
        QCOMPARE(backoffDelay(retry, b, random).count(), expectedMs);
    }

    void retryAfterIsHonouredUpToTheCap()
    {
        const Backoff b{milliseconds(1000), milliseconds(10000), 0};
        QCOMPARE(backoffDelay(1, b, 0.5, milliseconds(7000)).count(), qint64(7000));
        QCOMPARE(backoffDelay(1, b, 0.5, milliseconds(70000)).count(), qint64(10000));
        QCOMPARE(backoffDelay(2, b, 0.5, milliseconds(10)).count(), qint64(2000));
    }

    void randomDrawStaysInRange()
    {
        const Backoff b{milliseconds(2000), milliseconds(120000), 0.25};
        for (int i = 0; i < 200; ++i) {
            const qint64 d = backoffDelay(2, b).count();
            QVERIFY(d >= 3000 && d <= 5000); // 4000 +/- 25 %
        }
    }

    void onlyLocalTransientFailuresAreRetriedAboveRequests()
    {
        QVERIFY(retryableAboveRequests(transient(ErrorOrigin::Local)));
        QVERIFY(!retryableAboveRequests(transient(ErrorOrigin::Http))); // the request layer retried it
        QVERIFY(!retryableAboveRequests(Error::permanent(QStringLiteral("x"))));
        QVERIFY(!retryableAboveRequests(Error::user(QStringLiteral("x"))));
        QVERIFY(!retryableAboveRequests(Error::cancelled()));
    }

    void loopRetriesUpToItsLimitOnTheClock()
    {
        FakeClock clock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        const QDateTime start = clock.now();
        int calls = 0, seen = 0;
        Status r = retryAboveRequests(
            3, Backoff{milliseconds(1000), milliseconds(60000), 0}, clock, nullptr,
            [&]() -> Status {
                ++calls;
                return transient(ErrorOrigin::Local);
            },
            [&](const Error &) { ++seen; });
        QVERIFY(!r.ok());
        QCOMPARE(calls, 3);
        QCOMPARE(seen, 2);
        QCOMPARE(start.msecsTo(clock.now()), qint64(1000 + 2000)); // waited on the clock, not the wall
    }

    void loopLeavesHttpFailuresAlone()
    {
        FakeClock clock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        int calls = 0;
        Status r = retryAboveRequests(5, Backoff{}, clock, nullptr, [&]() -> Status {
            ++calls;
            return transient(ErrorOrigin::Http);
        });
        QVERIFY(!r.ok());
        QCOMPARE(calls, 1);
    }

    void loopStopsOnCancel()
    {
        FakeClock clock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        std::atomic_bool cancel{false};
        int calls = 0;
        Status r = retryAboveRequests(5, Backoff{}, clock, &cancel, [&]() -> Status {
            ++calls;
            cancel = true;
            return transient(ErrorOrigin::Local);
        });
        QCOMPARE(r.error().kind, ErrorKind::Cancelled);
        QCOMPARE(calls, 1);
    }

    void lostCreateIsLookedUpBeforeItIsSentAgain_data()
    {
        QTest::addColumn<bool>("foundAfterLoss");
        QTest::addColumn<int>("creates");
        QTest::addColumn<int>("result");
        QTest::newRow("the lost create happened") << true << 1 << 7;
        QTest::newRow("it did not: create again") << false << 2 << 8;
    }
    void lostCreateIsLookedUpBeforeItIsSentAgain()
    {
        QFETCH(bool, foundAfterLoss);
        QFETCH(int, creates);
        QFETCH(int, result);
        FakeClock clock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        int made = 0, looked = 0;
        bool foundInstead = !foundAfterLoss;
        auto r = createOrFind<int>(
            [&]() -> Result<int> {
                if (++made == 1)
                    return transient(ErrorOrigin::Http, true); // answer lost
                return 8;
            },
            [&]() -> Result<std::optional<int>> {
                ++looked;
                return foundAfterLoss ? std::optional<int>(7) : std::optional<int>();
            },
            clock, nullptr, &foundInstead);
        QVERIFY(r.ok());
        QCOMPARE(*r, result);
        QCOMPARE(made, creates);
        QCOMPARE(looked, 1);
        // Found is not surely new: the caller must not take it as made.
        QCOMPARE(foundInstead, foundAfterLoss);
    }

    // A create is not given up sooner than a request the request layer may
    // resend (8 tries): seven lost answers in a row, then made.
    void lostCreatesGetAsManyTriesAsAnyRequest()
    {
        FakeClock clock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        int made = 0, looked = 0;
        auto r = createOrFind<int>(
            [&]() -> Result<int> {
                if (++made < 8)
                    return transient(ErrorOrigin::Http, true); // answer lost, and not made
                return 8;
            },
            [&]() -> Result<std::optional<int>> {
                ++looked;
                return std::optional<int>();
            },
            clock, nullptr);
        QVERIFY(r.ok());
        QCOMPARE(made, 8);
        QCOMPARE(looked, 7);
    }

    void failedCreateWithAKnownOutcomeIsNotRepeated()
    {
        FakeClock clock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        int made = 0, looked = 0;
        auto r = createOrFind<int>(
            [&]() -> Result<int> {
                ++made;
                return transient(ErrorOrigin::Http, false); // refused unread: the request layer's business
            },
            [&]() -> Result<std::optional<int>> {
                ++looked;
                return std::optional<int>();
            },
            clock, nullptr);
        QVERIFY(!r.ok());
        QCOMPARE(made, 1);
        QCOMPARE(looked, 0);
    }
};

QTEST_GUILESS_MAIN(TestRetry)
#include "tst_retry.moc"
