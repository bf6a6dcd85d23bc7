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
private slots:
    void lookupsSurviveFailures()
    {
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--fail-rate"), QStringLiteral("0.33"), QStringLiteral("--fail-mode"),
                               QStringLiteral("mixed"), QStringLiteral("--fail-seed"), QStringLiteral("7")}),
                 qPrintable(server.errorString()));
        ClientConfig c;
        c.url = server.urlString();
        c.username = server.username();
        c.apiKey = server.apiKey();
        c.maxTries = 8;
        c.backoffMs = 10;
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
