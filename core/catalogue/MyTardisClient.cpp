#include "MyTardisClient.h"

#include "ApiJob.h"
#include "util/Log.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QTimer>
#include <mutex>

namespace tardigrade {

namespace {

QString apiPath(const char *resource)
{
    return QStringLiteral("/api/v1/") + QLatin1String(resource) + QLatin1Char('/');
}

QByteArray jsonBytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString quoted(const QString &s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

// A value for a multipart Content-Disposition parameter: quotes and line
// breaks would end the header early, so they are escaped as browsers do.
QByteArray dispositionValue(const QString &s)
{
    QByteArray b = s.toUtf8();
    b.replace('"', "%22");
    b.replace('\r', "%0D");
    b.replace('\n', "%0A");
    return b;
}

// The "objects" of a list answer; anything else (HTML from a proxy, a cut
// body) is an error, never "no hits".
Result<QJsonArray> listObjects(const ApiResponse &r, const QString &doing)
{
    const QJsonDocument doc = r.json();
    const QJsonValue objects = doc.object().value(QLatin1String("objects"));
    if (!doc.isObject() || !objects.isArray())
        return Error::transient(
            QStringLiteral("The MyTardis server's answer while %1 was not the JSON list it should be; try again later.")
                .arg(doing));
    return objects.toArray();
}

// The first object of a list answer as a typed record, or none.
template <typename Record>
Result<std::optional<Record>> asRecord(Result<std::optional<QJsonObject>> object)
{
    if (!object)
        return object.error();
    if (!object->has_value())
        return std::optional<Record>();
    return std::optional<Record>(Record::fromJson(**object));
}

} // namespace

MyTardisClient::MyTardisClient(ClientConfig config)
    : m_config(std::move(config)), m_nam(std::make_unique<QNetworkAccessManager>())
{
    while (m_config.url.endsWith(QLatin1Char('/')))
        m_config.url.chop(1);
    static std::once_flag proxyOnce;
    std::call_once(proxyOnce, [] { QNetworkProxyFactory::setUseSystemConfiguration(true); });
    // Redirects are answers (ApiJob asks for manual redirects per request);
    // TLS verification stays Qt's default, which verifies.
}

MyTardisClient::~MyTardisClient() = default;

bool MyTardisClient::cancelRequested() const
{
    return m_config.cancel && m_config.cancel->load();
}

QUrl MyTardisClient::urlFor(const QString &path, const Query &query, bool formatJson) const
{
    const QUrl base = QUrl(m_config.url);
    QString p = path;
    // A `next` path from the server already carries the base's path prefix.
    const QString prefix = base.path(QUrl::FullyEncoded);
    QString encoded;
    if (!prefix.isEmpty() && prefix != QLatin1String("/") && p.startsWith(prefix + QLatin1Char('/')))
        encoded = base.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::FullyEncoded) + p;
    else
        encoded = QString::fromUtf8(base.toEncoded(QUrl::RemoveQuery | QUrl::StripTrailingSlash)) + p;

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

Result<ApiResponse> MyTardisClient::send(ApiRequest request, const Progress &progress)
{
    if (cancelRequested())
        return Error::cancelled();
    ApiJobOptions options;
    options.timeoutSecs = m_config.timeoutSecs;
    options.maxTries = m_config.maxTries;
    options.backoffMs = m_config.backoffMs;
    options.authorization = "ApiKey " + m_config.username.toUtf8() + ':' + m_config.apiKey.toUtf8();
    options.userAgent = QByteArrayLiteral("Tardigrade/" TARDIGRADE_VERSION);

    ApiJob job(m_nam.get(), std::move(request), options);
    QEventLoop loop;
    QObject::connect(&job, &ApiJob::finished, &loop, &QEventLoop::quit);
    if (progress)
        QObject::connect(&job, &ApiJob::uploadProgress, &loop, [&progress](qint64 s, qint64 t) { progress(s, t); });
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
    if (!r.hasAnswer()) {
        if (r.timedOut)
            return Error::transient(QStringLiteral("The MyTardis server at %1 did not answer within %2 s; check the "
                                                   "network or raise connection_timeout.")
                                        .arg(m_config.url)
                                        .arg(m_config.timeoutSecs));
        if (r.networkError == QNetworkReply::SslHandshakeFailedError)
            return Error::user(
                QStringLiteral("The certificate of the MyTardis server at %1 could not be verified (%2); ask its "
                               "administrator for a valid certificate (Tardigrade never skips this check).")
                    .arg(m_config.url, r.errorString));
        return Error::transient(
            QStringLiteral(
                "Cannot reach the MyTardis server at %1 (%2); check mytardis_url and the network connection.")
                .arg(m_config.url, r.errorString));
    }
    return r;
}

Result<ApiResponse> MyTardisClient::get(const QString &path, const Query &query, bool formatJson)
{
    ApiRequest r;
    r.method = "GET";
    r.url = urlFor(path, query, formatJson);
    return send(std::move(r));
}

Result<ApiResponse> MyTardisClient::post(const QString &path, const QJsonObject &body, ResendRule retry)
{
    ApiRequest r;
    r.method = "POST";
    r.url = urlFor(path, {}, false);
    r.body = jsonBytes(body);
    r.contentType = "application/json";
    r.retry = retry;
    return send(std::move(r));
}

Result<ApiResponse> MyTardisClient::put(const QString &path, const QJsonObject &body)
{
    ApiRequest r;
    r.method = "PUT";
    r.url = urlFor(path, {}, false);
    r.body = jsonBytes(body);
    r.contentType = "application/json";
    return send(std::move(r));
}

Result<ApiResponse> MyTardisClient::patch(const QString &path, const QJsonObject &body)
{
    ApiRequest r;
    r.method = "PATCH";
    r.url = urlFor(path, {}, false);
    r.body = jsonBytes(body);
    r.contentType = "application/json";
    return send(std::move(r));
}

Result<QVector<QJsonObject>> MyTardisClient::getAll(const QString &path, const Query &query)
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
        const QJsonObject doc = r->json().object();
        const QJsonArray objects = *list;
        for (const QJsonValue &o : objects)
            all.push_back(o.toObject());
        const ListMeta meta = ListMeta::fromJson(doc.value(QLatin1String("meta")).toObject());
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

Error MyTardisClient::mydataAppMissing() const
{
    return Error::user(
        QStringLiteral("The MyTardis server at %1 lacks the mydata app (its mydata_uploader resource answers HTTP "
                       "404); ask the server's administrator to install mytardis-app-mydata.")
            .arg(m_config.url));
}

Error MyTardisClient::errorFor(const ApiResponse &r, const QString &doing) const
{
    const int s = r.status;
    if (s == 401)
        return Error{ErrorKind::User,
                     QStringLiteral("The MyTardis server refused username \"%1\" with the given API key (HTTP 401) "
                                    "while %2; check username and api_key in the settings.")
                         .arg(m_config.username, doing),
                     s};
    if (s == 403)
        return Error::permanent(QStringLiteral("The MyTardis server does not permit user \"%1\" to do this (HTTP 403) "
                                               "while %2; ask a facility manager to grant access.")
                                    .arg(m_config.username, doing),
                                s);
    if (s == 413)
        return Error::permanent(
            QStringLiteral("The file is larger than the MyTardis server accepts by HTTP POST (HTTP 413) while %1; ask "
                           "the administrator for staging (SCP) access or a higher upload limit.")
                .arg(doing),
            s);
    if (s >= 500)
        return Error::transient(QStringLiteral("The MyTardis server failed (HTTP %1) while %2; try again later, or "
                                               "tell its administrator if this persists.")
                                    .arg(s)
                                    .arg(doing),
                                s);
    if (s >= 300 && s < 400)
        return Error::user(QStringLiteral("The MyTardis server redirected (HTTP %1 to %2) while %3; set mytardis_url "
                                          "to the server's exact address.")
                               .arg(s)
                               .arg(r.location(), doing));
    QString detail = QString::fromUtf8(r.body.left(200)).simplified();
    return Error::permanent(
        QStringLiteral("The MyTardis server answered HTTP %1 while %2%3.")
            .arg(s)
            .arg(doing, detail.isEmpty() ? QString() : QStringLiteral(" (") + detail + QLatin1Char(')')),
        s);
}

Result<std::optional<QJsonObject>> MyTardisClient::firstObject(const QString &path, const Query &query,
                                                               const QString &doing)
{
    auto r = get(path, query);
    if (!r)
        return r.error();
    return firstOf(*r, doing);
}

Result<std::optional<QJsonObject>> MyTardisClient::firstOf(const ApiResponse &response, const QString &doing) const
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

// ---- 1
Status MyTardisClient::checkServer()
{
    const QUrl url = QUrl(m_config.url);
    if (m_config.url.isEmpty() || !url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return Error::user(QStringLiteral("The MyTardis URL \"%1\" is not a valid http:// or https:// address; set "
                                          "mytardis_url, e.g. https://mytardis.example.org.")
                               .arg(m_config.url));
    ApiRequest req;
    req.url = urlFor(QStringLiteral("/api/v1/"));
    req.authenticate = false;
    auto r = send(std::move(req));
    if (!r) {
        if (r.error().kind == ErrorKind::Cancelled)
            return r.error();
        return Error::user(r.error().message); // already one sentence: unreachable, timeout, certificate
    }
    if (r->status >= 300 && r->status < 400)
        return Error::user(
            QStringLiteral(
                "The MyTardis URL %1 redirects (HTTP %2) to %3; set mytardis_url to the server's exact address.")
                .arg(m_config.url)
                .arg(r->status)
                .arg(r->location()));
    if (!r->isSuccess())
        return Error::user(
            QStringLiteral("The MyTardis URL %1 answered HTTP %2 for its API (/api/v1/); check mytardis_url.")
                .arg(m_config.url)
                .arg(r->status));
    if (!r->json().isObject())
        return Error::user(
            QStringLiteral(
                "%1 does not look like a MyTardis server (its /api/v1/ answer is not JSON); check mytardis_url.")
                .arg(m_config.url));
    return {};
}

// ---- 2
Result<User> MyTardisClient::checkCredentials()
{
    if (m_config.username.isEmpty() || m_config.apiKey.isEmpty())
        return Error::user(
            QStringLiteral("The username or API key is empty; set username and api_key in the settings."));
    auto r = get(apiPath("user"), {{QStringLiteral("username"), m_config.username}});
    if (!r)
        return r.error();
    if (r->status == 401)
        return Error{ErrorKind::User,
                     QStringLiteral("The MyTardis server refused username \"%1\" with the given API key (HTTP 401); "
                                    "check username and api_key in the settings.")
                         .arg(m_config.username),
                     401};
    if (r->status != 200)
        return errorFor(*r, QStringLiteral("checking the credentials"));
    auto list = listObjects(*r, QStringLiteral("checking the credentials"));
    if (!list)
        return list.error();
    const QJsonArray objects = *list;
    if (objects.isEmpty())
        return Error::user(
            QStringLiteral("The MyTardis server knows no user \"%1\" for this API key; check username in the settings.")
                .arg(m_config.username));
    return User::fromJson(objects.first().toObject());
}

// ---- 3
Result<QVector<Facility>> MyTardisClient::facilities()
{
    auto all = getAll(apiPath("facility"));
    if (!all)
        return all.error();
    QVector<Facility> out;
    for (const QJsonObject &o : *all)
        out.push_back(Facility::fromJson(o));
    return out;
}

Result<Facility> MyTardisClient::facilityByName(const QString &name)
{
    auto list = facilities();
    if (!list)
        return list.error();
    QStringList names;
    for (const Facility &f : *list) {
        if (f.name == name)
            return f;
        names << quoted(f.name);
    }
    if (names.isEmpty())
        return Error::user(QStringLiteral("Facility \"%1\" was not found: user \"%2\" manages no facility on %3; ask a "
                                          "MyTardis administrator to add the account to the facility's manager group.")
                               .arg(name, m_config.username, m_config.url));
    return Error::user(QStringLiteral("Facility \"%1\" was not found among the facilities user \"%2\" manages (%3); "
                                      "set facility_name to one of them.")
                           .arg(name, m_config.username, names.join(QStringLiteral(", "))));
}

// ---- 4
Result<std::optional<Instrument>> MyTardisClient::findInstrument(qint64 facilityId, const QString &name)
{
    return asRecord<Instrument>(firstObject(apiPath("instrument"),
                    {{QStringLiteral("facility__id"), QString::number(facilityId)}, {QStringLiteral("name"), name}},
                    QStringLiteral("looking up instrument \"%1\"").arg(name)));
}

Result<Instrument> MyTardisClient::createInstrument(const Facility &facility, const QString &name)
{
    const QString doing = QStringLiteral("creating instrument \"%1\"").arg(name);
    auto r = post(apiPath("instrument"),
                  {{QStringLiteral("facility"), facility.resourceUri}, {QStringLiteral("name"), name}});
    if (!r)
        return r.error();
    if (r->status != 201 && r->status != 200)
        return errorFor(*r, doing);
    Instrument i = Instrument::fromJson(r->json().object());
    if (i.id == 0)
        i.id = json::idFromUri(r->location());
    if (i.resourceUri.isEmpty())
        i.resourceUri = QStringLiteral("/api/v1/instrument/%1/").arg(i.id);
    if (i.name.isEmpty())
        i.name = name;
    i.facilityId = facility.id;
    i.facilityName = facility.name;
    qCInfo(lcCatalogue) << "created instrument" << name << "id" << i.id;
    return i;
}

Result<InstrumentOutcome> MyTardisClient::ensureInstrument(const Facility &facility, const QString &name, bool dryRun)
{
    auto found = findInstrument(facility.id, name);
    if (!found)
        return found.error();
    InstrumentOutcome out;
    if (found->has_value()) {
        out.instrument = **found;
        return out;
    }
    if (dryRun) {
        out.missing = true;
        out.instrument.name = name;
        out.instrument.facilityId = facility.id;
        out.instrument.facilityName = facility.name;
        return out;
    }
    auto created = createInstrument(facility, name);
    if (!created)
        return created.error();
    out.instrument = *created;
    out.created = true;
    return out;
}

Result<Instrument> MyTardisClient::renameInstrument(qint64 instrumentId, const QString &newName)
{
    auto r = put(QStringLiteral("/api/v1/instrument/%1/").arg(instrumentId), {{QStringLiteral("name"), newName}});
    if (!r)
        return r.error();
    if (!r->isSuccess())
        return errorFor(*r, QStringLiteral("renaming the instrument to \"%1\"").arg(newName));
    Instrument i = Instrument::fromJson(r->json().object());
    if (i.id == 0)
        i.id = instrumentId;
    i.name = newName;
    if (i.resourceUri.isEmpty())
        i.resourceUri = QStringLiteral("/api/v1/instrument/%1/").arg(instrumentId);
    return i;
}

// ---- 5
Result<std::optional<Uploader>> MyTardisClient::findUploader(const QString &uuid)
{
    auto r = get(apiPath("mydata_uploader"), {{QStringLiteral("uuid"), uuid}});
    if (!r)
        return r.error();
    if (r->status == 404)
        return mydataAppMissing();
    return asRecord<Uploader>(firstOf(*r, QStringLiteral("looking up this installation's uploader record")));
}

Result<Uploader> MyTardisClient::createUploader(const UploaderFields &fields)
{
    auto r = post(apiPath("mydata_uploader"), fields.toJson());
    if (!r)
        return r.error();
    if (r->status == 404)
        return mydataAppMissing();
    if (r->status != 201 && r->status != 200)
        return errorFor(*r, QStringLiteral("creating this installation's uploader record"));
    Uploader u = Uploader::fromJson(r->json().object());
    if (u.id == 0)
        u.id = json::idFromUri(r->location());
    if (u.resourceUri.isEmpty())
        u.resourceUri = QStringLiteral("/api/v1/mydata_uploader/%1/").arg(u.id);
    return u;
}

Result<Uploader> MyTardisClient::updateUploader(qint64 uploaderId, const UploaderFields &fields)
{
    auto r = put(QStringLiteral("/api/v1/mydata_uploader/%1/").arg(uploaderId), fields.toJson());
    if (!r)
        return r.error();
    if (r->status == 404)
        return mydataAppMissing();
    if (!r->isSuccess())
        return errorFor(*r, QStringLiteral("updating this installation's uploader record"));
    Uploader u = Uploader::fromJson(r->json().object());
    if (u.id == 0)
        u.id = uploaderId;
    if (u.resourceUri.isEmpty())
        u.resourceUri = QStringLiteral("/api/v1/mydata_uploader/%1/").arg(uploaderId);
    return u;
}

Result<Uploader> MyTardisClient::pushUploaderSettings(qint64 uploaderId, const QString &uuid,
                                                      const QVector<UploaderSetting> &settings)
{
    QJsonArray list;
    for (const UploaderSetting &s : settings)
        list.append(QJsonObject{{QStringLiteral("key"), s.key}, {QStringLiteral("value"), s.value}});
    auto r = patch(QStringLiteral("/api/v1/mydata_uploader/%1/").arg(uploaderId),
                   {{QStringLiteral("uuid"), uuid}, {QStringLiteral("settings"), list}});
    if (!r)
        return r.error();
    if (r->status == 404)
        return mydataAppMissing();
    if (!r->isSuccess())
        return errorFor(*r, QStringLiteral("sending the settings to the server"));
    Uploader u = Uploader::fromJson(r->json().object());
    if (u.id == 0)
        u.id = uploaderId;
    return u;
}

// ---- 6
Result<std::optional<RegistrationRequest>> MyTardisClient::findRegistrationRequest(const QString &uuid,
                                                                                   const QString &fingerprint)
{
    return asRecord<RegistrationRequest>(firstObject(
        apiPath("mydata_uploaderregistrationrequest"),
        {{QStringLiteral("uploader__uuid"), uuid}, {QStringLiteral("requester_key_fingerprint"), fingerprint}},
        QStringLiteral("looking up the staging access request")));
}

Result<RegistrationRequest> MyTardisClient::createRegistrationRequest(const NewRegistrationRequest &request)
{
    auto r = post(apiPath("mydata_uploaderregistrationrequest"), request.toJson());
    if (!r)
        return r.error();
    if (r->status != 201 && r->status != 200)
        return errorFor(*r, QStringLiteral("requesting staging access"));
    RegistrationRequest rr = RegistrationRequest::fromJson(r->json().object());
    if (rr.id == 0)
        rr.id = json::idFromUri(r->location());
    return rr;
}

// ---- 7
Result<std::optional<User>> MyTardisClient::userByUsername(const QString &username)
{
    const QString doing = QStringLiteral("looking up user \"%1\"").arg(username);
    auto o = firstObject(apiPath("user"), {{QStringLiteral("username"), username}}, doing);
    if (!o)
        return o.error();
    if (o->has_value())
        return std::optional<User>(User::fromJson(**o));

    // Accounts renamed on migration: the mydata app knows the new name.
    auto m = get(apiPath("mydata_user"), {{QStringLiteral("username"), username}}, false);
    if (!m)
        return m.error();
    if (m->status == 404) // an older mydata app without the resource: nobody
        return std::optional<User>();
    if (m->status != 200)
        return errorFor(*m, doing);
    const MigratedUser mu = MigratedUser::fromJson(m->json().object());
    if (!mu.success || mu.username.isEmpty() || mu.username == username)
        return std::optional<User>();
    return asRecord<User>(firstObject(apiPath("user"), {{QStringLiteral("username"), mu.username}}, doing));
}

Result<std::optional<User>> MyTardisClient::userByEmail(const QString &email)
{
    return asRecord<User>(firstObject(apiPath("user"), {{QStringLiteral("email__iexact"), email}},
                         QStringLiteral("looking up the user with email %1").arg(email)));
}

Result<std::optional<Group>> MyTardisClient::groupByName(const QString &name)
{
    return asRecord<Group>(firstObject(apiPath("group"), {{QStringLiteral("name"), name}},
                         QStringLiteral("looking up group \"%1\"").arg(name)));
}

// ---- 8
Result<std::optional<Experiment>> MyTardisClient::findExperiment(const ExperimentKey &key)
{
    Query q{{QStringLiteral("title"), key.title},
            {QStringLiteral("folder_structure"), key.folderStructure},
            {QStringLiteral("user_folder_name"), key.userFolderName}};
    if (!key.groupFolderName.isEmpty())
        q.append({QStringLiteral("group_folder_name"), key.groupFolderName});
    auto r = get(apiPath("mydata_experiment"), q);
    if (!r)
        return r.error();
    if (r->status == 404)
        return mydataAppMissing();
    const QString doing = QStringLiteral("looking up experiment \"%1\"").arg(key.title);
    if (r->status != 200)
        return errorFor(*r, doing);
    auto list = listObjects(*r, doing);
    if (!list)
        return list.error();
    const QJsonArray objects = *list;
    if (objects.isEmpty())
        return std::optional<Experiment>();
    if (objects.size() > 1)
        qCWarning(lcCatalogue) << "several experiments match" << key.title << "- using the first";
    return std::optional<Experiment>(Experiment::fromJson(objects.first().toObject()));
}

Result<Experiment> MyTardisClient::createExperiment(const NewExperiment &experiment)
{
    auto r = post(apiPath("mydata_experiment"), experiment.toJson());
    if (!r)
        return r.error();
    if (r->status != 201 && r->status != 200)
        return errorFor(*r, QStringLiteral("creating experiment \"%1\"").arg(experiment.key.title));
    Experiment e = Experiment::fromJson(r->json().object());
    if (e.id == 0)
        e.id = json::idFromUri(r->location());
    if (e.title.isEmpty())
        e.title = experiment.key.title;
    qCInfo(lcCatalogue) << "created experiment" << e.title << "id" << e.id;
    return e;
}

Status MyTardisClient::addObjectAcl(const ObjectAcl &acl)
{
    // A second identical ACL grants nothing new, so a lost answer is simply
    // asked again rather than leaving an experiment unshared.
    auto r = post(apiPath("objectacl"), acl.toJson(), ResendRule::Idempotent);
    if (!r)
        return r.error();
    if (r->status != 201 && r->status != 200)
        return errorFor(*r, QStringLiteral("sharing experiment %1 with %2 %3")
                                .arg(acl.experimentId)
                                .arg(acl.isGroup ? QStringLiteral("group") : QStringLiteral("user"))
                                .arg(acl.entityId));
    return {};
}

// ---- 9
Result<std::optional<Dataset>> MyTardisClient::findDataset(qint64 experimentId, const QString &description,
                                                           qint64 instrumentId)
{
    Query q{{QStringLiteral("experiments__id"), QString::number(experimentId)},
            {QStringLiteral("description"), description}};
    Query withInstrument = q;
    if (instrumentId > 0)
        withInstrument.append({QStringLiteral("instrument__id"), QString::number(instrumentId)});
    auto r = get(apiPath("dataset"), withInstrument);
    if (r && r->status == 400 && instrumentId > 0) // older servers cannot filter by instrument
        r = get(apiPath("dataset"), q);
    if (!r)
        return r.error();
    return asRecord<Dataset>(firstOf(*r, QStringLiteral("looking up dataset \"%1\"").arg(description)));
}

Result<Dataset> MyTardisClient::createDataset(const NewDataset &dataset)
{
    auto r = post(apiPath("dataset"), dataset.toJson());
    if (!r)
        return r.error();
    if (r->status != 201 && r->status != 200)
        return errorFor(*r, QStringLiteral("creating dataset \"%1\"").arg(dataset.description));
    Dataset d = Dataset::fromJson(r->json().object());
    if (d.id == 0)
        d.id = json::idFromUri(r->location());
    if (d.description.isEmpty())
        d.description = dataset.description;
    qCInfo(lcCatalogue) << "created dataset" << d.description << "id" << d.id;
    return d;
}

// ---- 10
Result<QVector<DataFile>> MyTardisClient::dataFilesOfDataset(qint64 datasetId)
{
    auto all = getAll(apiPath("mydata_dataset_file"), {{QStringLiteral("dataset__id"), QString::number(datasetId)}});
    if (!all)
        return all.error();
    QVector<DataFile> out;
    out.reserve(all->size());
    for (const QJsonObject &o : *all)
        out.push_back(DataFile::fromJson(o));
    return out;
}

Result<std::optional<DataFile>> MyTardisClient::findDataFile(qint64 datasetId, const QString &directory,
                                                             const QString &filename)
{
    return asRecord<DataFile>(firstObject(apiPath("mydata_dataset_file"),
                         {{QStringLiteral("dataset__id"), QString::number(datasetId)},
                          {QStringLiteral("filename"), filename},
                          {QStringLiteral("directory"), directory}},
                         QStringLiteral("looking up file \"%1\"")
                             .arg(directory.isEmpty() ? filename : directory + QLatin1Char('/') + filename)));
}

Result<DataFile> MyTardisClient::dataFile(qint64 datafileId)
{
    auto r = get(QStringLiteral("/api/v1/mydata_dataset_file/%1/").arg(datafileId));
    if (!r)
        return r.error();
    if (r->status != 200)
        return errorFor(*r, QStringLiteral("reading datafile %1").arg(datafileId));
    return DataFile::fromJson(r->json().object());
}

Result<qint64> MyTardisClient::replicaSize(qint64 replicaId)
{
    auto r = get(QStringLiteral("/api/v1/mydata_replica/%1/").arg(replicaId));
    if (!r)
        return r.error();
    if (r->status != 200)
        return errorFor(*r, QStringLiteral("reading replica %1").arg(replicaId));
    return json::toInt64(r->json().object().value(QLatin1String("size")), 0);
}

Result<DatasetStats> MyTardisClient::datasetStats(qint64 datasetId)
{
    auto r = get(QStringLiteral("/api/v1/mydata_dataset_stats/%1/").arg(datasetId), {}, false);
    if (!r)
        return r.error();
    if (r->status != 200)
        return errorFor(*r, QStringLiteral("reading the counts of dataset %1").arg(datasetId));
    return DatasetStats::fromJson(r->json().object());
}

Status MyTardisClient::requestVerify(qint64 datafileId)
{
    auto r = get(QStringLiteral("/api/v1/dataset_file/%1/verify/").arg(datafileId), {}, false);
    if (!r)
        return r.error();
    if (!r->isSuccess())
        return errorFor(*r, QStringLiteral("asking the server to verify datafile %1").arg(datafileId));
    return {};
}

// ---- 11b
Result<StagingRegistration> MyTardisClient::registerForStaging(const NewDataFile &file, const QString &uploaderUuid,
                                                               const QString &fingerprint)
{
    QJsonObject body = file.toJson();
    body.insert(QStringLiteral("uploader_uuid"), uploaderUuid);
    body.insert(QStringLiteral("requester_key_fingerprint"), fingerprint);
    auto r = post(apiPath("mydata_dataset_file"), body);
    if (!r)
        return r.error();
    StagingRegistration out;
    if (r->status == 409) {
        out.alreadyExists = true;
        return out;
    }
    if (r->status != 201 && r->status != 200)
        return errorFor(*r, QStringLiteral("registering file \"%1\" for staging").arg(file.filename));
    out.stagingPath = r->body; // byte for byte: "%20" is part of the name on disk
    out.datafileId = json::idFromUri(r->location());
    return out;
}

// ---- 11a
Result<UploadOutcome> MyTardisClient::uploadFile(const NewDataFile &file, const QString &localPath,
                                                 const Progress &progress)
{
    if (!QFileInfo(localPath).isFile())
        return Error::permanent(
            QStringLiteral("The file %1 is gone or unreadable; it will be looked at again in the next run.")
                .arg(localPath));
    const QByteArray json = jsonBytes(file.toJson());
    const QString filename = file.filename;
    ApiRequest req;
    req.method = "POST";
    req.url = urlFor(apiPath("mydata_dataset_file"), {}, false);
    // A dropped upload created nothing (the record is made once the whole
    // body arrived) and a repeat of a finished one answers 409: safe to retry.
    req.retry = ResendRule::Idempotent;
    bool openFailed = false;
    req.multipart = [json, filename, localPath, &openFailed]() -> QHttpMultiPart * {
        auto *mp = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart meta;
        meta.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArrayLiteral("form-data; name=\"json_data\""));
        meta.setBody(json);
        mp->append(meta);
        QHttpPart data;
        data.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        data.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QByteArray("form-data; name=\"attached_file\"; filename=\"" + dispositionValue(filename) + '"'));
        auto *f = new QFile(localPath, mp);
        if (!f->open(QIODevice::ReadOnly)) {
            openFailed = true;
            delete mp;
            return nullptr;
        }
        data.setBodyDevice(f); // streamed: read as the socket drains
        mp->append(data);
        return mp;
    };
    auto r = send(std::move(req), progress);
    if (openFailed)
        return Error::permanent(QStringLiteral("Could not read %1; check its permissions.").arg(localPath));
    if (!r)
        return r.error();
    UploadOutcome out;
    if (r->status == 409) {
        out.alreadyExists = true;
        return out;
    }
    if (r->status != 201 && r->status != 200)
        return errorFor(*r,
                        QStringLiteral("uploading \"%1\"")
                            .arg(file.directory.isEmpty() ? filename : file.directory + QLatin1Char('/') + filename));
    out.datafileId = json::idFromUri(r->location());
    return out;
}

} // namespace tardigrade
