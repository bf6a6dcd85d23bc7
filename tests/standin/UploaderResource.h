#pragma once

#include "Resource.h"

namespace tardigrade::standin {

class CatalogueDb;

// mydata_uploader/ (GET by uuid, POST, PUT <id>, PATCH <id> settings) and
// mydata_uploaderregistrationrequest/ (GET by uploader__uuid and
// requester_key_fingerprint, POST). Facility managers only.
class UploaderResource : public Resource {
public:
    using Resource::Resource;
    QStringList names() const override;
    ApiResponse handle(const ApiRequest &request) override;

    // Approves a registration request with the server's staging account
    // (used by --auto-approve and by the `approve` subcommand).
    static void approveRequest(CatalogueDb &db, qint64 requestId);

private:
    ApiResponse uploaders(const ApiRequest &request);
    ApiResponse saveUploader(const ApiRequest &request, qint64 id, const QJsonObject &body);
    ApiResponse requests(const ApiRequest &request);
};

} // namespace tardigrade::standin
