#include "MyTardisClient.h"

#include "ApiPaths.h"
#include "ChunkChecksum.h"
#include "FormData.h"
#include "HttpsDowngrade.h"
#include "util/CountedFile.h"
#include "util/LocalFile.h"
#include "util/Log.h"

#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QNetworkAccessManager>

namespace tardigrade {

using api::Resource;

namespace {

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

QString displayPath(const QString &directory, const QString &filename)
{
    return directory.isEmpty() ? filename : directory + QLatin1Char('/') + filename;
}

} // namespace

MyTardisClient::MyTardisClient(ClientConfig config)
    : m_nam(std::make_unique<QNetworkAccessManager>()),
      m_transport(std::make_unique<CatalogueTransport>(std::move(config), *m_nam))
{
}

MyTardisClient::~MyTardisClient() = default;

std::unique_ptr<Catalogue> MyTardisClient::make(const ClientConfig &config)
{
    return std::make_unique<MyTardisClient>(config);
}

// ---- helpers: the shapes every endpoint shares

Result<ApiResponse> MyTardisClient::fromMydataApp(Result<ApiResponse> response) const
{
    if (response && response->status == 404)
        return Error::user(QStringLiteral("The MyTardis server at %1 lacks the mydata app (its %2 resource answers "
                                          "HTTP 404); ask the server's administrator to install mytardis-app-mydata.")
                               .arg(config().url, api::resourceName(Resource::Uploader)));
    return response;
}

template <typename Record>
Result<Record> MyTardisClient::created(const Result<ApiResponse> &response, const QString &doing) const
{
    if (!response)
        return response.error();
    if (response->status != 201 && response->status != 200)
        return m_transport->errorFor(*response, doing);
    QJsonObject body; // may be empty (mytardis-api.md); anything else must be the record
    if (!response->body.trimmed().isEmpty()) {
        auto o = m_transport->jsonObjectOf(*response, doing);
        if (!o)
            return o.error();
        body = *o;
    }
    auto located = m_transport->idFromLocation(*response, Record::kResource, doing);
    if (!located)
        return located.error();
    Record record = Record::fromJson(body);
    if (record.id == 0)
        record.id = *located;
    // Without an id the record would read as one a Test Run "would create".
    if (record.id == 0)
        return Error::permanent(QStringLiteral("The MyTardis server at %1 answered HTTP %2 without saying which record "
                                               "it made (no id in its answer, no Location header) while %3; tell its "
                                               "administrator.")
                                    .arg(config().url)
                                    .arg(response->status)
                                    .arg(doing));
    if (record.resourceUri.isEmpty())
        record.resourceUri = api::object(Record::kResource, record.id);
    return record;
}

template <typename Record>
Result<Record> MyTardisClient::updated(const Result<ApiResponse> &response, qint64 id, const QString &doing) const
{
    if (!response)
        return response.error();
    if (!response->isSuccess())
        return m_transport->errorFor(*response, doing);
    Record record = Record::fromJson(response->json().object());
    if (record.id == 0)
        record.id = id;
    if (record.resourceUri.isEmpty())
        record.resourceUri = api::object(Record::kResource, id);
    return record;
}

// ---- 1
Status MyTardisClient::checkServer()
{
    const QString url = config().url;
    const QUrl parsed(url);
    if (url.isEmpty() || !parsed.isValid() || parsed.host().isEmpty() ||
        (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https")))
        return Error::user(QStringLiteral("The MyTardis URL \"%1\" is not a valid http:// or https:// address; set "
                                          "mytardis_url, e.g. https://mytardis.example.org.")
                               .arg(url));
    ApiRequest req;
    req.url = m_transport->urlFor(api::root());
    req.authenticate = false;
    // A wrong address should be said within seconds, not after a minute of
    // retries; a server that is briefly away still gets a second chance, and
    // one that answers but fails (a 500, a dropped answer) the usual tries.
    req.maxTriesWithoutServer = 3;
    auto r = m_transport->send(std::move(req));
    if (!r) {
        if (r.error().kind == ErrorKind::Cancelled)
            return r.error();
        return Error::user(r.error().message); // already one sentence: unreachable, timeout, certificate
    }
    const QString downgrade =
        httpsDowngradeSentence(url, r->status, r->location(), QStringLiteral("checking its address"));
    if (r->status >= 300 && r->status < 400 && !downgrade.isEmpty())
        return Error::user(downgrade);
    if (r->status >= 300 && r->status < 400)
        return Error::user(
            QStringLiteral(
                "The MyTardis URL %1 redirects (HTTP %2) to %3; set mytardis_url to the server's exact address.")
                .arg(url)
                .arg(r->status)
                .arg(r->location()));
    if (!r->isSuccess())
        return Error::user(QStringLiteral("The MyTardis URL %1 answered HTTP %2 for its API (%3); check mytardis_url.")
                               .arg(url)
                               .arg(r->status)
                               .arg(api::root()));
    if (!r->json().isObject())
        return Error::user(
            QStringLiteral(
                "%1 does not look like a MyTardis server (its %2 answer is not JSON); check mytardis_url.")
                .arg(url, api::root()));
    return {};
}

// ---- 2
Result<User> MyTardisClient::checkCredentials()
{
    const QString username = config().username;
    if (username.isEmpty() || config().apiKey.isEmpty())
        return Error::user(
            QStringLiteral("The username or API key is empty; set username and api_key in the settings."));
    const QString doing = QStringLiteral("checking the credentials");
    auto r = m_transport->get(api::list(Resource::User), {{QStringLiteral("username"), username}});
    if (!r)
        return r.error();
    if (r->status == 401)
        return Error{ErrorKind::User,
                     QStringLiteral("The MyTardis server refused username \"%1\" with the given API key (HTTP 401); "
                                    "check username and api_key in the settings.")
                         .arg(username),
                     401};
    auto first = m_transport->firstOf(*r, doing);
    if (!first)
        return first.error();
    if (!first->has_value())
        return Error::user(
            QStringLiteral("The MyTardis server knows no user \"%1\" for this API key; check username in the settings.")
                .arg(username));
    return User::fromJson(**first);
}

// ---- 3
Result<QVector<Facility>> MyTardisClient::facilities()
{
    auto all = m_transport->getAll(api::list(Resource::Facility));
    if (!all)
        return all.error();
    QVector<Facility> out;
    for (const QJsonObject &o : *all)
        out.push_back(Facility::fromJson(o));
    return out;
}

// ---- 4
Result<std::optional<Instrument>> MyTardisClient::findInstrument(qint64 facilityId, const QString &name)
{
    return asRecord<Instrument>(m_transport->firstObject(
        api::list(Resource::Instrument),
        {{QStringLiteral("facility__id"), QString::number(facilityId)}, {QStringLiteral("name"), name}},
        QStringLiteral("looking up instrument \"%1\"").arg(name)));
}

Result<Instrument> MyTardisClient::createInstrument(const Facility &facility, const QString &name)
{
    auto i = created<Instrument>(
        m_transport->post(api::list(Resource::Instrument),
                          {{QStringLiteral("facility"), facility.resourceUri}, {QStringLiteral("name"), name}}),
        QStringLiteral("creating instrument \"%1\"").arg(name));
    if (!i)
        return i;
    Instrument made = *i;
    if (made.name.isEmpty())
        made.name = name;
    made.facilityId = facility.id;
    made.facilityName = facility.name;
    qCInfo(lcCatalogue) << "created instrument" << name << "id" << made.id;
    return made;
}

Result<Instrument> MyTardisClient::renameInstrument(qint64 instrumentId, const QString &name)
{
    auto i = updated<Instrument>(
        m_transport->put(api::object(Resource::Instrument, instrumentId), {{QStringLiteral("name"), name}}),
        instrumentId, QStringLiteral("renaming instrument %1 to \"%2\"").arg(instrumentId).arg(name));
    if (!i)
        return i;
    Instrument renamed = *i;
    if (renamed.name.isEmpty()) // the answer may carry no body
        renamed.name = name;
    qCInfo(lcCatalogue) << "renamed instrument" << instrumentId << "to" << name;
    return renamed;
}

// ---- 5
Result<std::optional<UploaderRecord>> MyTardisClient::findUploader(const QString &uuid)
{
    auto r = fromMydataApp(m_transport->get(api::list(Resource::Uploader), {{QStringLiteral("uuid"), uuid}}));
    if (!r)
        return r.error();
    return asRecord<UploaderRecord>(
        m_transport->firstOf(*r, QStringLiteral("looking up this installation's uploader record")));
}

Result<UploaderRecord> MyTardisClient::createUploader(const UploaderFields &fields)
{
    return created<UploaderRecord>(fromMydataApp(m_transport->post(api::list(Resource::Uploader), fields.toJson())),
                                   QStringLiteral("creating this installation's uploader record"));
}

Result<UploaderRecord> MyTardisClient::updateUploader(qint64 uploaderId, const UploaderFields &fields)
{
    return updated<UploaderRecord>(
        fromMydataApp(m_transport->put(api::object(Resource::Uploader, uploaderId), fields.toJson())), uploaderId,
        QStringLiteral("updating this installation's uploader record"));
}

Result<UploaderRecord> MyTardisClient::updateUploaderSettings(qint64 uploaderId, const QString &uuid,
                                                              const QVector<UploaderSetting> &settings)
{
    QJsonArray list;
    for (const UploaderSetting &s : settings)
        list.append(QJsonObject{{QStringLiteral("key"), s.key}, {QStringLiteral("value"), s.value}});
    const QJsonObject body{{QStringLiteral("uuid"), uuid}, {QStringLiteral("settings"), list}};
    return updated<UploaderRecord>(
        fromMydataApp(m_transport->patch(api::object(Resource::Uploader, uploaderId), body)), uploaderId,
        QStringLiteral("sending this installation's settings to its uploader record"));
}

// ---- 6
Result<std::optional<RegistrationRequest>> MyTardisClient::findRegistrationRequest(const QString &uuid,
                                                                                   const QString &fingerprint)
{
    return asRecord<RegistrationRequest>(m_transport->firstObject(
        api::list(Resource::RegistrationRequest),
        {{QStringLiteral("uploader__uuid"), uuid}, {QStringLiteral("requester_key_fingerprint"), fingerprint}},
        QStringLiteral("looking up the staging access request")));
}

Result<RegistrationRequest> MyTardisClient::createRegistrationRequest(const NewRegistrationRequest &request)
{
    return created<RegistrationRequest>(m_transport->post(api::list(Resource::RegistrationRequest), request.toJson()),
                                        QStringLiteral("requesting staging access"));
}

// ---- 7
Result<std::optional<User>> MyTardisClient::userByUsername(const QString &username)
{
    const QString doing = QStringLiteral("looking up user \"%1\"").arg(username);
    auto o = m_transport->firstObject(api::list(Resource::User), {{QStringLiteral("username"), username}}, doing);
    if (!o)
        return o.error();
    if (o->has_value())
        return std::optional<User>(User::fromJson(**o));

    // Accounts renamed on migration: the mydata app knows the new name.
    auto m = m_transport->get(api::list(Resource::MigratedUser), {{QStringLiteral("username"), username}}, false);
    if (!m)
        return m.error();
    if (m->status == 404) // an older mydata app without the resource: nobody
        return std::optional<User>();
    if (m->status != 200)
        return m_transport->errorFor(*m, doing);
    const MigratedUser mu = MigratedUser::fromJson(m->json().object());
    if (!mu.success || mu.username.isEmpty() || mu.username == username)
        return std::optional<User>();
    return asRecord<User>(
        m_transport->firstObject(api::list(Resource::User), {{QStringLiteral("username"), mu.username}}, doing));
}

Result<std::optional<User>> MyTardisClient::userByEmail(const QString &email)
{
    return asRecord<User>(m_transport->firstObject(api::list(Resource::User),
                                                   {{QStringLiteral("email__iexact"), email}},
                                                   QStringLiteral("looking up the user with email %1").arg(email)));
}

Result<std::optional<Group>> MyTardisClient::groupByName(const QString &name)
{
    return asRecord<Group>(m_transport->firstObject(api::list(Resource::Group), {{QStringLiteral("name"), name}},
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
    auto r = fromMydataApp(m_transport->get(api::list(Resource::MydataExperiment), q));
    if (!r)
        return r.error();
    const QString doing = QStringLiteral("looking up experiment \"%1\"").arg(key.title);
    if (r->status == 200) {
        auto list = m_transport->objectsOf(*r, doing);
        if (list && list->size() > 1)
            qCWarning(lcCatalogue) << "several experiments match" << key.title << "- using the first";
    }
    return asRecord<Experiment>(m_transport->firstOf(*r, doing));
}

Result<Experiment> MyTardisClient::createExperiment(const NewExperiment &experiment)
{
    auto e = created<Experiment>(m_transport->post(api::list(Resource::MydataExperiment), experiment.toJson()),
                                 QStringLiteral("creating experiment \"%1\"").arg(experiment.key.title));
    if (!e)
        return e;
    Experiment made = *e;
    if (made.title.isEmpty())
        made.title = experiment.key.title;
    qCInfo(lcCatalogue) << "created experiment" << made.title << "id" << made.id;
    return made;
}

Status MyTardisClient::addObjectAcl(const ObjectAcl &acl)
{
    // A second identical ACL grants nothing new, so a lost answer is simply
    // asked again rather than leaving an experiment unshared.
    auto r = m_transport->post(api::list(Resource::ObjectAcl), acl.toJson(), ResendRule::Idempotent);
    if (!r)
        return r.error();
    if (r->status != 201 && r->status != 200)
        return m_transport->errorFor(*r, QStringLiteral("sharing experiment %1 with %2 %3")
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
    auto r = m_transport->get(api::list(Resource::Dataset), withInstrument);
    if (r && r->status == 400 && instrumentId > 0) // older servers cannot filter by instrument
        r = m_transport->get(api::list(Resource::Dataset), q);
    if (!r)
        return r.error();
    return asRecord<Dataset>(m_transport->firstOf(*r, QStringLiteral("looking up dataset \"%1\"").arg(description)));
}

Result<Dataset> MyTardisClient::createDataset(const NewDataset &dataset)
{
    auto d = created<Dataset>(m_transport->post(api::list(Resource::Dataset), dataset.toJson()),
                              QStringLiteral("creating dataset \"%1\"").arg(dataset.description));
    if (!d)
        return d;
    Dataset made = *d;
    if (made.description.isEmpty())
        made.description = dataset.description;
    qCInfo(lcCatalogue) << "created dataset" << made.description << "id" << made.id;
    return made;
}

// ---- 10
Result<QVector<DataFile>> MyTardisClient::dataFilesOfDataset(qint64 datasetId)
{
    auto all = m_transport->getAll(api::list(Resource::MydataDatasetFile),
                                   {{QStringLiteral("dataset__id"), QString::number(datasetId)}});
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
    return asRecord<DataFile>(m_transport->firstObject(
        api::list(Resource::MydataDatasetFile),
        {{QStringLiteral("dataset__id"), QString::number(datasetId)},
         {QStringLiteral("filename"), filename},
         {QStringLiteral("directory"), directory}},
        QStringLiteral("looking up file \"%1\"").arg(displayPath(directory, filename))));
}

Result<QJsonObject> MyTardisClient::object(const QString &path, const QString &doing)
{
    auto r = m_transport->get(path);
    if (!r)
        return r.error();
    if (r->status != 200)
        return m_transport->errorFor(*r, doing);
    return m_transport->jsonObjectOf(*r, doing);
}

Result<DataFile> MyTardisClient::dataFile(qint64 datafileId)
{
    auto o = object(api::object(Resource::MydataDatasetFile, datafileId),
                    QStringLiteral("reading datafile %1").arg(datafileId));
    if (!o)
        return o.error();
    return DataFile::fromJson(*o);
}

Result<qint64> MyTardisClient::replicaSize(qint64 replicaId)
{
    auto o = object(api::object(Resource::Replica, replicaId), QStringLiteral("reading replica %1").arg(replicaId));
    if (!o)
        return o.error();
    return json::toInt64(o->value(QLatin1String("size")), 0);
}

ApiRequest MyTardisClient::verifyRequest(qint64 datafileId) const
{
    ApiRequest r;
    r.method = "GET";
    r.url = m_transport->urlFor(api::action(Resource::DatasetFile, datafileId, "verify"), {}, false);
    return r;
}

Status MyTardisClient::verifyAnswer(const Result<ApiResponse> &r, qint64 datafileId) const
{
    if (!r)
        return r.error();
    if (!r->isSuccess())
        return m_transport->errorFor(*r, QStringLiteral("asking the server to verify datafile %1").arg(datafileId));
    return {};
}

Status MyTardisClient::requestVerify(qint64 datafileId)
{
    return verifyAnswer(m_transport->send(verifyRequest(datafileId)), datafileId);
}

QVector<Status> MyTardisClient::requestVerifyMany(const QVector<qint64> &datafileIds)
{
    QVector<ApiRequest> requests;
    requests.reserve(datafileIds.size());
    for (qint64 id : datafileIds)
        requests.append(verifyRequest(id));
    const QVector<Result<ApiResponse>> answers = m_transport->sendAll(std::move(requests));
    QVector<Status> out;
    out.reserve(answers.size());
    for (int i = 0; i < answers.size(); ++i)
        out.append(verifyAnswer(answers[i], datafileIds[i]));
    return out;
}

// ---- 11b
ApiRequest MyTardisClient::stagingRequest(const NewDataFile &file, const QString &uploaderUuid,
                                          const QString &fingerprint) const
{
    QJsonObject body = file.toJson();
    body.insert(QStringLiteral("uploader_uuid"), uploaderUuid);
    body.insert(QStringLiteral("requester_key_fingerprint"), fingerprint);
    ApiRequest r;
    r.method = "POST";
    r.url = m_transport->urlFor(api::list(Resource::MydataDatasetFile), {}, false);
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.contentType = "application/json";
    r.retry = ResendRule::OnlyIfNotProcessed; // a lost answer is looked up, never sent blindly again
    return r;
}

Result<StagingRegistration> MyTardisClient::stagingAnswer(const Result<ApiResponse> &r, const NewDataFile &file) const
{
    if (!r)
        return r.error();
    StagingRegistration out;
    if (r->status == 409) {
        out.alreadyExists = true;
        return out;
    }
    const QString doing = QStringLiteral("registering file \"%1\"").arg(file.filename);
    if (r->status != 201 && r->status != 200)
        return m_transport->errorFor(*r, doing);
    auto located = m_transport->idFromLocation(*r, Resource::MydataDatasetFile, doing);
    if (!located)
        return located.error();
    // An absolute path on the staging host, one line: anything else (a web
    // page a proxy put there) must not become a path bytes are written to.
    const bool onePath = r->body.startsWith('/') && !r->body.contains('\n') && !r->body.contains('\r') &&
                         !r->body.contains('\0');
    if (!onePath)
        return Error::permanent(QStringLiteral("The MyTardis server at %1 answered without a staging path while %2 "
                                               "(its answer begins \"%3\"); tell its administrator.")
                                    .arg(config().url, doing, QString::fromUtf8(r->body.left(40)).simplified()));
    out.stagingPath = r->body; // byte for byte: "%20" is part of the name on disk
    out.datafileId = *located;
    return out;
}

Result<StagingRegistration> MyTardisClient::registerForStaging(const NewDataFile &file, const QString &uploaderUuid,
                                                               const QString &fingerprint)
{
    return stagingAnswer(m_transport->send(stagingRequest(file, uploaderUuid, fingerprint)), file);
}

QVector<Result<StagingRegistration>> MyTardisClient::registerManyForStaging(const QVector<NewDataFile> &files,
                                                                            const QString &uploaderUuid,
                                                                            const QString &fingerprint)
{
    QVector<ApiRequest> requests;
    requests.reserve(files.size());
    for (const NewDataFile &file : files)
        requests.append(stagingRequest(file, uploaderUuid, fingerprint));
    const QVector<Result<ApiResponse>> answers = m_transport->sendAll(std::move(requests));
    QVector<Result<StagingRegistration>> out;
    out.reserve(answers.size());
    for (int i = 0; i < answers.size(); ++i)
        out.append(stagingAnswer(answers[i], files[i]));
    return out;
}

// ---- 11a
Result<UploadOutcome> MyTardisClient::uploadFile(const NewDataFile &file, const QString &localPath,
                                                 const Progress &progress, ReadTally *reads)
{
    if (!QFileInfo(localPath).isFile())
        return Error::permanent(
            QStringLiteral("The file %1 is gone or unreadable; it will be looked at again in the next run.")
                .arg(localPath));
    const QByteArray json = QJsonDocument(file.toJson()).toJson(QJsonDocument::Compact);
    const QString filename = file.filename;
    ApiRequest req;
    req.method = "POST";
    req.url = m_transport->urlFor(api::list(Resource::MydataDatasetFile), {}, false);
    // A dropped upload created nothing (the record is made once the whole
    // body arrived) and a repeat of a finished one answers 409: safe to retry.
    req.retry = ResendRule::Idempotent;
    bool openFailed = false;
    req.multipart = [json, filename, localPath, reads, &openFailed]() -> QHttpMultiPart * {
        auto *mp = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart meta;
        meta.setHeader(QNetworkRequest::ContentDispositionHeader, formdata::disposition("json_data"));
        meta.setBody(json);
        mp->append(meta);
        QHttpPart data;
        data.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        data.setHeader(QNetworkRequest::ContentDispositionHeader, formdata::fileDisposition("attached_file", filename));
        auto *f = new CountedFile(localPath, reads, mp); // a resend reads again, and counts again
        if (!f->open(QIODevice::ReadOnly)) {
            openFailed = true;
            delete mp;
            return nullptr;
        }
        data.setBodyDevice(f); // streamed: read as the socket drains
        mp->append(data);
        return mp;
    };
    auto r = m_transport->send(std::move(req), progress);
    if (openFailed) {
        // Why QFile could not, asked the platform's way: on Windows the
        // acquisition software may still hold the file (try later).
        LocalFile::Failure failure = LocalFile::Failure::None;
        LocalFile::open(localPath, &failure);
        if (failure == LocalFile::Failure::Busy)
            return Error::transient(
                QStringLiteral("%1 is open in another program; it is sent once it is free.").arg(localPath));
        return Error::permanent(QStringLiteral("Could not read %1; check its permissions.").arg(localPath));
    }
    if (!r)
        return r.error();
    UploadOutcome out;
    if (r->status == 409) {
        out.alreadyExists = true;
        return out;
    }
    const QString doing = QStringLiteral("uploading \"%1\"").arg(displayPath(file.directory, filename));
    if (r->status != 201 && r->status != 200)
        return m_transport->errorFor(*r, doing);
    // A Location elsewhere would have the file verified as another record.
    auto located = m_transport->idFromLocation(*r, Resource::MydataDatasetFile, doing);
    if (!located)
        return located.error();
    out.datafileId = *located;
    return out;
}

// ---- 11c
Result<bool> MyTardisClient::offersChunkedUpload()
{
    if (!chunks::available())
        return false;
    // Any replica id will do: the resource answers {success: false} for one
    // it does not know, and 404 only when the app has no chunk API at all.
    auto r = m_transport->get(api::object(Resource::ChunkedUpload, 0));
    if (!r)
        return r.error();
    if (r->status == 404)
        return false;
    if (r->status != 200)
        return m_transport->errorFor(*r, QStringLiteral("asking whether the server takes chunked uploads"));
    return r->json().object().contains(QLatin1String("success"));
}

Result<QJsonObject> MyTardisClient::chunkAnswer(Result<ApiResponse> r, const QString &doing) const
{
    if (!r)
        return r.error();
    if (r->status == 404)
        return Error::permanent(QStringLiteral("The MyTardis server has no chunked upload (%1 answers HTTP 404) while "
                                               "%2; use HTTP POST or staging instead.")
                                    .arg(api::resourceName(Resource::ChunkedUpload), doing),
                                404);
    if (r->status != 200 && r->status != 201)
        return m_transport->errorFor(*r, doing);
    const QJsonObject o = r->json().object();
    if (!o.value(QLatin1String("success")).toBool()) {
        QString why = o.value(QLatin1String("error")).toString();
        if (!why.endsWith(QLatin1Char('.')))
            why += QLatin1Char('.');
        return Error::permanent(QStringLiteral("The MyTardis server refused a chunk while %1: %2").arg(doing, why));
    }
    return o;
}

Result<ChunkStatus> MyTardisClient::chunkStatus(qint64 replicaId)
{
    auto o = chunkAnswer(m_transport->get(api::object(Resource::ChunkedUpload, replicaId)),
                         QStringLiteral("asking where upload %1 stands").arg(replicaId));
    if (!o)
        return o.error();
    ChunkStatus s;
    s.completed = o->value(QLatin1String("completed")).toBool();
    s.offset = json::toInt64(o->value(QLatin1String("offset")));
    s.chunkSize = json::toInt64(o->value(QLatin1String("size")));
    s.checksum = o->value(QLatin1String("checksum")).toString();
    return s;
}

Status MyTardisClient::sendChunk(qint64 replicaId, const QByteArray &data, qint64 start, qint64 total)
{
    ApiRequest req;
    req.method = "POST";
    req.url = m_transport->urlFor(api::action(Resource::ChunkedUpload, replicaId, "upload"), {}, false);
    req.body = data;
    req.contentType = "application/octet-stream";
    req.headers = {{"Checksum", chunks::xxh3Hex(data).toLatin1()},
                   {"Content-Range", QByteArray::number(start) + '-' + QByteArray::number(start + data.size()) + '/' +
                                         QByteArray::number(total)}};
    // A repeated chunk is refused as "already uploaded": safe to send again.
    req.retry = ResendRule::Idempotent;
    auto o = chunkAnswer(m_transport->send(std::move(req)),
                         QStringLiteral("sending bytes %1-%2").arg(start).arg(start + data.size()));
    if (!o && !o.error().message.contains(QStringLiteral("Chunk already uploaded")))
        return o.error();
    return {};
}

Result<bool> MyTardisClient::completeChunks(qint64 replicaId)
{
    auto o = chunkAnswer(m_transport->get(api::action(Resource::ChunkedUpload, replicaId, "complete")),
                         QStringLiteral("finishing upload %1").arg(replicaId));
    if (!o)
        return o.error();
    return o->value(QLatin1String("verified")).toBool();
}

} // namespace tardigrade
