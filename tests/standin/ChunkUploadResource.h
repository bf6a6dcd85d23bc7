#pragma once

#include "Resource.h"

namespace tardigrade::standin {

// mydata_upload/<replica id>/ (status), .../upload/ (one chunk, xxh3_64
// checked) and .../complete/ (assemble and verify, asynchronously), as the
// newer mydata app's UploadAppResource. Errors are HTTP 200 with
// {"success": false, "error": ...}.
class ChunkUploadResource : public Resource {
public:
    using Resource::Resource;
    QStringList names() const override { return {QStringLiteral("mydata_upload")}; }
    ApiResponse handle(const ApiRequest &request) override;

    // The chunk size for a file: the smallest multiple of 10 MiB giving
    // fewer than 100 chunks, at most 100 MiB.
    static qint64 chunkSize(qint64 fileSize);
    // xxh3_64 of the bytes as 16 lowercase hex digits (empty when the
    // stand-in was built without xxhash).
    static QString xxh3Hex(const QByteArray &data);

private:
    ApiResponse status(qint64 replicaId);
    ApiResponse upload(const ApiRequest &request, qint64 replicaId);
    ApiResponse complete(qint64 replicaId);
    static ApiResponse error(const QString &message);
};

} // namespace tardigrade::standin
