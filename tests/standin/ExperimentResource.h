#pragma once

#include "Resource.h"

namespace tardigrade::standin {

// experiment/, mydata_experiment/ (the lookup by title or uploader plus
// folder names) and objectacl/ (sharing).
class ExperimentResource : public Resource {
public:
    using Resource::Resource;
    QStringList names() const override;
    ApiResponse handle(const ApiRequest &request) override;

private:
    ApiResponse lookup(const ApiRequest &request, const QString &resource);
    ApiResponse create(const ApiRequest &request, const QString &resource);
    ApiResponse createAcl(const ApiRequest &request);
};

} // namespace tardigrade::standin
