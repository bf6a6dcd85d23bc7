// Proxies, through a proxy the test runs and that counts what passes: the
// proxy setting carries every request (http:// forwarded, https:// tunnelled
// with CONNECT), the system's proxy (http_proxy) is honoured when the setting
// is empty, a proxy login is sent and its password never shown, and a
// malformed proxy is a settings problem every command refuses alike.
#include "CliRun.h"
#include "CountingProxy.h"
#include "DataTree.h"
#include "StandinProcess.h"
#include "TestCertificates.h"

#include <QJsonArray>
#include <QProcess>
#include <QtTest>

using namespace tardigrade::test;

namespace {

// The real binary with extra environment variables (e.g. http_proxy).
CliResult runWithEnvironment(const QString &cfg, const QStringList &args, const QMap<QString, QString> &extra)
{
    QProcessEnvironment env = cliEnvironment();
    for (const char *name : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "no_proxy"})
        env.remove(QString::fromLatin1(name));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        env.insert(it.key(), it.value());
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(TARDIGRADE_BIN), QStringList{QStringLiteral("--config"), cfg} + args);
    CliResult r;
    if (!p.waitForStarted() || !p.waitForFinished(90000)) {
        p.kill();
        p.waitForFinished();
        r.err = "did not run or finish\n";
    }
    r.out = p.readAllStandardOutput();
    r.err += p.readAllStandardError();
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = r.crashed ? -1 : p.exitCode();
    return r;
}

int verifiedFiles(const StandinProcess &server)
{
    int n = 0;
    for (const QJsonValue &f : server.dump().value(QStringLiteral("datafiles")).toArray())
        n += f.toObject().value(QStringLiteral("verified")).toBool() ? 1 : 0;
    return n;
}

} // namespace

