// HTTPS with certificates the test makes (openssl): the stand-in serves each
// of them, and the real binary uploads only to a server whose certificate
// verifies, with the site's own authority added by ca_certificate. Every
// refusal is one sentence that says what is wrong with the certificate and
// names the setting, and no API request (so no API key) reaches such a
// server. A ca_certificate that cannot be used is a settings problem that
// validate, test-run and upload all refuse the same way.
#include "CliRun.h"
#include "DataTree.h"
#include "StandinProcess.h"
#include "TestCertificates.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QtTest>

using namespace tardigrade::test;

class TestHttpsCertificates : public QObject {
    Q_OBJECT

private:
    TestCertificates m_certs;

    // A stand-in serving `certificate`, a small data tree, and its settings
    // with `overrides`.
    bool startServer(StandinProcess &server, const QString &certificate, const QMap<QString, QString> &overrides,
                     QString *cfg)
    {
        if (!server.start({QStringLiteral("--tls-cert"), certificate, QStringLiteral("--tls-key"),
                           m_certs.serverKey()})) {
            qWarning().noquote() << server.errorString();
            return false;
        }
        DataTree tree(server.dataDir());
        tree.write(QStringLiteral("testuser1/Dataset A/frame 1.tif"), 3000);
        tree.write(QStringLiteral("testuser1/Dataset A/frame 2.tif"), 70000);
        QMap<QString, QString> all{{QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                   {QStringLiteral("verification_delay"), QStringLiteral("0")}};
        for (auto it = overrides.cbegin(); it != overrides.cend(); ++it)
            all.insert(it.key(), it.value());
        *cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        return server.writeConfig(*cfg, all);
    }

    static int verifiedFiles(const StandinProcess &server)
    {
        int n = 0;
        for (const QJsonValue &f : server.dump().value(QStringLiteral("datafiles")).toArray())
            n += f.toObject().value(QStringLiteral("verified")).toBool() ? 1 : 0;
        return n;
    }

private slots:
    void initTestCase() { QVERIFY2(m_certs.make(), qPrintable(m_certs.errorString())); }

    void uploadsWithTheSiteAuthority()
    {
        StandinProcess server;
        QString cfg;
        QVERIFY(startServer(server, m_certs.trusted(), {{QStringLiteral("ca_certificate"), m_certs.authority()}}, &cfg));
        QCOMPARE(server.url().scheme(), QStringLiteral("https"));
        const CliResult r = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(verifiedFiles(server), 2);
    }

    void localhostNamedInTheCertificateToo()
    {
        StandinProcess server;
        QString cfg;
        QVERIFY(startServer(server, m_certs.trusted(), {{QStringLiteral("ca_certificate"), m_certs.authority()}}, &cfg));
        QVERIFY(server.writeConfig(cfg, {{QStringLiteral("ca_certificate"), m_certs.authority()},
                                         {QStringLiteral("mytardis_url"),
                                          QStringLiteral("https://localhost:%1").arg(server.port())}}));
        const CliResult r = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("test-run")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    }

    void refusedCertificates_data()
    {
        QTest::addColumn<QString>("certificate"); // trusted, self-signed, expired, wrong-host
        QTest::addColumn<bool>("withAuthority");  // ca_certificate set to the test authority
        QTest::addColumn<QString>("sentence");    // part of what every command says
        QTest::addColumn<QString>("setting");     // the setting it names
        QTest::newRow("site authority not set") << "trusted" << false
                                                << "is signed by an authority this PC does not trust"
                                                << "set ca_certificate to its CA file";
        QTest::newRow("self-signed") << "self-signed" << false << "is self-signed, and this PC does not trust it"
                                     << "ca_certificate";
        QTest::newRow("self-signed, another authority set")
            << "self-signed" << true << "is self-signed, and this PC does not trust it, nor does ca_certificate"
            << "ca_certificate";
        QTest::newRow("expired") << "expired" << true << "expired on 2020-01-31" << "(mytardis_url)";
        QTest::newRow("wrong host") << "wrong-host" << true << "is made out for other.example.org, not 127.0.0.1"
                                    << "set mytardis_url to the name the certificate is for";
    }

    void refusedCertificates()
    {
        QFETCH(QString, certificate);
        QFETCH(bool, withAuthority);
        QFETCH(QString, sentence);
        QFETCH(QString, setting);
        StandinProcess server;
        QString cfg;
        QMap<QString, QString> overrides;
        if (withAuthority)
            overrides.insert(QStringLiteral("ca_certificate"), m_certs.authority());
        QVERIFY(startServer(server, m_certs.path(certificate + QStringLiteral(".pem")), overrides, &cfg));
        for (const QString &command : {QStringLiteral("test-run"), QStringLiteral("upload")}) {
            const CliResult r = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {command}, 60000);
            QVERIFY2(r.exitCode == 1, qPrintable(command + QStringLiteral(": ") + r.describe()));
            const QString err = QString::fromUtf8(r.err);
            QVERIFY2(err.contains(sentence) && err.contains(setting),
                     qPrintable(command + QStringLiteral(": ") + err));
        }
        // The handshake failed before any request: no API key went to it.
        QCOMPARE(server.requests().size(), 0);
        QCOMPARE(verifiedFiles(server), 0);
    }

