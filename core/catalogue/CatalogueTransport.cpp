#include "CatalogueTransport.h"

#include "ApiJob.h"
#include "HttpFailure.h"
#include "KeepAliveClient.h"
#include "HttpsDowngrade.h"
#include "Records.h"
#include "TlsFailure.h"
#include "settings/NetworkSettings.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>

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
    // The system's proxy unless the proxy setting names another; the site's
    // certificate authority besides the system's. A setting that cannot be
    // used fails every request with its sentence, never falls back quietly.
    if (auto network = NetworkSettings::from(m_config.caCertificate, m_config.proxy)) {
        network->applyTo(m_nam);
        if (!network->siteAuthorities.isEmpty())
            m_ssl = network->sslConfiguration();
        // The kept connection talks to the server directly: only when no
        // proxy is set and the system's (http_proxy, no_proxy) names none
        // for this server.
        const QUrl base(m_config.url);
        const bool direct =
            !network->proxy &&
            QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(base)).value(0).type() == QNetworkProxy::NoProxy;
        const bool plainOrTls = base.scheme() == QLatin1String("http") || base.scheme() == QLatin1String("https");
        if (direct && plainOrTls && qEnvironmentVariableIntValue("TARDIGRADE_QT_HTTP") == 0)
            m_keepAlive = std::make_unique<KeepAliveClient>();
    } else {
        m_settingsProblem = network.error().message;
    }
    // Redirects are answers (ApiJob asks for manual redirects per request);
    // TLS verification stays on: certificate errors are never ignored.
}

CatalogueTransport::~CatalogueTransport() = default;

int CatalogueTransport::keptConnectionsOpened() const
{
    return m_keepAlive ? m_keepAlive->connectionsOpened() : -1;
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

ApiJobOptions CatalogueTransport::jobOptions() const
{
    ApiJobOptions options;
    options.ssl = m_ssl;
    options.timeoutSecs = m_config.timeoutSecs;
    options.maxTries = m_config.maxTries;
    options.backoff.base = std::chrono::milliseconds(m_config.backoffMs);
    options.authorization = "ApiKey " + m_config.username.toUtf8() + ':' + m_config.apiKey.toUtf8();
    options.userAgent = QByteArrayLiteral("Tardigrade/" TARDIGRADE_VERSION);
    return options;
}

std::optional<Error> CatalogueTransport::prepare(ApiRequest &request) const
{
    if (cancelRequested())
        return Error::cancelled();
    if (!m_settingsProblem.isEmpty())
        return Error::user(m_settingsProblem);
    if (request.maxTriesWithoutServer <= 0) // a request's own limit (the server check's) comes first
        request.maxTriesWithoutServer = m_config.maxTriesWithoutServer;
    return std::nullopt;
}

bool CatalogueTransport::goesKept(const ApiRequest &request) const
{
    // The proxy decision was made for the server's address: another host
    // (never asked of in practice) goes through Qt's stack.
    const QUrl base(m_config.url);
    const int defaultPort = base.scheme() == QLatin1String("https") ? 443 : 80;
    return m_keepAlive && KeepAliveClient::suits(request) && request.url.scheme() == base.scheme() &&
           request.url.host().compare(base.host(), Qt::CaseInsensitive) == 0 &&
           request.url.port(defaultPort) == base.port(defaultPort);
}

Result<ApiResponse> CatalogueTransport::send(ApiRequest request, const Progress &progress)
{
    if (std::optional<Error> refused = prepare(request))
        return *refused;
    const ApiJobOptions options = jobOptions();
    if (!progress && goesKept(request)) {
        const ApiResponse r = m_keepAlive->send(std::move(request), options, m_config.cancel);
        return answered(r);
    }

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
    return answered(job.response());
}

QVector<Result<ApiResponse>> CatalogueTransport::sendAll(QVector<ApiRequest> requests)
{
    QVector<Result<ApiResponse>> answers;
    if (requests.size() == 1) {
        answers.append(send(std::move(requests.first())));
        return answers;
    }
    answers.reserve(requests.size());
    // Each request goes the way send() would send it alone.
    QVector<ApiRequest> kept;
    QVector<ApiRequest> throughQt;
    QVector<int> keptAt;
    QVector<int> qtAt;
    for (int i = 0; i < requests.size(); ++i) {
        ApiRequest &request = requests[i];
        if (std::optional<Error> refused = prepare(request)) {
            answers.append(*refused);
            continue;
        }
        answers.append(Error::internal(QStringLiteral("Not sent.")));
        if (goesKept(request)) {
            keptAt.append(i);
            kept.append(std::move(request));
        } else {
            qtAt.append(i);
            throughQt.append(std::move(request));
        }
    }
    if (!kept.isEmpty()) {
        const QVector<ApiResponse> r = m_keepAlive->sendAll(std::move(kept), jobOptions(), m_config.cancel);
        for (int k = 0; k < r.size(); ++k)
            answers[keptAt[k]] = answered(r[k]);
    }
    if (!throughQt.isEmpty()) {
        const QVector<ApiResponse> r = sendAllThroughQt(throughQt);
        for (int k = 0; k < r.size(); ++k)
            answers[qtAt[k]] = answered(r[k]);
    }
    return answers;
}

QVector<ApiResponse> CatalogueTransport::sendAllThroughQt(const QVector<ApiRequest> &requests)
{
    // Jobs at once, each doing its own tries: no more than Qt's stack has
    // connections to the host (six for HTTP/1.1). A request queued inside
    // Qt is given a connection the server has just dropped, fails without
    // reaching it and costs a try (22 such in 96 verify requests at 30%
    // faults with 16 started together; none with six).
    constexpr int kInFlightThroughQt = 6;
    const ApiJobOptions options = jobOptions();
    std::vector<std::unique_ptr<ApiJob>> jobs;
    jobs.reserve(requests.size());
    for (const ApiRequest &request : requests)
        jobs.push_back(std::make_unique<ApiJob>(&m_nam, request, options));
    QEventLoop loop;
    int started = 0;
    int finished = 0;
    bool stopped = false;
    auto startNext = [&] {
        while (!stopped && started < int(jobs.size()) && started - finished < kInFlightThroughQt)
            jobs[started++]->start();
        if (finished == started && (stopped || started == int(jobs.size())))
            loop.quit();
    };
    for (const auto &job : jobs)
        QObject::connect(job.get(), &ApiJob::finished, &loop, [&] {
            ++finished;
            startNext();
        });
    QTimer cancelPoll;
    cancelPoll.setInterval(100);
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
        if (!cancelRequested())
            return;
        stopped = true;
        for (int i = 0; i < started; ++i)
            jobs[i]->abort();
        startNext();
    });
    cancelPoll.start();
    startNext();
    if (finished < int(jobs.size()) && !(stopped && finished == started))
        loop.exec(QEventLoop::ExcludeUserInputEvents);

    QVector<ApiResponse> answers;
    answers.reserve(requests.size());
    for (int i = 0; i < int(jobs.size()); ++i) {
        if (i < started) {
            answers.append(jobs[i]->response());
            continue;
        }
        ApiResponse never; // cancelled before it was sent
        never.cancelled = true;
        never.networkError = QNetworkReply::OperationCanceledError;
        never.errorString = QStringLiteral("Cancelled.");
        answers.append(never);
    }
    return answers;
}

