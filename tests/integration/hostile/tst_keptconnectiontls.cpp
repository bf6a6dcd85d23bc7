// The kept-connection path (KeepAliveClient) over https, as real MyTardis
// servers are reached: small requests travel over one TLS connection per
// thread, a batch keeps many in flight, and nothing about verification is
// weaker than through Qt's stack: a certificate that is self-signed, expired
// or made out for another host ends in exactly the sentence ApiJob's path
// gives and reaches the server with nothing; a server that stops mid-
// handshake ends at the timeout, a cancel during the handshake within a
// second, and a host name that does not resolve says so as Qt's path does.
#include "HostileServer.h"
#include "StandinProcess.h"
#include "TestCertificates.h"
#include "TestClientConfig.h"
#include "catalogue/KeepAliveClient.h"
#include "catalogue/MyTardisClient.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <atomic>
#include <functional>
#include <sys/resource.h>

using namespace tardigrade;
using tardigrade::test::HostileAnswer;
using tardigrade::test::HostileServer;
using tardigrade::test::HostileTls;
using tardigrade::test::StandinProcess;
using tardigrade::test::TestCertificates;

namespace {

// Runs `work` on a thread of its own, as the run's workers do, and waits.
void onWorker(const std::function<void()> &work)
{
    std::unique_ptr<QThread> t(QThread::create(work));
    t->start();
    QVERIFY(t->wait(120000));
}

// TARDIGRADE_QT_HTTP=1 while it lives: clients made meanwhile send
// everything through Qt's network stack.
struct ThroughQt {
    ThroughQt() { qputenv("TARDIGRADE_QT_HTTP", "1"); }
    ~ThroughQt() { qunsetenv("TARDIGRADE_QT_HTTP"); }
};

QByteArray userPage()
{
    return R"({"meta": {"limit": 1, "offset": 0, "total_count": 1, "next": null}, "objects": [{"id": 3, "username": "bob"}]})";
}

// The sentence a user look-up ends in with `c`, and the kept connections it
// opened (-1: it went through Qt's stack).
struct Outcome {
    QString message;
    int opened = -2;
};

Outcome lookUp(const ClientConfig &c)
{
    Outcome o;
    onWorker([&] {
        MyTardisClient client(c);
        const auto r = client.userByUsername(QStringLiteral("bob"));
        o.message = r ? QString() : r.error().message;
        o.opened = client.transport().keptConnectionsOpened();
    });
    return o;
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

} // namespace

class TestKeptConnectionTls : public QObject {
    Q_OBJECT

    TestCertificates m_certs;

    ClientConfig configFor(const StandinProcess &server) const
    {
        ClientConfig c = tardigrade::test::testClientConfig(server.urlString(), 3, 10);
        c.username = server.username();
        c.apiKey = server.apiKey();
        c.caCertificate = m_certs.authority();
        return c;
    }

    bool startTls(StandinProcess &server, const QStringList &more = {})
    {
        return server.start(QStringList{QStringLiteral("--tls-cert"), m_certs.trusted(), QStringLiteral("--tls-key"),
                                        m_certs.serverKey()} +
                            more);
    }

private slots:
    void initTestCase() { QVERIFY2(m_certs.make(), qPrintable(m_certs.errorString())); }

    void workersKeepOneTlsConnection()
    {
        StandinProcess server;
        QVERIFY2(startTls(server), qPrintable(server.errorString()));
        QVERIFY(server.urlString().startsWith(QStringLiteral("https://")));
        const ClientConfig c = configFor(server);
        int opened = 0, found = 0;
        onWorker([&] {
            MyTardisClient client(c);
            for (int i = 0; i < 50; ++i) {
                const auto u = client.userByUsername(QStringLiteral("testuser1"));
                found += u && u->has_value();
            }
            opened = client.transport().keptConnectionsOpened();
        });
        QCOMPARE(found, 50);
        QCOMPARE(opened, 1);
    }

