#pragma once

#include "Catalogue.h"
#include "CatalogueTransport.h"

#include <memory>

class QNetworkAccessManager;

namespace tardigrade {

// The MyTardis REST client (mytardis-api.md, "A normal run" 1-11): one
// method per endpoint, each a few lines on top of CatalogueTransport, which
// does the HTTP. A client belongs to the thread that made it (its own
// QNetworkAccessManager, so connections are reused per thread): each worker
// thread makes its own.
class MyTardisClient : public Catalogue {
public:
    explicit MyTardisClient(ClientConfig config);
    ~MyTardisClient() override;
    MyTardisClient(const MyTardisClient &) = delete;
    MyTardisClient &operator=(const MyTardisClient &) = delete;

    // The factory the run uses for its threads.
    static std::unique_ptr<Catalogue> make(const ClientConfig &config);

    CatalogueTransport &transport() { return *m_transport; }
    const ClientConfig &config() const override { return m_transport->config(); }
    int requestCount() const { return m_transport->requestCount(); }

    // CatalogueReader
    Status checkServer() override;
    Result<User> checkCredentials() override;
    Result<QVector<Facility>> facilities() override;
    Result<std::optional<Instrument>> findInstrument(qint64 facilityId, const QString &name) override;
    Result<std::optional<UploaderRecord>> findUploader(const QString &uuid) override;
    Result<std::optional<RegistrationRequest>> findRegistrationRequest(const QString &uuid,
                                                                       const QString &fingerprint) override;
    Result<std::optional<User>> userByUsername(const QString &username) override;
    Result<std::optional<User>> userByEmail(const QString &email) override;
    Result<std::optional<Group>> groupByName(const QString &name) override;
    Result<std::optional<Experiment>> findExperiment(const ExperimentKey &key) override;
    Result<std::optional<Dataset>> findDataset(qint64 experimentId, const QString &description,
                                               qint64 instrumentId) override;
    Result<QVector<DataFile>> dataFilesOfDataset(qint64 datasetId) override;
    Result<std::optional<DataFile>> findDataFile(qint64 datasetId, const QString &directory,
                                                 const QString &filename) override;
    Result<DataFile> dataFile(qint64 datafileId) override;
    Result<qint64> replicaSize(qint64 replicaId) override;
    Result<bool> offersChunkedUpload() override;

    // CatalogueWriter
    Result<Instrument> createInstrument(const Facility &facility, const QString &name) override;
    Result<Instrument> renameInstrument(qint64 instrumentId, const QString &name) override;
    Result<UploaderRecord> createUploader(const UploaderFields &fields) override;
    Result<UploaderRecord> updateUploader(qint64 uploaderId, const UploaderFields &fields) override;
    Result<UploaderRecord> updateUploaderSettings(qint64 uploaderId, const QString &uuid,
                                                  const QVector<UploaderSetting> &settings) override;
    Result<RegistrationRequest> createRegistrationRequest(const NewRegistrationRequest &request) override;
    Result<Experiment> createExperiment(const NewExperiment &experiment) override;
    Status addObjectAcl(const ObjectAcl &acl) override;
    Result<Dataset> createDataset(const NewDataset &dataset) override;

    // Catalogue: moving files
    Status requestVerify(qint64 datafileId) override;
    Result<StagingRegistration> registerForStaging(const NewDataFile &file, const QString &uploaderUuid,
                                                   const QString &fingerprint) override;
    // Many requests in flight (CatalogueTransport::sendAll), each answer read
    // exactly as the single call reads it.
    QVector<Result<StagingRegistration>> registerManyForStaging(const QVector<NewDataFile> &files,
                                                                const QString &uploaderUuid,
                                                                const QString &fingerprint) override;
    QVector<Status> requestVerifyMany(const QVector<qint64> &datafileIds) override;
    Result<UploadOutcome> uploadFile(const NewDataFile &file, const QString &localPath,
                                     const Progress &progress = {}, ReadTally *reads = nullptr) override;
    Result<ChunkStatus> chunkStatus(qint64 replicaId) override;
    Status sendChunk(qint64 replicaId, const QByteArray &data, qint64 start, qint64 total) override;
    Result<bool> completeChunks(qint64 replicaId) override;

private:
    // One object's JSON (a 200 answer to GET `path`).
    Result<QJsonObject> object(const QString &path, const QString &doing);
    // An answer from a resource of the mydata app: 404 means the app is missing.
    Result<ApiResponse> fromMydataApp(Result<ApiResponse> response) const;
    // A record made by POST: 200/201, parsed, its id taken from Location when
    // the body has none (mytardis-api.md: the body may be empty).
    template <typename Record>
    Result<Record> created(const Result<ApiResponse> &response, const QString &doing) const;
    // A record changed by PUT/PATCH: 2xx, parsed, the id it was sent to when the body has none.
    template <typename Record>
    Result<Record> updated(const Result<ApiResponse> &response, qint64 id, const QString &doing) const;
    // The request and the reading of its answer, shared by the single and the batch calls.
    ApiRequest verifyRequest(qint64 datafileId) const;
    Status verifyAnswer(const Result<ApiResponse> &response, qint64 datafileId) const;
    ApiRequest stagingRequest(const NewDataFile &file, const QString &uploaderUuid, const QString &fingerprint) const;
    Result<StagingRegistration> stagingAnswer(const Result<ApiResponse> &response, const NewDataFile &file) const;
    // An answer of the chunk API: errors come back as HTTP 200 with {success: false, error}.
    Result<QJsonObject> chunkAnswer(Result<ApiResponse> response, const QString &doing) const;

    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<CatalogueTransport> m_transport;
};

} // namespace tardigrade
