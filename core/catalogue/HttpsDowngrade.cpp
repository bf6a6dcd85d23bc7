#include "HttpsDowngrade.h"

#include <QUrl>

namespace tardigrade {

QString httpsDowngradeSentence(const QString &serverUrl, int status, const QString &location, const QString &doing)
{
    const QUrl from(serverUrl);
    const QUrl to = from.resolved(QUrl(location));
    if (from.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0 ||
        to.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) != 0)
        return {};
    return QStringLiteral("The MyTardis server at %1 redirected to plain HTTP (HTTP %2 to %3) while %4; Tardigrade "
                          "does not follow it, as the API key would cross the network unencrypted: ask the server's "
                          "administrator to serve MyTardis by HTTPS without that redirect.")
        .arg(serverUrl)
        .arg(status)
        .arg(location, doing);
}

} // namespace tardigrade
