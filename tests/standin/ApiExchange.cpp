#include "ApiExchange.h"

namespace tardigrade::standin {

bool ApiRequest::hasParam(const QString &key) const
{
    for (const auto &kv : query)
        if (kv.first == key)
            return true;
    return false;
}

QString ApiRequest::param(const QString &key, const QString &fallback) const
{
    // Django's QueryDict answers the last value of a repeated key.
    QString value = fallback;
    for (const auto &kv : query)
        if (kv.first == key)
            value = kv.second;
    return value;
}

QByteArray ApiRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

ApiResponse ApiResponse::json(const QJsonObject &object, int status)
{
    ApiResponse r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

ApiResponse ApiResponse::empty(int status)
{
    return text({}, status);
}

ApiResponse ApiResponse::text(const QByteArray &body, int status)
{
    ApiResponse r;
    r.status = status;
    r.contentType = "text/html; charset=utf-8";
    r.body = body;
    return r;
}

ApiResponse &ApiResponse::withLocation(const QString &uri)
{
    headers.append({QByteArray("Location"), uri.toUtf8()});
    return *this;
}

} // namespace tardigrade::standin
