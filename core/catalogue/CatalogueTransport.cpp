#include "CatalogueTransport.h"

#include "ApiJob.h"
#include "HttpFailure.h"
#include "Records.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QTimer>
#include <mutex>

namespace tardigrade {

namespace {

// An error of the request layer: it has retried what it could, so loops
// above it leave it alone (retryableAboveRequests).
Error httpError(ErrorKind kind, QString message, int status, bool outcomeUnknown)
{
    Error e{kind, std::move(message), status};
    e.origin = ErrorOrigin::Http;
    e.outcomeUnknown = outcomeUnknown;
    return e;
}

} // namespace

CatalogueTransport::CatalogueTransport(ClientConfig config, QNetworkAccessManager &nam)
    : m_config(std::move(config)), m_nam(nam)
{
    while (m_config.url.endsWith(QLatin1Char('/')))
        m_config.url.chop(1);
    static std::once_flag proxyOnce;
    std::call_once(proxyOnce, [] { QNetworkProxyFactory::setUseSystemConfiguration(true); });
    // Redirects are answers (ApiJob asks for manual redirects per request);
    // TLS verification stays Qt's default, which verifies.
}

bool CatalogueTransport::cancelRequested() const { return m_config.cancel && m_config.cancel->load(); }

QUrl CatalogueTransport::urlFor(const QString &path, const Query &query, bool formatJson) const
{
    const QUrl base = QUrl(m_config.url);
    // A `next` path from the server already carries the base's path prefix.
    const QString prefix = base.path(QUrl::FullyEncoded);
    QString encoded;
    if (!prefix.isEmpty() && prefix != QLatin1String("/") && path.startsWith(prefix + QLatin1Char('/')))
        encoded = base.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::FullyEncoded) + path;
    else
        encoded = QString::fromUtf8(base.toEncoded(QUrl::RemoveQuery | QUrl::StripTrailingSlash)) + path;

    QByteArray q;
    auto add = [&q](const QString &k, const QString &v) {
        if (!q.isEmpty())
            q += '&';
        q += QUrl::toPercentEncoding(k) + '=' + QUrl::toPercentEncoding(v);
    };
    const bool hasQuery = encoded.contains(QLatin1Char('?'));
    bool hasFormat = false;
    for (const auto &item : query)
        hasFormat = hasFormat || item.first == QLatin1String("format");
    if (formatJson && !hasQuery && !hasFormat)
        add(QStringLiteral("format"), QStringLiteral("json"));
    for (const auto &item : query)
        add(item.first, item.second);
    QByteArray full = encoded.toUtf8();
    if (!q.isEmpty())
        full += (hasQuery ? '&' : '?') + q;
    return QUrl::fromEncoded(full, QUrl::StrictMode);
}

Result<ApiResponse> CatalogueTransport::send(ApiRequest request, const Progress &progress)
{
    if (cancelRequested())
        return Error::cancelled();
    ApiJobOptions options;
    options.timeoutSecs = m_config.timeoutSecs;
    options.maxTries = m_config.maxTries;
    options.backoff.base = std::chrono::milliseconds(m_config.backoffMs);
    options.authorization = "ApiKey " + m_config.username.toUtf8() + ':' + m_config.apiKey.toUtf8();
    options.userAgent = QByteArrayLiteral("Tardigrade/" TARDIGRADE_VERSION);

    ApiJob job(&m_nam, std::move(request), options);
    QEventLoop loop;
    QObject::connect(&job, &ApiJob::finished, &loop, &QEventLoop::quit);
    // A cancel set from a progress report takes effect at once: on loopback a
    // whole upload can pass between two polls of the flag.
    QObject::connect(&job, &ApiJob::uploadProgress, &loop, [this, &job, &progress](qint64 s, qint64 t) {
        if (progress)
            progress(s, t);
        if (cancelRequested())
            job.abort();
    });
    QTimer cancelPoll;
    cancelPoll.setInterval(100);
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [this, &job] {
        if (cancelRequested())
            job.abort();
    });
    cancelPoll.start();
    job.start();
    if (!job.isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    const ApiResponse &r = job.response();
    m_requestCount += r.tries;
    if (r.cancelled)
        return Error::cancelled();
    if (!r.hasAnswer())
        return noAnswer(r);
    return r;
}

Error CatalogueTransport::noAnswer(const ApiResponse &r) const
{
    const HttpFailure failure = HttpFailure::of(r);
    if (r.timedOut)
        return httpError(failure.kind,
                         QStringLiteral("The MyTardis server at %1 did not answer within %2 s; check the network or "
                                        "raise connection_timeout.")
                             .arg(m_config.url)
                             .arg(m_config.timeoutSecs),
                         0, r.outcomeUnknown);
    if (r.networkError == QNetworkReply::SslHandshakeFailedError)
        return httpError(failure.kind,
                         QStringLiteral("The certificate of the MyTardis server at %1 could not be verified (%2); ask "
                                        "its administrator for a valid certificate (Tardigrade never skips this "
                                        "check).")
                             .arg(m_config.url, r.errorString),
                         0, false);
    // Unreachable now may be reachable later: whatever the network said, the
    // run is worth trying again, and the sentence says what to check.
    return httpError(ErrorKind::Transient,
                     QStringLiteral("Cannot reach the MyTardis server at %1 (%2); check mytardis_url and the network "
                                    "connection.")
                         .arg(m_config.url, r.errorString),
                     0, r.outcomeUnknown);
}

