#pragma once

#include "Resource.h"

namespace tardigrade::standin {

// instrument/: list (facility__id, name), detail, POST create, PUT rename.
class InstrumentResource : public Resource {
public:
    using Resource::Resource;
    QStringList names() const override { return {QStringLiteral("instrument")}; }
    ApiResponse handle(const ApiRequest &request) override;

private:
    bool managesFacility(qint64 userId, qint64 facilityId);
};

} // namespace tardigrade::standin