    void unusableAuthorityFile_data()
    {
        QTest::addColumn<QString>("file"); // "@missing", "@folder", "@text", "@key"
        QTest::addColumn<QString>("sentence");
        QTest::newRow("missing") << "@missing" << "does not exist";
        QTest::newRow("a folder") << "@folder" << "is a folder";
        QTest::newRow("not PEM") << "@text" << "holds no certificate in PEM form";
        QTest::newRow("a private key") << "@key" << "holds no certificate in PEM form";
    }

    void unusableAuthorityFile()
    {
        QFETCH(QString, file);
        QFETCH(QString, sentence);
        StandinProcess server;
        QString cfg;
        QVERIFY(startServer(server, m_certs.trusted(), {}, &cfg));
        QString path = server.tempPath() + QStringLiteral("/ca");
        if (file == QLatin1String("@folder")) {
            QVERIFY(QDir().mkpath(path));
        } else if (file == QLatin1String("@text")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not a certificate\n");
        } else if (file == QLatin1String("@key")) {
            path = m_certs.serverKey();
        }
        QVERIFY(server.writeConfig(cfg, {{QStringLiteral("ca_certificate"), path},
                                         {QStringLiteral("ignore_new_files"), QStringLiteral("False")}}));
        for (const QString &command : {QStringLiteral("validate"), QStringLiteral("test-run"), QStringLiteral("upload")}) {
            const CliResult r = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {command}, 60000);
            QVERIFY2(r.exitCode == 1, qPrintable(command + QStringLiteral(": ") + r.describe()));
            const QString err = QString::fromUtf8(r.err);
            QVERIFY2(err.contains(QStringLiteral("The certificate authority file (ca_certificate)")) &&
                         err.contains(sentence),
                     qPrintable(command + QStringLiteral(": ") + err));
        }
        QCOMPARE(server.requests().size(), 0);
    }

    void noSkippingOfCertificateChecksInTheSources()
    {
        // Verification is never switched off: no ignoreSslErrors, no
        // VerifyNone outside the stand-in (a server does not ask for client
        // certificates).
        const QStringList roots{QStringLiteral("core"), QStringLiteral("app"), QStringLiteral("ui")};
        QStringList found;
        for (const QString &root : roots) {
            QDirIterator it(QStringLiteral(TARDIGRADE_SOURCE_DIR "/") + root, {QStringLiteral("*.cpp"), QStringLiteral("*.h")},
                            QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QByteArray text = f.readAll();
                if (text.contains("ignoreSslErrors") || text.contains("VerifyNone") ||
                    text.contains("QueryPeer"))
                    found << f.fileName();
            }
        }
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestHttpsCertificates)
#include "tst_httpscertificates.moc"
