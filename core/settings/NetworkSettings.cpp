#include "NetworkSettings.h"

#include "Settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QRegularExpression>
#include <QUrl>
#include <mutex>

namespace tardigrade {

namespace {

// A CA bundle is a few hundred kB at most; anything far bigger is not one.
constexpr qint64 MaxAuthorityFileBytes = 16 * 1024 * 1024;

QString proxyProblem(const QString &value)
{
    return QStringLiteral("The proxy (proxy) \"%1\" is not a proxy address: enter one like "
                          "http://proxy.example.org:3128 (with user:password@ before the host if the proxy asks for "
                          "a login), or leave it empty to use this PC's proxy settings.")
        .arg(proxyForDisplay(value));
}

// The system's authorities, read once: Qt loads them on demand only while a
// configuration has no authorities of its own, so adding the site's would
// otherwise drop them.
const QList<QSslCertificate> &systemAuthorities()
{
    static const QList<QSslCertificate> all = QSslConfiguration::systemCaCertificates();
    return all;
}

} // namespace

Result<QList<QSslCertificate>> NetworkSettings::loadAuthorities(const QString &path)
{
    if (path.trimmed().isEmpty())
        return QList<QSslCertificate>();
    const QString shown = QDir::toNativeSeparators(path);
    const QString head = QStringLiteral("The certificate authority file (ca_certificate) \"%1\"").arg(shown);
    const QString tail = QStringLiteral("choose your site's CA certificate (a PEM file), or clear ca_certificate to "
                                        "trust only this PC's authorities.");
    const QFileInfo info(path);
    if (!info.exists())
        return Error::user(head + QStringLiteral(" does not exist: ") + tail);
    if (info.isDir())
        return Error::user(head + QStringLiteral(" is a folder: ") + tail);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::user(head + QStringLiteral(" cannot be read: give this user permission to read it, or ") +
                           tail);
    const QList<QSslCertificate> found = QSslCertificate::fromData(file.read(MaxAuthorityFileBytes), QSsl::Pem);
    QList<QSslCertificate> usable;
    for (const QSslCertificate &c : found)
        if (!c.isNull())
            usable << c;
    if (usable.isEmpty())
        return Error::user(head + QStringLiteral(" holds no certificate in PEM form (-----BEGIN CERTIFICATE-----): ") +
                           tail);
    return usable;
}

Result<std::optional<QNetworkProxy>> NetworkSettings::parseProxy(const QString &value)
{
    const QString text = value.trimmed();
    if (text.isEmpty())
        return std::optional<QNetworkProxy>();
    // "host:3128" is how proxies are often written; QUrl would read "host" as a scheme.
    const QUrl url(text.contains(QLatin1String("://")) ? text : QStringLiteral("http://") + text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    QNetworkProxy::ProxyType type = QNetworkProxy::HttpProxy;
    if (scheme == QLatin1String("socks5"))
        type = QNetworkProxy::Socks5Proxy;
    else if (scheme != QLatin1String("http"))
        return Error::user(proxyProblem(value));
    const bool noPath = url.path().isEmpty() || url.path() == QLatin1String("/");
    if (!url.isValid() || url.host().isEmpty() || url.port() <= 0 || !noPath || url.hasQuery() || url.hasFragment())
        return Error::user(proxyProblem(value));
    QNetworkProxy proxy(type, url.host(), static_cast<quint16>(url.port()), url.userName(QUrl::FullyDecoded),
                        url.password(QUrl::FullyDecoded));
    return std::optional<QNetworkProxy>(proxy);
}

Result<NetworkSettings> NetworkSettings::from(const QString &caCertificatePath, const QString &proxyValue)
{
    NetworkSettings n;
    auto authorities = loadAuthorities(caCertificatePath);
    if (!authorities)
        return authorities.error();
    n.siteAuthorities = *authorities;
    auto proxy = parseProxy(proxyValue);
    if (!proxy)
        return proxy.error();
    n.proxy = *proxy;
    return n;
}

Result<NetworkSettings> NetworkSettings::from(const Settings &settings)
{
    return from(settings.value(SettingKey::CaCertificate).trimmed(), settings.value(SettingKey::Proxy));
}

QSslConfiguration NetworkSettings::sslConfiguration() const
{
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    if (!siteAuthorities.isEmpty())
        c.setCaCertificates(systemAuthorities() + siteAuthorities);
    return c;
}

void NetworkSettings::applyTo(QNetworkAccessManager &nam) const
{
    useSystemProxy();
    if (proxy)
        nam.setProxy(*proxy);
}

QString proxyForDisplay(const QString &value)
{
    // scheme://user:password@host -> scheme://user:****@host (also without a scheme)
    static const QRegularExpression password(QStringLiteral("^(\\s*(?:[A-Za-z][A-Za-z0-9+.-]*://)?[^:@/]*):[^@]*@"));
    QString shown = value;
    shown.replace(password, QStringLiteral("\\1:****@"));
    return shown;
}

void useSystemProxy()
{
    static std::once_flag once;
    std::call_once(once, [] { QNetworkProxyFactory::setUseSystemConfiguration(true); });
}

} // namespace tardigrade
