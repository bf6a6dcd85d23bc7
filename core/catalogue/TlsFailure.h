#pragma once

#include <QList>
#include <QSslError>
#include <QString>

namespace tardigrade {

// The one sentence for a server whose certificate was refused: what is wrong
// with it (signed by an authority this PC does not trust, expired, not yet
// valid, made out for another name, revoked) and which setting to look at.
// `url` is mytardis_url; `caCertificate` the ca_certificate setting (empty
// when unset). The errors come from QNetworkReply::sslErrors and are never
// ignored: the sentence is all a refusal leads to.
QString tlsFailureSentence(const QString &url, const QList<QSslError> &errors, const QString &caCertificate,
                           const QString &qtErrorString);

} // namespace tardigrade
