// The kept-connection path (KeepAliveClient) over https, as real MyTardis
// servers are reached: the cases http and https share (KeptConnectionCases:
// one TLS connection per thread, the timeout, the 64 MiB cap, redirects
// returned unfollowed, a connection the server says it closes), a batch
// keeping many in flight, and nothing about verification weaker than through
// Qt's stack: a certificate that is self-signed, expired or made out for
// another host ends in exactly the sentence ApiJob's path gives and reaches
// the server with nothing; a server that stops mid-handshake ends at the
// timeout, a cancel during the handshake within a second, and a host name
// that does not resolve says so as Qt's path does.
#include "KeptConnectionCases.h"
#include "catalogue/KeepAliveClient.h"

#include <QTcpServer>
#include <sys/resource.h>

using namespace tardigrade;
using namespace tardigrade::test;

namespace {

// TARDIGRADE_QT_HTTP=1 while it lives: clients made meanwhile send
// everything through Qt's network stack.
struct ThroughQt {
    ThroughQt() { qputenv("TARDIGRADE_QT_HTTP", "1"); }
    ~ThroughQt() { qunsetenv("TARDIGRADE_QT_HTTP"); }
};

// One look-up with `c` on the kept path and through Qt's stack.
struct BothWays {
    LookUps kept;
    LookUps qt;

    // The kept path tried once, and failed in exactly the sentence Qt's stack gives.
    bool saidAlike() const
    {
        return kept.opened == 1 && qt.opened == -1 && !kept.message.isEmpty() && kept.message == qt.message;
    }
    QString both() const
    {
        return QStringLiteral("kept (%1 connections): %2\nthrough Qt (%3): %4")
            .arg(kept.opened)
            .arg(kept.message)
            .arg(qt.opened)
            .arg(qt.message);
    }
};

BothWays lookUpBothWays(const ClientConfig &c)
{
    BothWays both;
    both.kept = lookUp(c);
    ThroughQt throughQt;
    both.qt = lookUp(c);
    return both;
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

} // namespace

class TestKeptConnectionTls : public KeptConnectionCases {
    Q_OBJECT

    TestCertificates m_certs;

private slots:
    void initTestCase()
    {
        QVERIFY2(m_certs.make(), qPrintable(m_certs.errorString()));
        useTls(m_certs);
    }

    // 40 look-ups at a 200 ms slower server in one batch: all answered, in
    // well under 40 x 200 ms, over several TLS connections at once.
    void aBatchKeepsManyInFlight()
    {
        StandinProcess server;
        QVERIFY2(startStandin(server, {QStringLiteral("--latency-ms"), QStringLiteral("200")}),
                 qPrintable(server.errorString()));
        const ClientConfig c = configFor(server);
        int ok = 0, opened = 0;
        qint64 ms = 0;
        onWorker([&] {
            MyTardisClient client(c);
            QVector<ApiRequest> batch;
            for (int i = 0; i < 40; ++i) {
                ApiRequest r;
                r.method = "GET";
                r.url = client.transport().urlFor(QStringLiteral("/api/v1/user/"),
                                                  {{QStringLiteral("username"), QStringLiteral("testuser1")}});
                batch.append(r);
            }
            QElapsedTimer timer;
            timer.start();
            const auto answers = client.transport().sendAll(batch);
            ms = timer.elapsed();
            for (const auto &a : answers)
                ok += a.ok() && a->status == 200;
            opened = client.transport().keptConnectionsOpened();
        });
        qInfo("40 look-ups at 200 ms latency over https: %lld ms, %d connections", ms, opened);
        QCOMPARE(ok, 40);
        QVERIFY2(opened >= 2 && opened <= KeepAliveClient::kMaxInFlight, qPrintable(QString::number(opened)));
        QVERIFY2(ms < 3000, qPrintable(QStringLiteral("%1 ms: the requests went one after another").arg(ms)));
    }

