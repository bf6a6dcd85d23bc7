#include "FakeCatalogue.h"

#include "catalogue/ApiPaths.h"

#include <QCryptographicHash>
#include <QFile>
#include <algorithm>
#include <QFileInfo>

namespace tardigrade::test {

using api::Resource;

Error lostAnswer()
{
    Error e = Error::transient(QStringLiteral("The MyTardis server failed (HTTP 500) while testing."), 500);
    e.origin = ErrorOrigin::Http;
    e.outcomeUnknown = true;
    return e;
}

FakeCatalogue::FakeCatalogue() : m(std::make_shared<FakeState>())
{
    m->config.url = QStringLiteral("http://fake");
    m->config.username = QStringLiteral("facility");
    m->config.apiKey = QStringLiteral("key");
    m->account = addUser(QStringLiteral("facility"), QStringLiteral("Facility"), QStringLiteral("Account"));
}

CatalogueFactory FakeCatalogue::factory() const
{
    std::shared_ptr<FakeState> shared = m;
    return [shared](const ClientConfig &) { return std::make_unique<FakeCatalogue>(shared); };
}

std::optional<Error> FakeCatalogue::enter(const QString &call, bool *acted)
{
    std::function<std::optional<Error>(const QString &, bool *)> fault;
    {
        QMutexLocker lock(&m->mutex);
        m->calls << call;
        fault = m->fault;
    }
    bool act = false;
    std::optional<Error> e = fault ? fault(call, &act) : std::nullopt;
    if (acted)
        *acted = act;
    return e;
}

int FakeCatalogue::count(const QString &prefix) const
{
    QMutexLocker lock(&m->mutex);
    int n = 0;
    for (const QString &c : std::as_const(m->calls))
        n += c.startsWith(prefix);
    return n;
}

QStringList FakeCatalogue::calls() const
{
    QMutexLocker lock(&m->mutex);
    return m->calls;
}

// ---- the world

User FakeCatalogue::addUser(const QString &username, const QString &first, const QString &last, const QString &email)
{
    QMutexLocker lock(&m->mutex);
    User u;
    u.id = ++m->nextId;
    u.username = username;
    u.firstName = first;
    u.lastName = last;
    u.email = email.isEmpty() ? username + QStringLiteral("@example.org") : email;
    u.resourceUri = api::object(Resource::User, u.id);
    m->users.append(u);
    return u;
}

Facility FakeCatalogue::addFacility(const QString &name)
{
    QMutexLocker lock(&m->mutex);
    Facility f;
    f.id = ++m->nextId;
    f.name = name;
    f.resourceUri = api::object(Resource::Facility, f.id);
    f.managerGroup = Group{++m->nextId, name + QStringLiteral(" Managers"), {}};
    m->facilities.append(f);
    return f;
}

Instrument FakeCatalogue::addInstrument(const Facility &facility, const QString &name)
{
    QMutexLocker lock(&m->mutex);
    Instrument i;
    i.id = ++m->nextId;
    i.name = name;
    i.resourceUri = api::object(Resource::Instrument, i.id);
    i.facilityId = facility.id;
    i.facilityName = facility.name;
    m->instruments.append(i);
    return i;
}

Dataset FakeCatalogue::addDataset(qint64 experimentId, const QString &description)
{
    QMutexLocker lock(&m->mutex);
    Dataset d;
    d.id = ++m->nextId;
    d.description = description;
    d.resourceUri = api::object(Resource::Dataset, d.id);
    d.experiments << api::object(Resource::Experiment, experimentId);
    m->datasets.append(d);
    return d;
}

FakeFile &FakeCatalogue::addFile(qint64 datasetId, const QString &directory, const QString &name, qint64 size,
                                 bool verified, const QString &madeFrom)
{
    QMutexLocker lock(&m->mutex);
    FakeFile f;
    if (!madeFrom.isEmpty()) {
        QFile local(madeFrom);
        QCryptographicHash md5(QCryptographicHash::Md5);
        if (local.open(QIODevice::ReadOnly) && md5.addData(&local))
            f.md5 = QString::fromLatin1(md5.result().toHex());
        f.mtime = QFileInfo(madeFrom).lastModified();
    }
    f.id = ++m->nextId;
    f.replicaId = ++m->nextId;
    f.datasetId = datasetId;
    f.directory = directory;
    f.filename = name;
    f.size = size;
    f.verified = verified;
    f.bytesThere = verified ? size : 0;
    m->files.append(f);
    return m->files.last();
}

FakeFile *FakeCatalogue::file(const QString &directory, const QString &name)
{
    QMutexLocker lock(&m->mutex);
    for (FakeFile &f : m->files)
        if (f.directory == directory && f.filename == name)
            return &f;
    return nullptr;
}

FakeFile *FakeCatalogue::fileById(qint64 id)
{
    for (FakeFile &f : m->files)
        if (f.id == id)
            return &f;
    return nullptr;
}

FakeFile *FakeCatalogue::fileByReplica(qint64 replicaId)
{
    for (FakeFile &f : m->files)
        if (f.replicaId == replicaId)
            return &f;
    return nullptr;
}

DataFile FakeCatalogue::recordOf(const FakeFile &f) const
{
    DataFile d;
    d.id = f.id;
    d.filename = f.filename;
    d.directory = f.directory;
    d.size = f.size;
    d.md5sum = f.md5;
    d.modificationTime = f.mtime;
    d.dataset = api::object(Resource::Dataset, f.datasetId);
    d.resourceUri = api::object(Resource::MydataDatasetFile, f.id);
    Replica r;
    r.id = f.replicaId;
    r.verified = f.verified;
    r.uri = QStringLiteral("DS-%1/").arg(f.datasetId) +
            (f.directory.isEmpty() ? QString() : f.directory + QLatin1Char('/')) + f.filename;
    d.replicas.append(r);
    return d;
}

// ---- reading

Status FakeCatalogue::checkServer()
{
    if (auto e = enter(QStringLiteral("checkServer")))
        return *e;
    return {};
}

Result<User> FakeCatalogue::checkCredentials()
{
    if (auto e = enter(QStringLiteral("checkCredentials")))
        return *e;
    QMutexLocker lock(&m->mutex);
    return m->account;
}

Result<QVector<Facility>> FakeCatalogue::facilities()
{
    if (auto e = enter(QStringLiteral("facilities")))
        return *e;
    QMutexLocker lock(&m->mutex);
    return m->facilities;
}

Result<std::optional<Instrument>> FakeCatalogue::findInstrument(qint64 facilityId, const QString &name)
{
    if (auto e = enter(QStringLiteral("findInstrument")))
        return *e;
    QMutexLocker lock(&m->mutex);
    for (const Instrument &i : std::as_const(m->instruments))
        if (i.facilityId == facilityId && i.name == name)
            return std::optional<Instrument>(i);
    return std::optional<Instrument>();
}

Result<std::optional<UploaderRecord>> FakeCatalogue::findUploader(const QString &uuid)
{
    if (auto e = enter(QStringLiteral("findUploader")))
        return *e;
    QMutexLocker lock(&m->mutex);
    for (const UploaderRecord &u : std::as_const(m->uploaders))
        if (m->uploaderUuids.value(u.id) == uuid)
            return std::optional<UploaderRecord>(u);
    return std::optional<UploaderRecord>();
}

Result<std::optional<RegistrationRequest>> FakeCatalogue::findRegistrationRequest(const QString &uuid,
                                                                                  const QString &fingerprint)
{
    if (auto e = enter(QStringLiteral("findRegistrationRequest")))
        return *e;
    QMutexLocker lock(&m->mutex);
    for (const RegistrationRequest &r : std::as_const(m->requests)) {
        const qint64 uploaderId = json::idFromUri(r.uploader);
        if (m->uploaderUuids.value(uploaderId) == uuid && r.requesterKeyFingerprint == fingerprint)
            return std::optional<RegistrationRequest>(r);
    }
    return std::optional<RegistrationRequest>();
}

Result<std::optional<User>> FakeCatalogue::userByUsername(const QString &username)
{
    if (auto e = enter(QStringLiteral("userByUsername")))
        return *e;
    QMutexLocker lock(&m->mutex);
    for (const User &u : std::as_const(m->users))
        if (u.username == username)
            return std::optional<User>(u);
    return std::optional<User>();
}

Result<std::optional<User>> FakeCatalogue::userByEmail(const QString &email)
{
    if (auto e = enter(QStringLiteral("userByEmail")))
        return *e;
    QMutexLocker lock(&m->mutex);
    for (const User &u : std::as_const(m->users))
        if (u.email.compare(email, Qt::CaseInsensitive) == 0)
            return std::optional<User>(u);
    return std::optional<User>();
}

Result<std::optional<Group>> FakeCatalogue::groupByName(const QString &name)
{
    if (auto e = enter(QStringLiteral("groupByName")))
        return *e;
    QMutexLocker lock(&m->mutex);
    for (const Group &g : std::as_const(m->groups))
        if (g.name == name)
            return std::optional<Group>(g);
    return std::optional<Group>();
}

Result<std::optional<Experiment>> FakeCatalogue::findExperiment(const ExperimentKey &key)
{
    if (auto e = enter(QStringLiteral("findExperiment")))
        return *e;
    QMutexLocker lock(&m->mutex);
    for (const FakeExperiment &x : std::as_const(m->experiments))
        if (x.key.title == key.title && x.key.userFolderName == key.userFolderName &&
            x.key.groupFolderName == key.groupFolderName)
            return std::optional<Experiment>(x.experiment);
    return std::optional<Experiment>();
}

Result<std::optional<Dataset>> FakeCatalogue::findDataset(qint64 experimentId, const QString &description, qint64)
{
    if (auto e = enter(QStringLiteral("findDataset")))
        return *e;
    QMutexLocker lock(&m->mutex);
    const QString uri = api::object(Resource::Experiment, experimentId);
    for (const Dataset &d : std::as_const(m->datasets))
        if (d.description == description && d.experiments.contains(uri))
            return std::optional<Dataset>(d);
    return std::optional<Dataset>();
}

Result<QVector<DataFile>> FakeCatalogue::dataFilesOfDataset(qint64 datasetId)
{
    if (auto e = enter(QStringLiteral("dataFilesOfDataset")))
        return *e;
    QMutexLocker lock(&m->mutex);
    QVector<DataFile> out;
    for (FakeFile &f : m->files) {
        if (f.datasetId != datasetId)
            continue;
        if (!f.verified && m->looksLeft.contains(f.id) && --m->looksLeft[f.id] <= 0)
            f.verified = true;
        out.append(recordOf(f));
    }
    return out;
}

Result<std::optional<DataFile>> FakeCatalogue::findDataFile(qint64 datasetId, const QString &directory,
                                                            const QString &filename)
{
    if (auto e = enter(QStringLiteral("findDataFile")))
        return *e;
    QMutexLocker lock(&m->mutex);
    for (const FakeFile &f : std::as_const(m->files))
        if (f.datasetId == datasetId && f.directory == directory && f.filename == filename)
            return std::optional<DataFile>(recordOf(f));
    return std::optional<DataFile>();
}

Result<DataFile> FakeCatalogue::dataFile(qint64 datafileId)
{
    if (auto e = enter(QStringLiteral("dataFile")))
        return *e;
    QMutexLocker lock(&m->mutex);
    FakeFile *f = fileById(datafileId);
    if (!f)
        return Error::permanent(QStringLiteral("no datafile %1").arg(datafileId), 404);
    if (!f->verified && m->looksLeft.contains(f->id) && --m->looksLeft[f->id] <= 0)
        f->verified = true;
    return recordOf(*f);
}

Result<qint64> FakeCatalogue::replicaSize(qint64 replicaId)
{
    if (auto e = enter(QStringLiteral("replicaSize")))
        return *e;
    QMutexLocker lock(&m->mutex);
    FakeFile *f = fileByReplica(replicaId);
    return f ? f->bytesThere : qint64(0);
}

Result<bool> FakeCatalogue::offersChunkedUpload()
{
    if (auto e = enter(QStringLiteral("offersChunkedUpload")))
        return *e;
    QMutexLocker lock(&m->mutex);
    return m->chunkApi;
}

// ---- writing

Result<Instrument> FakeCatalogue::createInstrument(const Facility &facility, const QString &name)
{
    bool acted = false;
    const std::optional<Error> e = enter(QStringLiteral("createInstrument"), &acted);
    if (e && !acted)
        return *e;
    const Instrument i = addInstrument(facility, name);
    if (e)
        return *e;
    return i;
}

Result<Instrument> FakeCatalogue::renameInstrument(qint64 instrumentId, const QString &name)
{
    if (auto e = enter(QStringLiteral("renameInstrument")))
        return *e;
    QMutexLocker lock(&m->mutex);
    for (Instrument &i : m->instruments)
        if (i.id == instrumentId) {
            i.name = name;
            return i;
        }
    return Error::permanent(QStringLiteral("no instrument %1").arg(instrumentId), 404);
}

Result<UploaderRecord> FakeCatalogue::createUploader(const UploaderFields &fields)
{
    bool acted = false;
    const std::optional<Error> e = enter(QStringLiteral("createUploader"), &acted);
    if (e && !acted)
        return *e;
    QMutexLocker lock(&m->mutex);
    UploaderRecord u;
    u.id = ++m->nextId;
    u.name = fields.name;
    u.resourceUri = api::object(Resource::Uploader, u.id);
    m->uploaders.append(u);
    m->uploaderUuids.insert(u.id, fields.uuid);
    if (e)
        return *e;
    return u;
}

Result<UploaderRecord> FakeCatalogue::updateUploader(qint64 uploaderId, const UploaderFields &fields)
{
    if (auto e = enter(QStringLiteral("updateUploader")))
        return *e;
    QMutexLocker lock(&m->mutex);
    for (UploaderRecord &u : m->uploaders)
        if (u.id == uploaderId) {
            u.name = fields.name;
            UploaderRecord answer = u;
            answer.settings.clear(); // PUT answers only part of the record
            return answer;
        }
    return Error::permanent(QStringLiteral("no uploader %1").arg(uploaderId), 404);
}

Result<UploaderRecord> FakeCatalogue::updateUploaderSettings(qint64 uploaderId, const QString &uuid,
                                                             const QVector<UploaderSetting> &settings)
{
    if (auto e = enter(QStringLiteral("updateUploaderSettings")))
        return *e;
    QMutexLocker lock(&m->mutex);
    for (UploaderRecord &u : m->uploaders)
        if (u.id == uploaderId) {
            if (m->uploaderUuids.value(uploaderId) != uuid)
                return Error::permanent(QStringLiteral("uploader %1 has another uuid").arg(uploaderId), 401);
            // Upserted, as the mydata app does.
            for (const UploaderSetting &s : settings) {
                auto it = std::find_if(u.settings.begin(), u.settings.end(),
                                       [&s](const UploaderSetting &have) { return have.key == s.key; });
                if (it != u.settings.end())
                    it->value = s.value;
                else
                    u.settings << s;
            }
            u.settingsUpdated = QDateTime::currentDateTime();
            return u;
        }
    return Error::permanent(QStringLiteral("no uploader %1").arg(uploaderId), 404);
}

Result<RegistrationRequest> FakeCatalogue::createRegistrationRequest(const NewRegistrationRequest &request)
{
    bool acted = false;
    const std::optional<Error> e = enter(QStringLiteral("createRegistrationRequest"), &acted);
    if (e && !acted)
        return *e;
    QMutexLocker lock(&m->mutex);
    RegistrationRequest r;
    r.id = ++m->nextId;
    r.name = request.name;
    r.uploader = request.uploaderUri;
    r.requesterKeyFingerprint = request.fingerprint;
    r.resourceUri = api::object(Resource::RegistrationRequest, r.id);
    m->requests.append(r);
    if (e)
        return *e;
    return r;
}

Result<Experiment> FakeCatalogue::createExperiment(const NewExperiment &experiment)
{
    bool acted = false;
    const std::optional<Error> e = enter(QStringLiteral("createExperiment"), &acted);
    if (e && !acted)
        return *e;
    QMutexLocker lock(&m->mutex);
    FakeExperiment x;
    x.key = experiment.key;
    x.experiment.id = ++m->nextId;
    x.experiment.title = experiment.key.title;
    x.experiment.description = experiment.description;
    x.experiment.resourceUri = api::object(Resource::Experiment, x.experiment.id);
    m->experiments.append(x);
    if (e)
        return *e;
    return x.experiment;
}

Status FakeCatalogue::addObjectAcl(const ObjectAcl &acl)
{
    if (auto e = enter(QStringLiteral("addObjectAcl")))
        return *e;
    QMutexLocker lock(&m->mutex);
    m->acls.append(acl);
    return {};
}

Result<Dataset> FakeCatalogue::createDataset(const NewDataset &dataset)
{
    bool acted = false;
    const std::optional<Error> e = enter(QStringLiteral("createDataset"), &acted);
    if (e && !acted)
        return *e;
    const Dataset d = addDataset(json::idFromUri(dataset.experimentUri), dataset.description);
    if (e)
        return *e;
    return d;
}

// ---- moving files

Status FakeCatalogue::requestVerify(qint64 datafileId)
{
    if (auto e = enter(QStringLiteral("requestVerify")))
        return *e;
    QMutexLocker lock(&m->mutex);
    FakeFile *f = fileById(datafileId);
    if (!f)
        return Error::permanent(QStringLiteral("no datafile %1").arg(datafileId), 404);
    // Verified only if every byte is there.
    if (!f->verified && f->bytesThere == f->size) {
        if (m->verifyAfterLooks <= 0)
            f->verified = true;
        else
            m->looksLeft.insert(f->id, m->verifyAfterLooks);
    }
    return {};
}

QVector<Status> FakeCatalogue::requestVerifyMany(const QVector<qint64> &datafileIds)
{
    {
        QMutexLocker lock(&m->mutex);
        m->calls << QStringLiteral("verifyMany:%1").arg(datafileIds.size());
    }
    return Catalogue::requestVerifyMany(datafileIds);
}

FakeFile &FakeCatalogue::newFile(const NewDataFile &file)
{
    FakeFile f;
    f.id = ++m->nextId;
    f.replicaId = ++m->nextId;
    f.datasetId = json::idFromUri(file.datasetUri);
    f.directory = file.directory;
    f.filename = file.filename;
    f.size = file.size;
    f.md5 = file.md5sum;
    f.mtime = file.modificationTime;
    m->files.append(f);
    return m->files.last();
}

Result<StagingRegistration> FakeCatalogue::registerForStaging(const NewDataFile &file, const QString &, const QString &)
{
    bool acted = false;
    const std::optional<Error> e = enter(QStringLiteral("registerForStaging"), &acted);
    if (e && !acted)
        return *e;
    QMutexLocker lock(&m->mutex);
    for (const FakeFile &f : std::as_const(m->files))
        if (f.datasetId == json::idFromUri(file.datasetUri) && f.directory == file.directory &&
            f.filename == file.filename) {
            StagingRegistration exists;
            exists.alreadyExists = true;
            return exists;
        }
    const FakeFile &f = newFile(file);
    if (e)
        return *e;
    StagingRegistration r;
    r.datafileId = f.id;
    r.stagingPath = QByteArrayLiteral("/staging/") + recordOf(f).replicas.first().uri.toUtf8();
    return r;
}

Result<UploadOutcome> FakeCatalogue::uploadFile(const NewDataFile &file, const QString &localPath,
                                                const Progress &progress, ReadTally *)
{
    if (auto e = enter(QStringLiteral("uploadFile")))
        return *e;
    if (!QFileInfo(localPath).isFile())
        return Error::permanent(QStringLiteral("The file %1 is gone.").arg(localPath));
    QMutexLocker lock(&m->mutex);
    for (const FakeFile &f : std::as_const(m->files))
        if (f.datasetId == json::idFromUri(file.datasetUri) && f.directory == file.directory &&
            f.filename == file.filename) {
            UploadOutcome exists;
            exists.alreadyExists = true;
            return exists;
        }
    FakeFile &f = newFile(file);
    f.bytesThere = f.size;
    f.verified = m->verifyAfterLooks <= 0; // the server verifies POSTed files itself
    if (!f.verified)
        m->looksLeft.insert(f.id, m->verifyAfterLooks);
    UploadOutcome out;
    out.datafileId = f.id;
    lock.unlock();
    if (progress)
        progress(file.size, file.size);
    return out;
}

Result<ChunkStatus> FakeCatalogue::chunkStatus(qint64 replicaId)
{
    if (auto e = enter(QStringLiteral("chunkStatus")))
        return *e;
    QMutexLocker lock(&m->mutex);
    FakeFile *f = fileByReplica(replicaId);
    if (!f)
        return Error::permanent(QStringLiteral("Invalid object or access denied."));
    ChunkStatus s;
    s.completed = f->verified || f->bytesThere == f->size;
    s.offset = f->bytesThere;
    s.chunkSize = ChunkSize;
    s.checksum = QStringLiteral("xxh3_64");
    return s;
}

Status FakeCatalogue::sendChunk(qint64 replicaId, const QByteArray &data, qint64 start, qint64)
{
    if (auto e = enter(QStringLiteral("sendChunk")))
        return *e;
    QMutexLocker lock(&m->mutex);
    FakeFile *f = fileByReplica(replicaId);
    if (!f || start != f->bytesThere)
        return Error::permanent(QStringLiteral("chunk out of order"));
    f->bytesThere += data.size();
    return {};
}

Result<bool> FakeCatalogue::completeChunks(qint64 replicaId)
{
    if (auto e = enter(QStringLiteral("completeChunks")))
        return *e;
    QMutexLocker lock(&m->mutex);
    FakeFile *f = fileByReplica(replicaId);
    if (!f)
        return Error::permanent(QStringLiteral("Invalid object or access denied."));
    f->verified = f->bytesThere == f->size;
    return f->verified;
}

} // namespace tardigrade::test