Result<ApiResponse> CatalogueTransport::get(const QString &path, const Query &query, bool formatJson)
{
    ApiRequest r;
    r.method = "GET";
    r.url = urlFor(path, query, formatJson);
    return send(std::move(r));
}

Result<ApiResponse> CatalogueTransport::sendJson(const QByteArray &method, const QString &path,
                                                 const QJsonObject &body, ResendRule retry)
{
    ApiRequest r;
    r.method = method;
    r.url = urlFor(path, {}, false);
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.contentType = "application/json";
    r.retry = retry;
    return send(std::move(r));
}

Result<ApiResponse> CatalogueTransport::post(const QString &path, const QJsonObject &body, ResendRule retry)
{
    return sendJson("POST", path, body, retry);
}

Result<ApiResponse> CatalogueTransport::put(const QString &path, const QJsonObject &body)
{
    return sendJson("PUT", path, body, ResendRule::Idempotent);
}

Result<ApiResponse> CatalogueTransport::patch(const QString &path, const QJsonObject &body)
{
    return sendJson("PATCH", path, body, ResendRule::Idempotent);
}

Result<QJsonArray> CatalogueTransport::listObjects(const ApiResponse &r, const QString &doing)
{
    const QJsonDocument doc = r.json();
    const QJsonValue objects = doc.object().value(QLatin1String("objects"));
    if (!doc.isObject() || !objects.isArray())
        return httpError(ErrorKind::Transient,
                         QStringLiteral("The MyTardis server's answer while %1 was not the JSON list it should be; try "
                                        "again later.")
                             .arg(doing),
                         r.status, false);
    return objects.toArray();
}

Result<QVector<QJsonObject>> CatalogueTransport::getAll(const QString &path, const Query &query)
{
    Query q = query;
    bool hasLimit = false;
    for (const auto &item : q)
        hasLimit = hasLimit || item.first == QLatin1String("limit");
    if (!hasLimit)
        q.append({QStringLiteral("limit"), QStringLiteral("0")});

    QVector<QJsonObject> all;
    QString nextPath = path;
    Query nextQuery = q;
    QString previousNext;
    const QString doing = QStringLiteral("listing %1").arg(path);
    for (int page = 0; page < 100000; ++page) {
        auto r = get(nextPath, nextQuery);
        if (!r)
            return r.error();
        if (r->status != 200)
            return errorFor(*r, doing);
        auto list = listObjects(*r, doing);
        if (!list)
            return list.error();
        const QJsonArray objects = *list;
        for (const QJsonValue &o : objects)
            all.push_back(o.toObject());
        const ListMeta meta = ListMeta::fromJson(r->json().object().value(QLatin1String("meta")).toObject());
        // An empty page or a `next` that goes nowhere new ends the listing
        // (a misbehaving server must not keep us here forever).
        if (meta.next.isEmpty() || objects.isEmpty() || meta.next == previousNext)
            break;
        previousNext = meta.next;
        nextPath = meta.next;
        nextQuery.clear();
    }
    return all;
}

Result<std::optional<QJsonObject>> CatalogueTransport::firstOf(const ApiResponse &response, const QString &doing) const
{
    if (response.status != 200)
        return errorFor(response, doing);
    auto list = listObjects(response, doing);
    if (!list)
        return list.error();
    const QJsonArray objects = *list;
    if (objects.isEmpty())
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(objects.first().toObject());
}

Result<std::optional<QJsonObject>> CatalogueTransport::firstObject(const QString &path, const Query &query,
                                                                   const QString &doing)
{
    auto r = get(path, query);
    if (!r)
        return r.error();
    return firstOf(*r, doing);
}

Error CatalogueTransport::errorFor(const ApiResponse &r, const QString &doing) const
{
    const int s = r.status;
    const ErrorKind kind = HttpFailure::of(r).kind;
    QString message;
    if (s == 401)
        message = QStringLiteral("The MyTardis server refused username \"%1\" with the given API key (HTTP 401) "
                                 "while %2; check username and api_key in the settings.")
                      .arg(m_config.username, doing);
    else if (s == 403)
        message = QStringLiteral("The MyTardis server does not permit user \"%1\" to do this (HTTP 403) while %2; ask "
                                 "a facility manager to grant access.")
                      .arg(m_config.username, doing);
    else if (s == 413)
        message = QStringLiteral("The file is larger than the MyTardis server accepts by HTTP POST (HTTP 413) while "
                                 "%1; ask the administrator for staging (SCP) access or a higher upload limit.")
                      .arg(doing);
    else if (s >= 500)
        message = QStringLiteral("The MyTardis server failed (HTTP %1) while %2; try again later, or tell its "
                                 "administrator if this persists.")
                      .arg(s)
                      .arg(doing);
    else if (s >= 300 && s < 400)
        message = QStringLiteral("The MyTardis server redirected (HTTP %1 to %2) while %3; set mytardis_url to the "
                                 "server's exact address.")
                      .arg(s)
                      .arg(r.location(), doing);
    else {
        const QString detail = QString::fromUtf8(r.body.left(200)).simplified();
        message = QStringLiteral("The MyTardis server answered HTTP %1 while %2%3.")
                      .arg(s)
                      .arg(doing, detail.isEmpty() ? QString() : QStringLiteral(" (") + detail + QLatin1Char(')'));
    }
    return httpError(kind, message, s, r.outcomeUnknown);
}

} // namespace tardigrade
