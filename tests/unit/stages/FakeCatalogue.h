#pragma once

// An in-process MyTardis for the stages' unit tests (after the ownCloud
// client's fake network layer): the catalogue's objects in memory, every
// call logged, faults injected per call, verification on demand. Copies
// share one state, so the factory can hand each of a run's threads its own
// handle. Thread-safe.
#include "catalogue/Catalogue.h"

#include <QHash>
#include <QMutex>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace tardigrade::test {

struct FakeFile {
    qint64 id = 0;
    qint64 datasetId = 0;
    QString directory;
    QString filename;
    qint64 size = 0;
    QString md5;
    QDateTime mtime; // the modification time the client sent (invalid when seeded without one)
    qint64 replicaId = 0;
    bool verified = false;
    qint64 bytesThere = 0; // staging: bytes written; chunked: bytes received
};

struct FakeExperiment {
    Experiment experiment;
    ExperimentKey key;
};

struct FakeState {
    QMutex mutex;
    ClientConfig config;
    User account;
    QVector<User> users;
    QVector<Group> groups;
    QVector<Facility> facilities;
    QVector<Instrument> instruments;
    QVector<UploaderRecord> uploaders; // uuid in name: see uploaderUuids
    QHash<qint64, QString> uploaderUuids;
    QVector<RegistrationRequest> requests;
    QVector<FakeExperiment> experiments;
    QVector<Dataset> datasets;
    QVector<FakeFile> files;
    QVector<ObjectAcl> acls;
    bool chunkApi = true;
    // Replicas become verified when asked to verify and after this many more looks.
    int verifyAfterLooks = 0;
    QHash<qint64, int> looksLeft;
    qint64 nextId = 100;
    QStringList calls;
    // Faults: a call named here fails with the error the function gives
    // (none: it goes through). `acted` lets a create happen before its
    // answer is "lost".
    std::function<std::optional<Error>(const QString &call, bool *acted)> fault;
};

class FakeCatalogue : public Catalogue {
public:
    FakeCatalogue();
    explicit FakeCatalogue(std::shared_ptr<FakeState> state) : m(std::move(state)) {}

    FakeState &state() { return *m; }
    // A catalogue factory whose catalogues share this one's state.
    CatalogueFactory factory() const;

    // Setting up the world.
    User addUser(const QString &username, const QString &first, const QString &last, const QString &email = {});
    Facility addFacility(const QString &name);
    Instrument addInstrument(const Facility &facility, const QString &name);
    Dataset addDataset(qint64 experimentId, const QString &description);
    // A record on the server; `madeFrom`, when given, is the local file it
    // was made from (its MD5 and modification time, as a client sends them).
    FakeFile &addFile(qint64 datasetId, const QString &directory, const QString &name, qint64 size, bool verified,
                      const QString &madeFrom = {});
    FakeFile *file(const QString &directory, const QString &name);
    // Calls made so far whose name starts with `prefix`.
    int count(const QString &prefix) const;
    QStringList calls() const;

    // CatalogueReader
    const ClientConfig &config() const override { return m->config; }
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

    // Catalogue
    Status requestVerify(qint64 datafileId) override;
    // Logged once as "verifyMany:<n>" (the Verifier's batches), then asked
    // one by one as requestVerify.
    QVector<Status> requestVerifyMany(const QVector<qint64> &datafileIds) override;
    Result<StagingRegistration> registerForStaging(const NewDataFile &file, const QString &uploaderUuid,
                                                   const QString &fingerprint) override;
    Result<UploadOutcome> uploadFile(const NewDataFile &file, const QString &localPath,
                                     const Progress &progress = {}, ReadTally *reads = nullptr) override;
    Result<ChunkStatus> chunkStatus(qint64 replicaId) override;
    Status sendChunk(qint64 replicaId, const QByteArray &data, qint64 start, qint64 total) override;
    Result<bool> completeChunks(qint64 replicaId) override;

    static constexpr qint64 ChunkSize = 1024;

private:
    // Logs the call and asks the fault hook; `acted` tells a create to
    // happen although it fails.
    std::optional<Error> enter(const QString &call, bool *acted = nullptr);
    DataFile recordOf(const FakeFile &f) const;
    FakeFile *fileById(qint64 id);
    FakeFile *fileByReplica(qint64 replicaId);
    FakeFile &newFile(const NewDataFile &file); // mutex held

    std::shared_ptr<FakeState> m;
};

// An error as the request layer gives it after a lost answer.
Error lostAnswer();

} // namespace tardigrade::test