    void refusedCertificatesSayWhyAndSendNothing_data()
    {
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<bool>("siteAuthority"); // ca_certificate set to the test authority
        QTest::addColumn<QString>("expected");
        QTest::newRow("self-signed") << "self-signed" << false << "is self-signed, and this PC does not trust it";
        QTest::newRow("self-signed, another authority set")
            << "self-signed" << true << "is self-signed, and this PC does not trust it, nor does ca_certificate";
        QTest::newRow("expired") << "expired" << true << "expired on 2020-01-31";
        QTest::newRow("wrong host") << "wrong-host" << true << "is made out for other.example.org, not 127.0.0.1";
    }

    void refusedCertificatesSayWhyAndSendNothing()
    {
        QFETCH(QString, certificate);
        QFETCH(bool, siteAuthority);
        QFETCH(QString, expected);
        HostileServer server({}, HostileTls{m_certs.path(certificate + QStringLiteral(".pem")), m_certs.serverKey()});
        server.on(QStringLiteral("."), HostileAnswer::reply(200, userPage()));
        ClientConfig c = testClientConfig(server.url(), 3);
        if (siteAuthority)
            c.caCertificate = m_certs.authority();

        const BothWays o = lookUpBothWays(c);
        QVERIFY2(o.kept.message.contains(expected), qPrintable(o.kept.message));
        QVERIFY2(o.saidAlike(), qPrintable(o.both())); // the kept path once: a refused certificate is not tried again
        QCOMPARE(server.requests(), 0);
    }

    // mytardis_url says https where the server speaks plain http: the same
    // sentence as through Qt's stack.
    void aPlainServerAtAnHttpsUrlIsSaidAsThroughQt()
    {
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QString url = server.urlString();
        QVERIFY(url.startsWith(QStringLiteral("http://")));
        url.replace(0, 4, QStringLiteral("https"));
        const BothWays o = lookUpBothWays(testClientConfig(url, 1));
        QVERIFY2(o.kept.message.startsWith(QStringLiteral("Cannot reach the MyTardis server")),
                 qPrintable(o.kept.message));
        QVERIFY2(o.saidAlike(), qPrintable(o.both()));
    }

    // The server accepts the connection and never says a word of TLS.
    void aServerSilentMidHandshakeEndsAtTheTimeout()
    {
        QTcpServer silent; // never served: the kernel accepts for it
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        const QString url = QStringLiteral("https://127.0.0.1:%1").arg(silent.serverPort());
        const LookUps o = lookUp(testClientConfig(url, 1, 2));
        QVERIFY2(o.message.contains(QStringLiteral("did not answer within 2 s")), qPrintable(o.message));
        QCOMPARE(o.opened, 1);
        QVERIFY2(o.ms >= 1800 && o.ms < 3500, qPrintable(QString::number(o.ms)));
    }

