// ServerSettingsCheck against the real stand-in: every failure comes back as
// one sentence (wrong URL, wrong key, facility not found with the managed
// ones listed, mydata app missing) and a missing instrument is created, or
// only reported in a dry run.
#include "StandinProcess.h"
#include "catalogue/MyTardisClient.h"
#include "catalogue/RecordingCatalogueWriter.h"
#include "catalogue/ServerSettingsCheck.h"

#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

using namespace tardigrade;
using tardigrade::test::StandinProcess;

class TestServerCheck : public QObject {
    Q_OBJECT

    StandinProcess m_server;

    ClientConfig config(const QString &url, const QString &key) const
    {
        ClientConfig c;
        c.url = url;
        c.username = m_server.username();
        c.apiKey = key;
        c.backoffMs = 50;
        c.maxTries = 1;
        c.timeoutSecs = 5;
        return c;
    }
    ServerCheckOptions options() const
    {
        return {QStringLiteral("Test Facility"), QStringLiteral("Test Instrument"), m_server.uuid(), QString()};
    }
    // As a Test Run checks: with a writer that only records.
    static ServerCheckResult recorded(MyTardisClient &client, const ServerCheckOptions &o)
    {
        RecordingCatalogueWriter recorder;
        return ServerSettingsCheck(client, recorder).run(o);
    }
    int instrumentPosts() const
    {
        int n = 0;
        for (const QJsonObject &r : m_server.requests())
            n += r.value(QLatin1String("method")).toString() == QLatin1String("POST") &&
                 r.value(QLatin1String("path")).toString() == QLatin1String("/api/v1/instrument/");
        return n;
    }

private slots:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void failures_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("sentenceStart");
        QTest::newRow("unreachable") << QStringLiteral("unreachable")
                                     << QStringLiteral("Cannot reach the MyTardis server at");
        QTest::newRow("not the API") << QStringLiteral("wrong path") << QStringLiteral("The MyTardis URL");
        QTest::newRow("invalid URL") << QStringLiteral("invalid")
                                     << QStringLiteral("The MyTardis URL \"ftp://x\" is not a valid");
        QTest::newRow("wrong key") << QStringLiteral("wrong key")
                                   << QStringLiteral("The MyTardis server refused username \"testfacility\"");
        QTest::newRow("facility") << QStringLiteral("facility")
                                  << QStringLiteral("Facility \"Nope\" was not found among the facilities user "
                                                    "\"testfacility\" manages (\"Test Facility\")");
    }

    void failures()
    {
        QFETCH(QString, what);
        QFETCH(QString, sentenceStart);
        QString url = m_server.urlString();
        QString key = m_server.apiKey();
        ServerCheckOptions o = options();
        if (what == QLatin1String("unreachable")) {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            url = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
            probe.close();
        } else if (what == QLatin1String("wrong path")) {
            url += QStringLiteral("/not-mytardis");
        } else if (what == QLatin1String("invalid")) {
            url = QStringLiteral("ftp://x");
        } else if (what == QLatin1String("wrong key")) {
            key = QStringLiteral("wrong");
        } else if (what == QLatin1String("facility")) {
            o.facilityName = QStringLiteral("Nope");
        }
        MyTardisClient client(config(url, key));
        const ServerCheckResult r = recorded(client, o);
        QVERIFY(!r.ok());
        QCOMPARE(r.failures.size(), 1);
        QVERIFY2(r.failures.first().startsWith(sentenceStart), qPrintable(r.failures.first()));
        QVERIFY(r.failures.first().endsWith(QLatin1Char('.')));
    }

    void instrumentRecordedThenCreated()
    {
        MyTardisClient client(config(m_server.urlString(), m_server.apiKey()));
        const int before = instrumentPosts();
        const ServerCheckResult dry = recorded(client, options());
        QVERIFY2(dry.ok(), qPrintable(dry.failures.join(QLatin1Char(' '))));
        QVERIFY(dry.instrumentMissing);
        QVERIFY(!dry.instrumentCreated);
        QVERIFY(dry.mydataApp);
        QCOMPARE(dry.notes.size(), 1);
        QVERIFY2(dry.notes.first().contains(QStringLiteral("does not exist")), qPrintable(dry.notes.first()));
        QCOMPARE(instrumentPosts(), before);

        const ServerCheckResult real = ServerSettingsCheck(client, client).run(options());
        QVERIFY(real.ok());
        QVERIFY(real.instrumentCreated);
        QVERIFY(real.instrument && real.instrument->id > 0);
        QVERIFY(real.notes.first().contains(QStringLiteral("was created")));
        QCOMPARE(instrumentPosts(), before + 1);

        const ServerCheckResult third = recorded(client, options());
        QVERIFY(third.ok());
        QVERIFY(!third.instrumentMissing && !third.instrumentCreated);
        QVERIFY(third.notes.isEmpty());
        QCOMPARE(third.account->username, QStringLiteral("testfacility"));
        QCOMPARE(third.facility->name, QStringLiteral("Test Facility"));
    }

    void mydataAppMissing()
    {
        StandinProcess bare;
        QVERIFY2(bare.start({QStringLiteral("--no-mydata-app")}), qPrintable(bare.errorString()));
        ClientConfig c = config(bare.urlString(), bare.apiKey());
        MyTardisClient client(c);
        const ServerCheckResult r = recorded(client, options());
        QVERIFY(!r.mydataApp);
        QCOMPARE(r.failures.size(), 1);
        QVERIFY2(r.failures.first().contains(QStringLiteral("lacks the mydata app")), qPrintable(r.failures.first()));
        // The other checks still ran.
        QVERIFY(r.facility.has_value());
        auto direct = client.findUploader(bare.uuid());
        QVERIFY(!direct.ok());
        QVERIFY(direct.error().message.contains(QStringLiteral("install mytardis-app-mydata")));
    }

    void emptyNames()
    {
        MyTardisClient client(config(m_server.urlString(), m_server.apiKey()));
        ServerCheckOptions o = options();
        o.facilityName.clear();
        ServerCheckResult r = recorded(client, o);
        QCOMPARE(r.failures.size(), 1);
        QVERIFY(r.failures.first().startsWith(QStringLiteral("facility_name is empty")));
        o = options();
        o.instrumentName = QStringLiteral("  ");
        r = recorded(client, o);
        QCOMPARE(r.failures.size(), 1);
        QVERIFY(r.failures.first().startsWith(QStringLiteral("instrument_name is empty")));
    }
};

QTEST_GUILESS_MAIN(TestServerCheck)
#include "tst_servercheck.moc"
