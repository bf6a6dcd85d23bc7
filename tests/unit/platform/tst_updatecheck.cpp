// The opt-in update check against a real (tiny) HTTP server on loopback:
// a notice when the feed names a newer release, none when it is the same,
// older, unreachable, junk or switched off; off fetches nothing; at most
// once a day; and never waits on the caller's thread.
#include "TinyHttpServer.h"
#include "platform/UpdateCheck.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace tardigrade;
using testhttp::TinyHttpServer;

class TestUpdateCheck : public QObject {
    Q_OBJECT

    // Runs one check against `url` with version 0.1.0 and answers what it said.
    static QList<ReleaseInfo> checkOnce(const QString &url)
    {
        UpdateCheck check(QStringLiteral("0.1.0"));
        check.configure(true, url);
        QSignalSpy newer(&check, &UpdateCheck::newerRelease);
        QSignalSpy checked(&check, &UpdateCheck::checked);
        check.checkIfDue();
        if (!QTest::qWaitFor([&checked] { return checked.count() == 1; }, 15000))
            return {ReleaseInfo{QStringLiteral("no answer"), {}, {}}};
        QList<ReleaseInfo> found;
        for (const auto &args : newer)
            found << args.at(0).value<ReleaseInfo>();
        return found;
    }

private slots:
    void noticeWhenNewer()
    {
        TinyHttpServer server;
        QVERIFY(server.isListening());
        server.answer(200, testhttp::releaseJson(QStringLiteral("v0.2.0")));
        const QList<ReleaseInfo> found = checkOnce(server.url());
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.at(0).version, QStringLiteral("0.2.0"));
        QCOMPARE(found.at(0).notes.toString(), QStringLiteral("https://github.com/mytardis/tardigrade/releases/tag/v0.2.0"));
        QCOMPARE(server.requests(), 1);
        // GitHub refuses requests without a User-Agent.
        QVERIFY2(server.lastRequest().contains("User-Agent: Tardigrade/0.1.0"), server.lastRequest().constData());
    }

    void quietWhenNotNewer_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("equal") << 200 << testhttp::releaseJson(QStringLiteral("v0.1.0"));
        QTest::newRow("older") << 200 << testhttp::releaseJson(QStringLiteral("0.0.9"));
        QTest::newRow("server error") << 500 << testhttp::releaseJson(QStringLiteral("v9.0"));
        QTest::newRow("rate limited, junk") << 403 << QByteArray("{\"message\":\"API rate limit exceeded\"}");
        QTest::newRow("not JSON") << 200 << QByteArray("<html>captive portal</html>");
    }
    void quietWhenNotNewer()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        TinyHttpServer server;
        server.answer(status, body);
        QVERIFY(checkOnce(server.url()).isEmpty());
        QCOMPARE(server.requests(), 1);
    }

    void quietWhenUnreachable()
    {
        // A port that was free a moment ago: connection refused.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        QVERIFY(checkOnce(QStringLiteral("http://127.0.0.1:%1/latest").arg(port)).isEmpty());
    }

    void offFetchesNothing()
    {
        TinyHttpServer server;
        server.answer(200, testhttp::releaseJson(QStringLiteral("v9.0")));
        UpdateCheck check(QStringLiteral("0.1.0"));
        QSignalSpy newer(&check, &UpdateCheck::newerRelease);
        check.configure(false, server.url());
        check.checkIfDue();
        QVERIFY(!check.isChecking());
        QTest::qWait(300);
        QCOMPARE(server.requests(), 0);
        QCOMPARE(newer.count(), 0);
    }

    void atMostOnceADayAndNeverBlocking()
    {
        TinyHttpServer server;
        server.answer(200, testhttp::releaseJson(QStringLiteral("v9.0")));
        UpdateCheck check(QStringLiteral("0.1.0"));
        check.configure(true, server.url());
        QSignalSpy checked(&check, &UpdateCheck::checked);
        // Checked an hour ago (a restart): not again today.
        check.setLastChecked(QDateTime::currentDateTimeUtc().addSecs(-3600));
        check.checkIfDue();
        QVERIFY(!check.isChecking());
        // A day ago: now. The call only sends the request.
        check.setLastChecked(QDateTime::currentDateTimeUtc().addSecs(-UpdateCheck::IntervalSecs - 60));
        QElapsedTimer t;
        t.start();
        check.checkIfDue();
        QVERIFY(t.elapsed() < 200);
        QVERIFY(check.isChecking());
        QCOMPARE(server.requests(), 0); // the server has not even seen it yet
        QTRY_COMPARE(checked.count(), 1);
        QCOMPARE(server.requests(), 1);
        // Right after: not again.
        check.checkIfDue();
        QTest::qWait(200);
        QCOMPARE(server.requests(), 1);
        QVERIFY(check.lastChecked().secsTo(QDateTime::currentDateTimeUtc()) < 60);
    }

    void turnedOffWhileCheckingSaysNothing()
    {
        TinyHttpServer server;
        server.answer(200, testhttp::releaseJson(QStringLiteral("v9.0")));
        UpdateCheck check(QStringLiteral("0.1.0"));
        QSignalSpy newer(&check, &UpdateCheck::newerRelease);
        check.configure(true, server.url());
        check.checkIfDue();
        check.configure(false, server.url());
        QTest::qWait(300);
        QCOMPARE(newer.count(), 0);
    }

    void emptyUrlIsTheProjectsFeed()
    {
        UpdateCheck check(QStringLiteral("0.1.0"));
        check.configure(false, QStringLiteral("  "));
        QCOMPARE(check.feedUrl(), QUrl(QString::fromLatin1(ReleaseFeed::DefaultUrl)));
    }
};

QTEST_GUILESS_MAIN(TestUpdateCheck)
#include "tst_updatecheck.moc"
