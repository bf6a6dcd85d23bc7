#pragma once

#include "CatalogueTypes.h"
#include "Records.h"
#include "util/Result.h"

#include <QString>
#include <QVector>
#include <functional>
#include <memory>
#include <optional>

namespace tardigrade {

class ReadTally;

// The MyTardis catalogue as the stages of a run see it: interfaces, so that
// a stage can be given the real client (MyTardisClient), a writer that only
// records what it would do (the Test Run), or an in-process fake (unit
// tests). Every call blocks; errors come back as one user-facing sentence;
// answers that legitimately mean "none" are std::nullopt, never an error.

// What is read (mytardis-api.md sections 1-10): sends nothing that changes
// the server.
class CatalogueReader {
public:
    virtual ~CatalogueReader() = default;

    virtual const ClientConfig &config() const = 0;
    // 1. the server, without credentials
    virtual Status checkServer() = 0;
    // 2. the account's own user record
    virtual Result<User> checkCredentials() = 0;
    // 3. the facilities the account manages
    virtual Result<QVector<Facility>> facilities() = 0;
    // 4. 5. 6.
    virtual Result<std::optional<Instrument>> findInstrument(qint64 facilityId, const QString &name) = 0;
    // Not found is none; a server without the mydata app is an error.
    virtual Result<std::optional<UploaderRecord>> findUploader(const QString &uuid) = 0;
    virtual Result<std::optional<RegistrationRequest>> findRegistrationRequest(const QString &uuid,
                                                                               const QString &fingerprint) = 0;
    // 7. username (with the mydata_user fallback for renamed accounts), email, group
    virtual Result<std::optional<User>> userByUsername(const QString &username) = 0;
    virtual Result<std::optional<User>> userByEmail(const QString &email) = 0;
    virtual Result<std::optional<Group>> groupByName(const QString &name) = 0;
    // 8. 9.
    virtual Result<std::optional<Experiment>> findExperiment(const ExperimentKey &key) = 0;
    virtual Result<std::optional<Dataset>> findDataset(qint64 experimentId, const QString &description,
                                                       qint64 instrumentId) = 0;
    // 10. all datafiles of a dataset (one paged listing), one of them, one by id
    virtual Result<QVector<DataFile>> dataFilesOfDataset(qint64 datasetId) = 0;
    virtual Result<std::optional<DataFile>> findDataFile(qint64 datasetId, const QString &directory,
                                                         const QString &filename) = 0;
    virtual Result<DataFile> dataFile(qint64 datafileId) = 0;
    // Bytes of a replica that reached staging.
    virtual Result<qint64> replicaSize(qint64 replicaId) = 0;
    // Whether the server offers the chunk API (11c).
    virtual Result<bool> offersChunkedUpload() = 0;
};

// What a run creates or changes in the catalogue before any file moves
// (sections 4-9). A writer whose answers carry id 0 made nothing: the Test
// Run's RecordingCatalogueWriter answers that way, and the stages report
// such objects as "would create".
class CatalogueWriter {
public:
    virtual ~CatalogueWriter() = default;

    virtual Result<Instrument> createInstrument(const Facility &facility, const QString &name) = 0;
    // The instrument renamed in place (its datasets stay with it), when the
    // settings rename it: not a second instrument beside the first.
    virtual Result<Instrument> renameInstrument(qint64 instrumentId, const QString &name) = 0;
    virtual Result<UploaderRecord> createUploader(const UploaderFields &fields) = 0;
    virtual Result<UploaderRecord> updateUploader(qint64 uploaderId, const UploaderFields &fields) = 0;
    // The local settings the server keeps for this installation (PATCH with
    // its uuid); the server marks them changed (settings_updated).
    virtual Result<UploaderRecord> updateUploaderSettings(qint64 uploaderId, const QString &uuid,
                                                         const QVector<UploaderSetting> &settings) = 0;
    virtual Result<RegistrationRequest> createRegistrationRequest(const NewRegistrationRequest &request) = 0;
    virtual Result<Experiment> createExperiment(const NewExperiment &experiment) = 0;
    virtual Status addObjectAcl(const ObjectAcl &acl) = 0;
    virtual Result<Dataset> createDataset(const NewDataset &dataset) = 0;
};

// Where the state of a chunked upload stands (GET mydata_upload/<replica id>/).
struct ChunkStatus {
    bool completed = false;
    qint64 offset = 0;    // where to continue
    qint64 chunkSize = 0; // the chunk size to use
    QString checksum;     // the chunk checksum algorithm ("xxh3_64")
};

// The whole catalogue: reading, writing, and the endpoints that move files
// (sections 10, 11a-c), which only an upload run uses.
class Catalogue : public CatalogueReader, public CatalogueWriter {
public:
    using Progress = std::function<void(qint64 sent, qint64 total)>;

    // 10. ask the server to verify a datafile's replica
    virtual Status requestVerify(qint64 datafileId) = 0;
    // 11b. register a datafile whose bytes come separately: the staging path, byte for byte
    virtual Result<StagingRegistration> registerForStaging(const NewDataFile &file, const QString &uploaderUuid,
                                                           const QString &fingerprint) = 0;
    // Several of the above at once (a batch of small files staged together),
    // many requests in flight, answered in order; each succeeds or fails on
    // its own, with the same tries and verdicts as one. The defaults ask one
    // after another.
    virtual QVector<Result<StagingRegistration>> registerManyForStaging(const QVector<NewDataFile> &files,
                                                                        const QString &uploaderUuid,
                                                                        const QString &fingerprint)
    {
        QVector<Result<StagingRegistration>> answers;
        answers.reserve(files.size());
        for (const NewDataFile &file : files)
            answers.append(registerForStaging(file, uploaderUuid, fingerprint));
        return answers;
    }
    virtual QVector<Status> requestVerifyMany(const QVector<qint64> &datafileIds)
    {
        QVector<Status> answers;
        answers.reserve(datafileIds.size());
        for (qint64 id : datafileIds)
            answers.append(requestVerify(id));
        return answers;
    }
    // 11a. register and send in one multipart POST, streamed from disk (the
    // bytes read go into `reads` when given: the run's tally)
    virtual Result<UploadOutcome> uploadFile(const NewDataFile &file, const QString &localPath,
                                             const Progress &progress = {}, ReadTally *reads = nullptr) = 0;
    // 11c. the chunk API of a registered datafile's replica
    virtual Result<ChunkStatus> chunkStatus(qint64 replicaId) = 0;
    // Bytes [start, start + data.size()) of `total`; a chunk the server has already counts as sent.
    virtual Status sendChunk(qint64 replicaId, const QByteArray &data, qint64 start, qint64 total) = 0;
    // Asks the server to assemble and check; whether it is verified already.
    virtual Result<bool> completeChunks(qint64 replicaId) = 0;
};

// Makes a catalogue for the calling thread (a client belongs to the thread
// that made it): the run's workers and verifier threads each make their own.
using CatalogueFactory = std::function<std::unique_ptr<Catalogue>(const ClientConfig &config)>;

} // namespace tardigrade
