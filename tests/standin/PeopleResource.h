#pragma once

#include "Resource.h"

namespace tardigrade::standin {

// user/, mydata_user/, group/ and facility/.
class PeopleResource : public Resource {
public:
    using Resource::Resource;
    QStringList names() const override;
    ApiResponse handle(const ApiRequest &request) override;

private:
    ApiResponse users(const ApiRequest &request);
    ApiResponse renamedUser(const ApiRequest &request);
    ApiResponse groups(const ApiRequest &request);
    ApiResponse facilities(const ApiRequest &request);
};

} // namespace tardigrade::standin