class TestProxies : public QObject {
    Q_OBJECT

private:
    bool prepare(StandinProcess &server, const QStringList &serverArgs, const QMap<QString, QString> &overrides,
                 QString *cfg)
    {
        if (!server.isRunning() && !server.start(serverArgs)) {
            qWarning().noquote() << server.errorString();
            return false;
        }
        DataTree tree(server.dataDir());
        tree.write(QStringLiteral("testuser1/Dataset A/frame 1.tif"), 5000);
        tree.write(QStringLiteral("testuser1/Dataset A/frame 2.tif"), 90000);
        QMap<QString, QString> all{{QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                   {QStringLiteral("verification_delay"), QStringLiteral("0")}};
        for (auto it = overrides.cbegin(); it != overrides.cend(); ++it)
            all.insert(it.key(), it.value());
        *cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        return server.writeConfig(*cfg, all);
    }

private slots:
    void theProxySettingCarriesEveryRequest()
    {
        CountingProxy proxy;
        QVERIFY(proxy.start());
        StandinProcess server;
        QString cfg;
        QVERIFY(prepare(server, {}, {{QStringLiteral("proxy"), proxy.url()}}, &cfg));
        const CliResult r = runWithEnvironment(cfg, {QStringLiteral("upload")}, {});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(verifiedFiles(server), 2);
        QVERIFY(proxy.forwarded() > 0);
        QCOMPARE(proxy.forwarded(), server.requests().size()); // none went round it
    }

    void theSystemProxyIsHonoured()
    {
        // Qt never asks the system's proxy about loopback addresses: the
        // stand-in goes by a name only the proxy can resolve.
        CountingProxy proxy;
        proxy.mapHost(QStringLiteral("mytardis.test"), QStringLiteral("127.0.0.1"));
        QVERIFY(proxy.start());
        StandinProcess server;
        QString cfg;
        QVERIFY(server.start());
        QVERIFY(prepare(server, {}, {{QStringLiteral("mytardis_url"),
                                      QStringLiteral("http://mytardis.test:%1").arg(server.port())}},
                        &cfg));
        const CliResult r = runWithEnvironment(cfg, {QStringLiteral("upload")}, {{QStringLiteral("http_proxy"), proxy.url()}});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(verifiedFiles(server), 2);
        QVERIFY(proxy.forwarded() > 0);
        QCOMPARE(proxy.forwarded(), server.requests().size());
    }

    void httpsIsTunnelled()
    {
        TestCertificates certs;
        QVERIFY2(certs.make(), qPrintable(certs.errorString()));
        CountingProxy proxy;
        QVERIFY(proxy.start());
        StandinProcess server;
        QString cfg;
        QVERIFY(prepare(server,
                        {QStringLiteral("--tls-cert"), certs.trusted(), QStringLiteral("--tls-key"), certs.serverKey()},
                        {{QStringLiteral("proxy"), proxy.url()}, {QStringLiteral("ca_certificate"), certs.authority()}},
                        &cfg));
        const CliResult r = runWithEnvironment(cfg, {QStringLiteral("upload")}, {});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(verifiedFiles(server), 2);
        QVERIFY(proxy.tunnels() > 0);
        QCOMPARE(proxy.forwarded(), 0);
    }

    void aProxyLoginIsSentAndNeverShown()
    {
        CountingProxy proxy;
        QVERIFY(proxy.start("alice:pr0xy-Pa55"));
        StandinProcess server;
        QString cfg;
        const QString withLogin = QStringLiteral("http://alice:pr0xy-Pa55@127.0.0.1:%1").arg(proxy.port());
        QVERIFY(prepare(server, {}, {{QStringLiteral("proxy"), withLogin}}, &cfg));
        CliResult r = runWithEnvironment(cfg, {QStringLiteral("upload")}, {});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(verifiedFiles(server), 2);
        QVERIFY(!r.out.contains("pr0xy-Pa55") && !r.err.contains("pr0xy-Pa55"));

        // A wrong password: the proxy's refusal, said once, naming the setting.
        const QString wrong = QStringLiteral("http://alice:not-it@127.0.0.1:%1").arg(proxy.port());
        QVERIFY(server.writeConfig(cfg, {{QStringLiteral("proxy"), wrong}}));
        r = runWithEnvironment(cfg, {QStringLiteral("test-run")}, {});
        QVERIFY2(r.exitCode != 0, qPrintable(r.describe()));
        QVERIFY2(r.err.contains("The proxy refused Tardigrade's login (HTTP 407)") && r.err.contains("set proxy to"),
                 qPrintable(r.describe()));
        QVERIFY(proxy.refused() > 0);
        QVERIFY(!r.out.contains("not-it") && !r.err.contains("not-it"));
    }

    void aMalformedProxyIsASettingsProblem_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("no port") << "proxy.example.org";
        QTest::newRow("another scheme") << "ftp://proxy.example.org:21";
        QTest::newRow("a path") << "http://proxy.example.org:3128/x";
        QTest::newRow("with a password") << "http://bob:SeCrEt-99@:3128";
    }

    void aMalformedProxyIsASettingsProblem()
    {
        QFETCH(QString, value);
        StandinProcess server;
        QString cfg;
        QVERIFY(prepare(server, {}, {{QStringLiteral("proxy"), value}}, &cfg));
        for (const QString &command : {QStringLiteral("validate"), QStringLiteral("test-run"), QStringLiteral("upload")}) {
            const CliResult r = runWithEnvironment(cfg, {command}, {});
            QVERIFY2(r.exitCode == 1, qPrintable(command + QStringLiteral(": ") + r.describe()));
            QVERIFY2(r.err.contains("The proxy (proxy)") && r.err.contains("is not a proxy address"),
                     qPrintable(command + QStringLiteral(": ") + r.describe()));
            QVERIFY2(!r.err.contains("SeCrEt-99") && !r.out.contains("SeCrEt-99"), "the proxy's password is shown");
            if (command == QLatin1String("test-run")) // the report says it once
                QCOMPARE(r.out.count("PROBLEM: The proxy (proxy)"), 1);
        }
        QCOMPARE(server.requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProxies)
#include "tst_proxies.moc"
