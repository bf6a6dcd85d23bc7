#pragma once

#include "ApiContext.h"
#include "ApiExchange.h"

#include <QStringList>

namespace tardigrade::standin {

// One group of REST resources under /api/v1/. The server has already checked
// credentials: request.userId is a valid user here.
class Resource {
public:
    explicit Resource(ApiContext &context) : m_ctx(context) {}
    virtual ~Resource() = default;
    Resource(const Resource &) = delete;
    Resource &operator=(const Resource &) = delete;

    // The first path segments this resource answers (e.g. "user", "group").
    virtual QStringList names() const = 0;
    virtual ApiResponse handle(const ApiRequest &request) = 0;

protected:
    static ApiResponse methodNotAllowed() { return ApiResponse::empty(405); }
    ApiContext &m_ctx;
};

} // namespace tardigrade::standin
