#include "TestCertificates.h"

#include <QDir>
#include <QFile>
#include <QProcess>

namespace tardigrade::test {

bool TestCertificates::openssl(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("openssl %1 failed: %2 %3")
                      .arg(args.join(QLatin1Char(' ')), p.errorString(), QString::fromUtf8(p.readAll()));
        return false;
    }
    return true;
}

bool TestCertificates::write(const QString &name, const QByteArray &content)
{
    QFile f(path(name));
    if (f.open(QIODevice::WriteOnly) && f.write(content) == content.size())
        return true;
    m_error = QStringLiteral("Cannot write %1.").arg(f.fileName());
    return false;
}

bool TestCertificates::make()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("Cannot create a temporary directory.");
        return false;
    }
    const QString days = QStringLiteral("30");
    // The authority, and the one key every server certificate uses.
    if (!openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days",
                  days, "-subj", "/CN=Tardigrade Test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
                  "keyUsage=critical,keyCertSign,cRLSign"}) ||
        !openssl({"genrsa", "-out", "server.key", "2048"}))
        return false;
    if (!write(QStringLiteral("local.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n") ||
        !write(QStringLiteral("other.ext"), "subjectAltName=DNS:other.example.org\n"))
        return false;
    // Signed by the authority: for this host, and for another.
    if (!openssl({"req", "-new", "-key", "server.key", "-subj", "/CN=127.0.0.1", "-out", "local.csr"}) ||
        !openssl({"x509", "-req", "-in", "local.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "2",
                  "-days", days, "-extfile", "local.ext", "-out", "trusted.pem"}) ||
        !openssl({"req", "-new", "-key", "server.key", "-subj", "/CN=other.example.org", "-out", "other.csr"}) ||
        !openssl({"x509", "-req", "-in", "other.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "3",
                  "-days", days, "-extfile", "other.ext", "-out", "wrong-host.pem"}))
        return false;
    // Self-signed, for this host.
    if (!openssl({"req", "-x509", "-key", "server.key", "-subj", "/CN=127.0.0.1", "-addext",
                  "subjectAltName=IP:127.0.0.1,DNS:localhost", "-days", days, "-out", "self-signed.pem"}))
        return false;
    // Expired: `openssl x509` of OpenSSL 3.0 cannot date a certificate in
    // the past, `openssl ca` can.
    QDir(m_dir.path()).mkpath(QStringLiteral("issued"));
    const QByteArray caConfig = "[ca]\ndefault_ca = test\n"
                                "[test]\ndatabase = index.txt\nnew_certs_dir = issued\nserial = serial\n"
                                "default_md = sha256\npolicy = any\nunique_subject = no\n"
                                "[any]\ncommonName = supplied\n";
    if (!write(QStringLiteral("ca.cnf"), caConfig) || !write(QStringLiteral("index.txt"), {}) ||
        !write(QStringLiteral("serial"), "10\n"))
        return false;
    return openssl({"ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key", "-in", "local.csr",
                    "-startdate", "20200101000000Z", "-enddate", "20200131000000Z", "-extfile", "local.ext", "-notext",
                    "-out", "expired.pem"});
}

} // namespace tardigrade::test
