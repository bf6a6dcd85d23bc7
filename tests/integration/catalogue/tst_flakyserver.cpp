// Retries against the real stand-in when it fails a third of the requests
// (half 500s, half answers broken off mid-body): look-ups and paged listings
// still come out complete and right, never as a half-read "empty" answer.
#include "StandinProcess.h"
#include "catalogue/MyTardisClient.h"

#include <QTest>

using namespace tardigrade;
using tardigrade::test::StandinProcess;

class TestFlakyServer : public QObject {
    Q_OBJECT

    // The server's account with the usual eight tries, 10 ms apart.
    static ClientConfig quickRetries(const StandinProcess &server)
    {
        ClientConfig c;
        c.url = server.urlString();
        c.username = server.username();
        c.apiKey = server.apiKey();
        c.maxTries = 8;
        c.backoffMs = 10;
        return c;
    }
private slots:
    // The first request of every command asks whether the server is there.
    // A server that is there but failing (dropped answers, 500s) gets the
    // usual tries; an address where nothing answers, three, so a wrong URL
    // is said within seconds.
    void serverCheckRidesOutAFailingServerButNotAWrongAddress()
    {
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--fail-first"), QStringLiteral("5"), QStringLiteral("--fail-mode"),
                               QStringLiteral("drop")}),
                 qPrintable(server.errorString()));
        const ClientConfig c = quickRetries(server);
        MyTardisClient client(c);
        const Status there = client.checkServer();
        QVERIFY2(there.ok(), qPrintable(there.error().message));
        QCOMPARE(client.requestCount(), 6); // five dropped, then the answer

        ClientConfig none = c;
        none.url = QStringLiteral("http://127.0.0.1:1"); // nothing listens on port 1
        MyTardisClient nobody(none);
        const Status missing = nobody.checkServer();
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.startsWith(QStringLiteral("Cannot reach the MyTardis server")),
                 qPrintable(missing.error().message));
        QCOMPARE(nobody.requestCount(), 3);
    }

    void lookupsSurviveFailures()
    {
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--fail-rate"), QStringLiteral("0.33"), QStringLiteral("--fail-mode"),
                               QStringLiteral("mixed"), QStringLiteral("--fail-seed"), QStringLiteral("7")}),
                 qPrintable(server.errorString()));
        const ClientConfig c = quickRetries(server);
        MyTardisClient client(c);
        for (int i = 0; i < 20; ++i) {
            auto u = client.userByUsername(QStringLiteral("testuser1"));
            QVERIFY2(u.ok(), qPrintable(u.error().message));
            QVERIFY2(u->has_value(), "a failed answer was read as 'no such user'");
            auto all = client.transport().getAll(QStringLiteral("/api/v1/user/"), {{QStringLiteral("limit"), QStringLiteral("1")}});
            QVERIFY2(all.ok(), qPrintable(all.error().message));
            QCOMPARE(all->size(), 3);
        }
        int failed = 0;
        for (const QJsonObject &r : server.requests())
            failed += r.value(QLatin1String("status")).toInt() == 0 || r.value(QLatin1String("status")).toInt() == 500;
        QVERIFY(failed > 10); // the failures did happen
    }
};

QTEST_GUILESS_MAIN(TestFlakyServer)
#include "tst_flakyserver.moc"