    // 40 look-ups at a 200 ms slower server in one batch: all answered, in
    // well under 40 x 200 ms, over several TLS connections at once.
    void aBatchKeepsManyInFlight()
    {
        StandinProcess server;
        QVERIFY2(startTls(server, {QStringLiteral("--latency-ms"), QStringLiteral("200")}),
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
        ClientConfig c = tardigrade::test::testClientConfig(server.url(), 3);
        if (siteAuthority)
            c.caCertificate = m_certs.authority();

        const Outcome kept = lookUp(c);
        QVERIFY2(kept.message.contains(expected), qPrintable(kept.message));
        QCOMPARE(kept.opened, 1); // the kept path, once: a refused certificate is not tried again
        Outcome qt;
        {
            ThroughQt throughQt;
            qt = lookUp(c);
        }
        QCOMPARE(qt.opened, -1);
        QCOMPARE(kept.message, qt.message);
        QCOMPARE(server.requests(), 0);
    }

    // The plain path's limits hold over TLS: a server that never answers
    // ends at the timeout, a flood is broken off, a redirect is returned
    // unfollowed, and a connection the server says it closes is not used again.
    void theLimitsHoldOverTls()
    {
        const HostileTls tls{m_certs.trusted(), m_certs.serverKey()};
        const QString users = QStringLiteral("^GET /api/v1/user/");
        {
            HostileServer server({}, tls);
            server.on(QStringLiteral("."), HostileAnswer::hang());
            ClientConfig c = tardigrade::test::testClientConfig(server.url(), 1, 2);
            c.caCertificate = m_certs.authority();
            QElapsedTimer t;
            t.start();
            const Outcome o = lookUp(c);
            QVERIFY2(o.message.contains(QStringLiteral("did not answer within 2 s")), qPrintable(o.message));
            QVERIFY2(t.elapsed() >= 1800 && t.elapsed() < 3500, qPrintable(QString::number(t.elapsed())));
            QCOMPARE(o.opened, 1);
        }
        {
            HostileServer server({}, tls);
            server.on(QStringLiteral("^GET /api/v1/mydata_dataset_file/"),
                      HostileAnswer::huge(2LL * 1024 * 1024 * 1024, false));
            ClientConfig c = tardigrade::test::testClientConfig(server.url(), 3);
            c.caCertificate = m_certs.authority();
            QString message;
            onWorker([&] {
                MyTardisClient client(c);
                const auto r = client.dataFilesOfDataset(7);
                message = r ? QString() : r.error().message;
            });
            QVERIFY2(message.contains(QStringLiteral("sent an answer of more than 64 MiB")), qPrintable(message));
            QCOMPARE(server.requests(), 1);
        }
        {
            HostileServer elsewhere;
            elsewhere.on(QStringLiteral("."), HostileAnswer::reply(200, userPage()));
            HostileServer server({}, tls);
            const QString target = server.url() + QStringLiteral("/elsewhere/?username=bob");
            server.on(users, HostileAnswer::reply(302, "", "text/html", {{"Location", target.toUtf8()}}));
            ClientConfig c = tardigrade::test::testClientConfig(server.url(), 1);
            c.caCertificate = m_certs.authority();
            const Outcome o = lookUp(c);
            QVERIFY2(o.message.contains(QStringLiteral("redirected (HTTP 302 to %1)").arg(target)),
                     qPrintable(o.message));
            QCOMPARE(server.requests(), 1);
        }
        {
            HostileServer server({}, tls);
            server.on(users, HostileAnswer::reply(200, userPage(), "application/json", {{"Connection", "close"}}));
            ClientConfig c = tardigrade::test::testClientConfig(server.url(), 1);
            c.caCertificate = m_certs.authority();
            int found = 0, opened = 0;
            onWorker([&] {
                MyTardisClient client(c);
                for (int i = 0; i < 3; ++i) {
                    const auto u = client.userByUsername(QStringLiteral("bob"));
                    found += u && u->has_value();
                }
                opened = client.transport().keptConnectionsOpened();
            });
            QCOMPARE(found, 3);
            QCOMPARE(server.requests(), 3);
            QCOMPARE(opened, 3);
        }
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
        const ClientConfig c = tardigrade::test::testClientConfig(url, 1);
        const Outcome kept = lookUp(c);
        QCOMPARE(kept.opened, 1);
        Outcome qt;
        {
            ThroughQt throughQt;
            qt = lookUp(c);
        }
        QCOMPARE(qt.opened, -1);
        QVERIFY2(kept.message.startsWith(QStringLiteral("Cannot reach the MyTardis server")), qPrintable(kept.message));
        QCOMPARE(kept.message, qt.message);
    }

    // The server accepts the connection and never says a word of TLS.
    void aServerSilentMidHandshakeEndsAtTheTimeout()
    {
        QTcpServer silent; // never served: the kernel accepts for it
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        const QString url = QStringLiteral("https://127.0.0.1:%1").arg(silent.serverPort());
        qint64 ms = 0;
        Outcome o;
        onWorker([&] {
            MyTardisClient client(tardigrade::test::testClientConfig(url, 1, 2));
            QElapsedTimer t;
            t.start();
            const auto r = client.userByUsername(QStringLiteral("bob"));
            ms = t.elapsed();
            o.message = r ? QString() : r.error().message;
            o.opened = client.transport().keptConnectionsOpened();
        });
        QVERIFY2(o.message.contains(QStringLiteral("did not answer within 2 s")), qPrintable(o.message));
        QCOMPARE(o.opened, 1);
        QVERIFY2(ms >= 1800 && ms < 3500, qPrintable(QString::number(ms)));
    }

    // By name: the look-up, too, is waited for in slices (not by Qt's blocking wait).
    void cancelDuringTheHandshakeIsPrompt()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::Any)); // whichever address localhost has first
        std::atomic_bool cancel{false};
        ClientConfig c =
            tardigrade::test::testClientConfig(QStringLiteral("https://localhost:%1").arg(silent.serverPort()), 3, 30);
        c.cancel = &cancel;
        bool cancelled = false;
        int opened = 0;
        std::unique_ptr<QThread> t(QThread::create([&] {
            MyTardisClient client(c);
            const auto r = client.userByUsername(QStringLiteral("bob"));
            cancelled = !r && r.error().kind == ErrorKind::Cancelled;
            opened = client.transport().keptConnectionsOpened();
        }));
        t->start();
        QTest::qWait(500);
        QElapsedTimer clock;
        clock.start();
        cancel = true;
        QVERIFY(t->wait(5000));
        const qint64 afterCancel = clock.elapsed();
        QVERIFY(cancelled);
        QCOMPARE(opened, 1);
        QVERIFY2(afterCancel < 1000, qPrintable(QString::number(afterCancel)));
    }

    void anUnknownHostIsSaidAsThroughQt()
    {
        ClientConfig c = tardigrade::test::testClientConfig(QStringLiteral("https://no-such-host.invalid"), 1, 5);
        const Outcome kept = lookUp(c);
        QCOMPARE(kept.opened, 1);
        Outcome qt;
        {
            ThroughQt throughQt;
            qt = lookUp(c);
        }
        QCOMPARE(qt.opened, -1);
        QVERIFY2(kept.message.contains(QStringLiteral("Host no-such-host.invalid not found")),
                 qPrintable(kept.message));
        QCOMPARE(kept.message, qt.message);
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
        QVERIFY2(startTls(server, {QStringLiteral("--latency-ms"), QString::number(latency)}),
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
#include "tst_keptconnectiontls.moc"
