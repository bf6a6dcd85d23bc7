#pragma once

#include "util/Result.h"

#include <QList>
#include <QNetworkProxy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>
#include <optional>

class QNetworkAccessManager;

namespace tardigrade {

class Settings;

// The two settings that describe this PC's network rather than the
// facility's policy: ca_certificate (a PEM file of the site's own certificate
// authority, trusted besides the system's) and proxy (a proxy other than the
// system's). Read in one place, so that the validator refuses exactly what the
// catalogue client could not use, with the same sentence.
struct NetworkSettings {
    QList<QSslCertificate> siteAuthorities; // empty: the system's authorities alone
    std::optional<QNetworkProxy> proxy;     // none: the system's proxy (http_proxy, https_proxy, ...)

    // Each fails with one sentence that names the setting.
    static Result<NetworkSettings> from(const QString &caCertificatePath, const QString &proxyValue);
    static Result<NetworkSettings> from(const Settings &settings);
    static Result<QList<QSslCertificate>> loadAuthorities(const QString &path);
    static Result<std::optional<QNetworkProxy>> parseProxy(const QString &value);

    // The TLS configuration of a request: Qt's default, with the site's
    // authorities added to the system's (verification is never switched off).
    QSslConfiguration sslConfiguration() const;
    // Sets the proxy on `nam` when one is set; otherwise the system's is used.
    void applyTo(QNetworkAccessManager &nam) const;
};

// A proxy value as it may be shown (logs, messages, `config list`): any
// password replaced by "****".
QString proxyForDisplay(const QString &value);

// Once per process: requests go through the system's proxy unless the proxy
// setting names another (on Linux, http_proxy/https_proxy/no_proxy).
void useSystemProxy();

} // namespace tardigrade
