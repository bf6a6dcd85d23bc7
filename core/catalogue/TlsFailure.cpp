#include "TlsFailure.h"

#include <QDir>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

namespace tardigrade {

namespace {

bool isUntrusted(QSslError::SslError e)
{
    switch (e) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::CertificateRejected:
    case QSslError::InvalidCaCertificate:
    case QSslError::CertificateSignatureFailed:
    case QSslError::UnableToDecryptCertificateSignature:
        return true;
    default:
        return false;
    }
}

const QSslError *first(const QList<QSslError> &errors, bool (*matches)(QSslError::SslError))
{
    for (const QSslError &e : errors)
        if (matches(e.error()))
            return &e;
    return nullptr;
}

// The names a certificate is made out for, as a reader would list them.
QString namesOf(const QSslCertificate &c)
{
    QStringList names;
    const auto alt = c.subjectAlternativeNames();
    for (auto it = alt.cbegin(); it != alt.cend(); ++it)
        if ((it.key() == QSsl::DnsEntry || it.key() == QSsl::IpAddressEntry) && !names.contains(it.value()))
            names << it.value();
    if (names.isEmpty())
        names = c.subjectInfo(QSslCertificate::CommonName);
    return names.isEmpty() ? QStringLiteral("no name") : names.join(QStringLiteral(", "));
}

QString day(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-dd"));
}

} // namespace

QString tlsFailureSentence(const QString &url, const QList<QSslError> &errors, const QString &caCertificate,
                           const QString &qtErrorString)
{
    const QString server = QStringLiteral("The certificate of the MyTardis server at %1 (mytardis_url)").arg(url);
    if (const QSslError *e = first(errors, isUntrusted)) {
        const bool selfSigned = e->error() == QSslError::SelfSignedCertificate;
        const QString what = selfSigned ? QStringLiteral(" is self-signed, and this PC does not trust it")
                                        : QStringLiteral(" is signed by an authority this PC does not trust");
        if (caCertificate.isEmpty())
            return server + what +
                   QStringLiteral(": if your site has its own certificate authority, set ca_certificate to its CA "
                                  "file (PEM); otherwise ask the server's administrator for a certificate from a "
                                  "public authority.");
        return server + what +
               QStringLiteral(", nor does ca_certificate (\"%1\"): set ca_certificate to the CA file that signed the "
                              "server's certificate, or ask the server's administrator which one that is.")
                   .arg(QDir::toNativeSeparators(caCertificate));
    }
    for (const QSslError &e : errors) {
        const QSslCertificate c = e.certificate();
        switch (e.error()) {
        case QSslError::CertificateExpired:
            return server + QStringLiteral(" expired on %1: ask the server's administrator to renew it (Tardigrade "
                                           "never accepts an expired certificate).")
                                .arg(day(c.expiryDate()));
        case QSslError::CertificateNotYetValid:
            return server + QStringLiteral(" is not valid until %1: check this PC's date and time, or ask the "
                                           "server's administrator.")
                                .arg(day(c.effectiveDate()));
        case QSslError::HostNameMismatch:
            return server + QStringLiteral(" is made out for %1, not %2: set mytardis_url to the name the "
                                           "certificate is for, or ask the server's administrator for one that "
                                           "names %2.")
                                .arg(namesOf(c), QUrl(url).host());
        case QSslError::CertificateRevoked:
            return server + QStringLiteral(" has been revoked: ask the server's administrator for a new one.");
        default:
            break;
        }
    }
    const QString why = errors.isEmpty() ? qtErrorString : errors.first().errorString();
    return server + QStringLiteral(" could not be verified (%1): ask the server's administrator for a valid "
                                   "certificate (Tardigrade never skips this check).")
                        .arg(why);
}

} // namespace tardigrade
