#pragma once

#include "Resource.h"

#include <QJsonObject>

namespace tardigrade::standin {

// mydata_dataset_file/ (lookups with paging; POST as multipart upload or as
// staging registration), dataset_file/<id>/verify/ and mydata_replica/<id>/.
class DatafileResource : public Resource {
public:
    using Resource::Resource;
    QStringList names() const override;
    ApiResponse handle(const ApiRequest &request) override;

private:
    ApiResponse lookup(const ApiRequest &request);
    ApiResponse create(const ApiRequest &request);
    ApiResponse verify(const ApiRequest &request);
    ApiResponse replica(const ApiRequest &request);
    // Inserts the datafile row (after the duplicate rule); 0 and the answer
    // to give in *failure when it cannot.
    qint64 insertDatafile(const ApiRequest &request, const QJsonObject &fields, ApiResponse *failure);
    QString replicaUri(qint64 datafileId);
};

} // namespace tardigrade::standin
