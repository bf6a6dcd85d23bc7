#pragma once

#include "Resource.h"

namespace tardigrade::standin {

// dataset/ (list by experiments__id, description, instrument__id; detail;
// POST) and mydata_dataset_stats/<id>/.
class DatasetResource : public Resource {
public:
    using Resource::Resource;
    QStringList names() const override { return {QStringLiteral("dataset"), QStringLiteral("mydata_dataset_stats")}; }
    ApiResponse handle(const ApiRequest &request) override;

private:
    ApiResponse create(const ApiRequest &request);
    ApiResponse stats(const ApiRequest &request);
};

} // namespace tardigrade::standin
