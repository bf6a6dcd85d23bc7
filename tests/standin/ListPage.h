#pragma once

#include "ApiExchange.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tardigrade::standin {

// Tastypie paging: `limit` (default 20, 0 = the largest page, capped at 1000
// as a stock server does) and `offset`; meta.next/previous are paths that
// keep the other query parameters.
class ListPage {
public:
    static constexpr int kDefaultLimit = 20;
    static constexpr int kMaxLimit = 1000;

    // False when limit/offset are not non-negative integers (answer 400).
    bool parse(const ApiRequest &request);
    int limit() const { return m_limit; }
    int offset() const { return m_offset; }

    // The list answer {"meta": ..., "objects": [...]}.
    QJsonObject answer(const ApiRequest &request, qint64 totalCount, const QJsonArray &objects) const;
    // An empty list with the default meta (anonymous callers, no matches).
    static QJsonObject emptyAnswer(const ApiRequest &request);

private:
    QString pageUri(const ApiRequest &request, int offset) const;

    int m_limit = kDefaultLimit;
    int m_offset = 0;
};

} // namespace tardigrade::standin
