#pragma once

#include <QString>
#include <QTemporaryDir>

namespace tardigrade::test {

// Certificates made at test time with the openssl command line, in a
// temporary folder that lives as long as this object: a certificate
// authority, and server certificates (one key for all of them) that are
//   trusted()    signed by the authority, for 127.0.0.1 and localhost
//   selfSigned() for 127.0.0.1, signed by nobody but itself
//   expired()    signed by the authority, for 127.0.0.1, valid only in January 2020
//   wrongHost()  signed by the authority, for other.example.org only
// For the stand-in: {"--tls-cert", certs.trusted(), "--tls-key", certs.serverKey()}.
class TestCertificates {
public:
    // Makes them all; false with errorString() when openssl failed.
    bool make();
    QString errorString() const { return m_error; }

    QString authority() const { return path(QStringLiteral("ca.pem")); } // for ca_certificate
    QString serverKey() const { return path(QStringLiteral("server.key")); }
    QString trusted() const { return path(QStringLiteral("trusted.pem")); }
    QString selfSigned() const { return path(QStringLiteral("self-signed.pem")); }
    QString expired() const { return path(QStringLiteral("expired.pem")); }
    QString wrongHost() const { return path(QStringLiteral("wrong-host.pem")); }
    QString path(const QString &name) const { return m_dir.filePath(name); }

private:
    bool openssl(const QStringList &args);
    bool write(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
    QString m_error;
};

} // namespace tardigrade::test