    // By name: the look-up, too, is waited for in slices (not by Qt's blocking wait).
    void cancelDuringTheHandshakeIsPrompt()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::Any)); // whichever address localhost has first
        const CancelledLookUp o = lookUpCancelledMidway(
            testClientConfig(QStringLiteral("https://localhost:%1").arg(silent.serverPort()), 3, 30));
        QVERIFY(o.cancelled);
        QCOMPARE(o.opened, 1);
        QVERIFY2(o.afterCancel >= 0 && o.afterCancel < 1000, qPrintable(QString::number(o.afterCancel)));
    }

    void anUnknownHostIsSaidAsThroughQt()
    {
        const BothWays o = lookUpBothWays(testClientConfig(QStringLiteral("https://no-such-host.invalid"), 1, 5));
        QVERIFY2(o.kept.message.contains(QStringLiteral("Host no-such-host.invalid not found")),
                 qPrintable(o.kept.message));
        QVERIFY2(o.saidAlike(), qPrintable(o.both()));
    }

    // Figures, not a check: TARDIGRADE_TLS_FIGURES=1 times 2,000 staging
    // registrations in batches of 16 (as a worker sends a batch of small
    // files) at a 20 ms slower server over https, kept and through Qt, with
    // this process's CPU for them.
    void figures_data()
    {
        QTest::addColumn<bool>("throughQt");
        QTest::newRow("kept") << false;
        QTest::newRow("through Qt") << true;
    }

    void figures()
    {
        if (qEnvironmentVariableIntValue("TARDIGRADE_TLS_FIGURES") == 0)
            QSKIP("TARDIGRADE_TLS_FIGURES=1 prints the figures");
        QFETCH(bool, throughQt);
        const int latency = qEnvironmentVariableIsSet("TARDIGRADE_TLS_LATENCY")
                                ? qEnvironmentVariableIntValue("TARDIGRADE_TLS_LATENCY")
                                : 20;
        StandinProcess server;
        QVERIFY2(startStandin(server, {QStringLiteral("--latency-ms"), QString::number(latency)}),
                 qPrintable(server.errorString()));
        std::unique_ptr<ThroughQt> qt(throughQt ? new ThroughQt : nullptr);
        const ClientConfig c = configFor(server);
        const QString uuid = QStringLiteral("11111111-2222-3333-4444-555555555555");
        int ok = 0;
        qint64 ms = 0;
        double cpu = 0;
        QString problem;
        onWorker([&] {
            MyTardisClient client(c);
            auto facilities = client.facilities();
            auto instrument = facilities && !facilities->isEmpty()
                                  ? client.createInstrument(facilities->first(), QStringLiteral("Figures"))
                                  : Result<Instrument>(Error::permanent(QStringLiteral("no facility")));
            NewExperiment ne;
            ne.key = ExperimentKey{QStringLiteral("Figures"), QStringLiteral("Username / Dataset"),
                                   QStringLiteral("testuser1"), QString()};
            ne.uploaderUuid = uuid;
            auto experiment = client.createExperiment(ne);
            if (!instrument || !experiment) {
                problem = QStringLiteral("no instrument or experiment");
                return;
            }
            auto dataset = client.createDataset(
                NewDataset{instrument->resourceUri, QStringLiteral("Figures"), experiment->uri(), false});
            if (!dataset) {
                problem = dataset.error().message;
                return;
            }
            const double before = cpuSeconds();
            QElapsedTimer timer;
            timer.start();
            for (int b = 0; b < 2000 / KeepAliveClient::kMaxInFlight; ++b) {
                QVector<NewDataFile> batch;
                for (int i = 0; i < KeepAliveClient::kMaxInFlight; ++i) {
                    NewDataFile f;
                    f.datasetUri = dataset->uri();
                    f.filename = QStringLiteral("f%1-%2.dat").arg(b).arg(i);
                    f.md5sum = QStringLiteral("0123456789abcdef0123456789abcdef");
                    f.size = 65536;
                    f.mimetype = QStringLiteral("application/octet-stream");
                    f.modificationTime = QDateTime::currentDateTime();
                    batch.append(f);
                }
                for (const auto &a : client.registerManyForStaging(batch, uuid, QStringLiteral("aa:bb")))
                    ok += a.ok();
            }
            ms = timer.elapsed();
            cpu = cpuSeconds() - before;
        });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        qInfo("%s: %d registrations at %d ms latency over https in %lld ms, client CPU %.2f s (%.2f s per 1,000)",
              throughQt ? "through Qt" : "kept", ok, latency, ms, cpu, cpu * 1000 / std::max(1, ok));
        QCOMPARE(ok, 2000 / KeepAliveClient::kMaxInFlight * KeepAliveClient::kMaxInFlight);
    }
};

QTEST_GUILESS_MAIN(TestKeptConnectionTls)
#include "moc_KeptConnectionCases.cpp"
#include "tst_keptconnectiontls.moc"
