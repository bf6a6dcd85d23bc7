#pragma once

#include "ApiRequest.h"
#include "CatalogueTypes.h"
#include "Records.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QString>
#include <QVector>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace tardigrade {

class ApiJob;

// The MyTardis REST client (mytardis-api.md, "A normal run" 1–11).
//
// Synchronous for its callers, built on asynchronous jobs: every request is
// one ApiJob (timeout, retry with backoff, abort) run in a local event loop
// that also watches the cancel flag every 100 ms. A client belongs to the
// thread that made it (its own QNetworkAccessManager, so connections are
// reused per thread): each worker thread makes its own.
//
// Errors come back as one user-facing sentence. Answers that legitimately
// mean "none" (zero hits) are std::nullopt, never an error.
class MyTardisClient {
public:
    using Progress = std::function<void(qint64 sent, qint64 total)>;

    explicit MyTardisClient(ClientConfig config);
    ~MyTardisClient();
    MyTardisClient(const MyTardisClient &) = delete;
    MyTardisClient &operator=(const MyTardisClient &) = delete;

    const ClientConfig &config() const { return m_config; }
    // HTTP requests sent so far, retries included.
    int requestCount() const { return m_requestCount; }

    // ---- low level: status + body + headers of any answer; an Error only
    // when there was no answer (network, timeout) or on cancel.
    // `path` is below the server root ("/api/v1/user/") or a `next` path.
    Result<ApiResponse> get(const QString &path, const Query &query = {}, bool formatJson = true);
    Result<ApiResponse> post(const QString &path, const QJsonObject &body,
                             ResendRule retry = ResendRule::OnlyIfNotProcessed);
    Result<ApiResponse> put(const QString &path, const QJsonObject &body);
    Result<ApiResponse> patch(const QString &path, const QJsonObject &body);
    Result<ApiResponse> send(ApiRequest request, const Progress &progress = {});
    // Every object of a list, asking with limit=0 and following `next`.
    Result<QVector<QJsonObject>> getAll(const QString &path, const Query &query = {});
    QUrl urlFor(const QString &path, const Query &query = {}, bool formatJson = true) const;

    // ---- 1. the server, without credentials
    Status checkServer();
    // ---- 2. credentials: the account's own user record
    Result<User> checkCredentials();
    // ---- 3. facilities the account manages; one of them by name
    Result<QVector<Facility>> facilities();
    Result<Facility> facilityByName(const QString &name);
    // ---- 4. instrument
    Result<std::optional<Instrument>> findInstrument(qint64 facilityId, const QString &name);
    Result<Instrument> createInstrument(const Facility &facility, const QString &name);
    // Finds it, else creates it (dryRun: only reports that it is missing).
    Result<InstrumentOutcome> ensureInstrument(const Facility &facility, const QString &name, bool dryRun);
    Result<Instrument> renameInstrument(qint64 instrumentId, const QString &newName);
    // ---- 5. uploader record (404 → "the server lacks the mydata app")
    Result<std::optional<Uploader>> findUploader(const QString &uuid);
    Result<Uploader> createUploader(const UploaderFields &fields);
    Result<Uploader> updateUploader(qint64 uploaderId, const UploaderFields &fields);
    Result<Uploader> pushUploaderSettings(qint64 uploaderId, const QString &uuid,
                                          const QVector<UploaderSetting> &settings);
    // ---- 6. staging access
    Result<std::optional<RegistrationRequest>> findRegistrationRequest(const QString &uuid, const QString &fingerprint);
    Result<RegistrationRequest> createRegistrationRequest(const NewRegistrationRequest &request);
    // ---- 7. people and groups
    // username, then the mydata_user fallback for accounts renamed on migration.
    Result<std::optional<User>> userByUsername(const QString &username);
    Result<std::optional<User>> userByEmail(const QString &email); // email__iexact
    Result<std::optional<Group>> groupByName(const QString &name); // already prefixed
    // ---- 8. experiments
    Result<std::optional<Experiment>> findExperiment(const ExperimentKey &key);
    Result<Experiment> createExperiment(const NewExperiment &experiment);
    Status addObjectAcl(const ObjectAcl &acl);
    // ---- 9. datasets (lookup retries without instrument__id on 400)
    Result<std::optional<Dataset>> findDataset(qint64 experimentId, const QString &description, qint64 instrumentId);
    Result<Dataset> createDataset(const NewDataset &dataset);
    // ---- 10. datafiles
    // All datafiles of a dataset in one paged listing (limit=0, following next).
    Result<QVector<DataFile>> dataFilesOfDataset(qint64 datasetId);
    Result<std::optional<DataFile>> findDataFile(qint64 datasetId, const QString &directory, const QString &filename);
    Result<DataFile> dataFile(qint64 datafileId);
    Result<qint64> replicaSize(qint64 replicaId); // bytes that reached staging
    Result<DatasetStats> datasetStats(qint64 datasetId);
    Status requestVerify(qint64 datafileId);
    // ---- 11b. register a datafile for staging: the staging path, byte for byte
    Result<StagingRegistration> registerForStaging(const NewDataFile &file, const QString &uploaderUuid,
                                                   const QString &fingerprint);
    // ---- 11a. HTTP POST multipart, streamed from disk (memory does not grow
    // with the file's size); progress is called from this thread.
    Result<UploadOutcome> uploadFile(const NewDataFile &file, const QString &localPath, const Progress &progress = {});

    // The sentence for an answer that was not what a step wanted; `doing`
    // is a gerund phrase ("looking up user \"alice\"").
    Error errorFor(const ApiResponse &response, const QString &doing) const;

private:
    bool cancelRequested() const;
    Result<std::optional<QJsonObject>> firstObject(const QString &path, const Query &query, const QString &doing);
    // The first object of a list answer, none when the list is empty.
    Result<std::optional<QJsonObject>> firstOf(const ApiResponse &response, const QString &doing) const;
    Error mydataAppMissing() const;

    ClientConfig m_config;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    int m_requestCount = 0;
};

} // namespace tardigrade
