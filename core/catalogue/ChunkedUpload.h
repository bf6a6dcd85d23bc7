#pragma once

#include "CatalogueTypes.h"
#include "MyTardisClient.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>

namespace tardigrade {

// Where a chunked upload stands (GET mydata_upload/<replica id>/).
struct ChunkStatus {
    bool completed = false;
    qint64 offset = 0;    // where to continue
    qint64 chunkSize = 0; // the chunk size to use
    QString checksum;     // the chunk checksum algorithm ("xxh3_64")
};

// Resumable upload over HTTP in chunks (mytardis-api.md 11c, newer mydata
// app): register the datafile as for staging, ask where to continue, send
// each chunk with its xxh3_64 checksum and Content-Range, then ask the server
// to assemble and verify. Only one chunk is in memory at a time.
class ChunkedUpload {
public:
    explicit ChunkedUpload(MyTardisClient &client) : m_client(client) {}

    // False when built without xxhash (then every upload() fails with a sentence).
    static bool isAvailable();
    static QString xxh3Hex(const QByteArray &data); // 16 lowercase hex digits
    // The chunk size the API prescribes: the smallest multiple of 10 MB
    // giving fewer than 100 chunks, at most 100 MB.
    static qint64 chunkSizeFor(qint64 fileSize);

    Result<ChunkStatus> status(qint64 replicaId);
    // One chunk: bytes [start, start + data.size()) of a file of `total` bytes.
    // A chunk the server already has counts as sent.
    Status sendChunk(qint64 replicaId, const QByteArray &data, qint64 start, qint64 total);
    // Asks the server to assemble and check; answers whether it is verified
    // already (assembly may finish later: look at the datafile again).
    Result<bool> complete(qint64 replicaId);

    // The whole file: register (or find the existing record), continue from
    // the server's offset, complete.
    Result<UploadOutcome> upload(const NewDataFile &file, const QString &localPath, const QString &uploaderUuid,
                                 const QString &fingerprint, const MyTardisClient::Progress &progress = {});

private:
    Result<QJsonObject> call(ApiRequest request, const QString &doing);

    MyTardisClient &m_client;
};

} // namespace tardigrade