Result<ApiResponse> CatalogueTransport::answered(const ApiResponse &r)
{
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
    if (r.tooLarge)
        return httpError(failure.kind,
                         QStringLiteral("The server at %1 sent an answer of more than %2 MiB, far more than MyTardis "
                                        "ever sends; check mytardis_url (something other than MyTardis may be "
                                        "answering there).")
                             .arg(m_config.url)
                             .arg(kMaxAnswerBytes / (1024 * 1024)),
                         0, r.outcomeUnknown);
    if (r.tooSlow)
        return httpError(failure.kind,
                         QStringLiteral("The MyTardis server at %1 sent its answer too slowly (it was still coming "
                                        "after %2 s); check the network, or tell the server's administrator if this "
                                        "persists.")
                             .arg(m_config.url)
                             .arg(3 * m_config.timeoutSecs),
                         0, r.outcomeUnknown);
    if (r.timedOut)
        return httpError(failure.kind,
                         QStringLiteral("The MyTardis server at %1 did not answer within %2 s; check the network or "
                                        "raise connection_timeout.")
                             .arg(m_config.url)
                             .arg(m_config.timeoutSecs),
                         0, r.outcomeUnknown);
    if (r.networkError == QNetworkReply::SslHandshakeFailedError)
        return httpError(failure.kind, tlsFailureSentence(m_config.url, r.sslErrors, m_config.caCertificate, r.errorString),
                         0, false);
    if (r.networkError == QNetworkReply::ProxyAuthenticationRequiredError)
        return httpError(ErrorKind::User,
                         QStringLiteral("The proxy refused Tardigrade's login (HTTP 407) on the way to the MyTardis "
                                        "server at %1: set proxy to http://user:password@host:port with the login "
                                        "the proxy expects.")
                             .arg(m_config.url),
                         0, false);
    const int code = int(r.networkError);
    if (code >= QNetworkReply::ProxyConnectionRefusedError && code <= QNetworkReply::UnknownProxyError)
        return httpError(ErrorKind::Transient,
                         QStringLiteral("Cannot reach the MyTardis server at %1 through the proxy %2 (%3); check the "
                                        "proxy setting (empty: this PC's proxy settings) and the network "
                                        "connection.")
                             .arg(m_config.url,
                                  m_config.proxy.isEmpty() ? QStringLiteral("of this PC") : proxyForDisplay(m_config.proxy),
                                  withoutApiKey(r.errorString)),
                         0, r.outcomeUnknown);
    // Unreachable now may be reachable later: whatever the network said, the
    // run is worth trying again, and the sentence says what to check.
    return httpError(ErrorKind::Transient,
                     QStringLiteral("Cannot reach the MyTardis server at %1 (%2); check mytardis_url and the network "
                                    "connection.")
                         .arg(m_config.url, withoutApiKey(r.errorString)),
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

namespace {

// "The MyTardis server at URL", or without the URL when the caller has none.
QString serverAt(const QString &server)
{
    return server.isEmpty() ? QStringLiteral("The MyTardis server") : QStringLiteral("The MyTardis server at ") + server;
}

Error wrongShapeAt(const QString &server, const ApiResponse &r, const QString &doing, const QString &expected)
{
    return httpError(ErrorKind::Permanent,
                     QStringLiteral("%1 answered JSON of the wrong shape while %2 (it lacks %3); check that "
                                    "mytardis_url is a MyTardis server, or tell its administrator.")
                         .arg(serverAt(server), doing, expected),
                     r.status, false);
}

Result<QJsonObject> jsonObjectAt(const QString &server, const ApiResponse &r, const QString &doing)
{
    const QByteArray trimmed = r.body.trimmed();
    if (trimmed.isEmpty())
        return httpError(ErrorKind::Transient,
                         QStringLiteral("%1 answered HTTP %2 with an empty body while %3; try again later, or tell its "
                                        "administrator if this persists.")
                             .arg(serverAt(server))
                             .arg(r.status)
                             .arg(doing),
                         r.status, false);
    const QByteArray type = r.header("Content-Type").toLower();
    if (type.contains("html") || trimmed.startsWith('<'))
        return httpError(ErrorKind::User,
                         QStringLiteral("%1 answered with a web page instead of MyTardis data while %2: check "
                                        "mytardis_url (a login page or proxy may be in the way).")
                             .arg(server.isEmpty() ? QStringLiteral("The server") : QStringLiteral("The server at ") + server,
                                  doing),
                         r.status, false);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return httpError(ErrorKind::Transient,
                         QStringLiteral("%1 answered with broken JSON while %2 (%3 at byte %4); try again later, or "
                                        "tell its administrator if this persists.")
                             .arg(serverAt(server), doing, parseError.errorString())
                             .arg(parseError.offset),
                         r.status, false);
    if (!doc.isObject())
        return wrongShapeAt(server, r, doing, QStringLiteral("a JSON object"));
    return doc.object();
}

Result<QJsonArray> objectsAt(const QString &server, const ApiResponse &r, const QString &doing)
{
    auto doc = jsonObjectAt(server, r, doing);
    if (!doc)
        return doc.error();
    const QJsonValue objects = doc->value(QLatin1String("objects"));
    bool allObjects = objects.isArray();
    for (const QJsonValue &o : objects.toArray())
        allObjects = allObjects && o.isObject();
    if (!allObjects)
        return wrongShapeAt(server, r, doing, QStringLiteral("a list of \"objects\""));
    return objects.toArray();
}

} // namespace

Result<QJsonArray> CatalogueTransport::listObjects(const ApiResponse &r, const QString &doing)
{
    return objectsAt({}, r, doing);
}

Result<QJsonArray> CatalogueTransport::objectsOf(const ApiResponse &r, const QString &doing) const
{
    return objectsAt(m_config.url, r, doing);
}

Result<QJsonObject> CatalogueTransport::jsonObjectOf(const ApiResponse &r, const QString &doing) const
{
    return jsonObjectAt(m_config.url, r, doing);
}

Result<qint64> CatalogueTransport::idFromLocation(const ApiResponse &r, api::Resource resource,
                                                  const QString &doing) const
{
    const QString location = r.location();
    if (location.isEmpty())
        return qint64(0);
    // The record just made is one of the resource posted to (or its plain
    // twin: mydata_experiment makes an experiment), on this server: an id
    // taken from anywhere else would name someone else's record.
    const QUrl base(m_config.url);
    const QUrl url = base.resolved(QUrl(location));
    QString name = api::resourceName(resource);
    if (name.startsWith(QLatin1String("mydata_")))
        name = name.mid(7);
    static const QRegularExpression re(QStringLiteral("/api/v1/(?:mydata_)?([a-z_]+)/(\\d+)/?$"));
    const auto m = re.match(url.path());
    // Only the host is compared: behind a TLS proxy Django often writes
    // http:// or its own port, and only the id is taken from it anyway.
    const bool sameServer = url.host().compare(base.host(), Qt::CaseInsensitive) == 0;
    if (!sameServer || !m.hasMatch() || m.captured(1) != name)
        return httpError(ErrorKind::Permanent,
                         QStringLiteral("The MyTardis server at %1 named %2 as the new record while %3, which is not "
                                        "a %4 on this server; tell its administrator.")
                             .arg(m_config.url, location, doing, name),
                         r.status, false);
    // Ids count from 1 and fit a qint64; "0" or twenty digits would read as
    // "no id" and the record could never be verified or found again.
    bool ok = false;
    const qint64 id = m.captured(2).toLongLong(&ok);
    if (!ok || id <= 0)
        return httpError(ErrorKind::Permanent,
                         QStringLiteral("The MyTardis server at %1 named %2 as the new record while %3, but %4 is not "
                                        "a record id (ids count from 1); tell its administrator.")
                             .arg(m_config.url, location, doing, m.captured(2)),
                         r.status, false);
    return id;
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
    QSet<QString> pagesRead;
    const QString doing = QStringLiteral("listing %1").arg(path);
    for (int page = 0; page < 100000; ++page) {
        auto r = get(nextPath, nextQuery);
        if (!r)
            return r.error();
        if (r->status != 200)
            return errorFor(*r, doing);
        auto list = objectsOf(*r, doing);
        if (!list)
            return list.error();
        const QJsonArray objects = *list;
        for (const QJsonValue &o : objects)
            all.push_back(o.toObject());
        const ListMeta meta = ListMeta::fromJson(r->json().object().value(QLatin1String("meta")).toObject());
        // An empty page ends the listing; `total_count` is not trusted
        // either way, only the pages themselves.
        if (meta.next.isEmpty() || objects.isEmpty())
            break;
        pagesRead.insert(urlFor(nextPath, nextQuery).toString());
        auto next = nextPage(meta.next, doing);
        if (!next)
            return next.error();
        // A `next` that leads back to a page already read would keep us
        // here forever, reading the same records again.
        if (pagesRead.contains(urlFor(*next).toString()))
            return httpError(ErrorKind::Permanent,
                             QStringLiteral("The MyTardis server at %1 sent a list that loops while %2 (its next page, "
                                            "%3, was read already); tell its administrator.")
                                 .arg(m_config.url, doing, meta.next),
                             r->status, false);
        nextPath = *next;
        nextQuery.clear();
    }
    return all;
}

Result<QString> CatalogueTransport::nextPage(const QString &next, const QString &doing) const
{
    // Tastypie writes `next` as a path; an absolute URL is taken only when it
    // is on this server, and then only its path is asked of mytardis_url, so
    // the API key goes nowhere else (nor over http when the URL is https).
    const QUrl base(m_config.url);
    const QUrl url(next);
    if (url.isRelative() && next.startsWith(QLatin1Char('/')))
        return next;
    if (url.host().isEmpty() || url.host().compare(base.host(), Qt::CaseInsensitive) != 0)
        return httpError(ErrorKind::Permanent,
                         QStringLiteral("The MyTardis server at %1 pointed to %2 for the next page while %3, which is "
                                        "not this server (Tardigrade sends its API key nowhere else); tell its "
                                        "administrator.")
                             .arg(m_config.url, next, doing),
                         0, false);
    return url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded);
}

Result<std::optional<QJsonObject>> CatalogueTransport::firstOf(const ApiResponse &response, const QString &doing) const
{
    if (response.status != 200)
        return errorFor(response, doing);
    auto list = objectsOf(response, doing);
    if (!list)
        return list.error();
    const QJsonArray objects = *list;
    if (objects.isEmpty())
        return std::optional<QJsonObject>();
    // A record without an id would read as one a Test Run "would create".
    if (json::idOf(objects.first().toObject()) == 0)
        return wrongShapeAt(m_config.url, response, doing, QStringLiteral("an \"id\" in the record it found"));
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
    else if (const QString downgrade = httpsDowngradeSentence(m_config.url, s, r.location(), doing);
             s >= 300 && s < 400 && !downgrade.isEmpty())
        message = downgrade;
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
    return httpError(kind, withoutApiKey(message), s, r.outcomeUnknown);
}

QString CatalogueTransport::withoutApiKey(QString text) const
{
    // A server's words (an error page, a Location) may repeat the request's
    // Authorization header, as debugging servers and some proxies do.
    if (m_config.apiKey.size() >= 4)
        text.replace(m_config.apiKey, QStringLiteral("****"));
    return text;
}

} // namespace tardigrade
