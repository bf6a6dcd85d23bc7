#pragma once

// A blocking HTTP helper for the stand-in's tests: one QNetworkAccessManager
// request at a time, waited for in a local event loop.

#include <QEventLoop>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>
#include <optional>

namespace tardigrade::test {

struct HttpReply {
    int status = 0; // 0: no HTTP answer (dropped connection, timeout)
    QByteArray body;
    QByteArray contentType;
    QByteArray location;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

class HttpHelper {
public:
    HttpHelper(QUrl base, QString username, QString apiKey)
        : m_base(std::move(base)), m_auth(QStringLiteral("ApiKey %1:%2").arg(username, apiKey).toUtf8())
    {
    }

    // `auth`: std::nullopt = the valid key, "" = no Authorization header,
    // anything else = that header value.
    HttpReply get(const QString &pathAndQuery, std::optional<QByteArray> auth = std::nullopt)
    {
        return run(QByteArrayLiteral("GET"), pathAndQuery, {}, {}, auth);
    }
    HttpReply postJson(const QString &path, const QJsonObject &body, std::optional<QByteArray> auth = std::nullopt)
    {
        return run(QByteArrayLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                   QByteArrayLiteral("application/json"), auth);
    }
    HttpReply sendJson(const QByteArray &verb, const QString &path, const QJsonObject &body)
    {
        return run(verb, path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                   QByteArrayLiteral("application/json"), std::nullopt);
    }
    HttpReply postRaw(const QString &path, const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers)
    {
        QNetworkRequest request = makeRequest(path, std::nullopt);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        return wait(m_nam.post(request, body));
    }
    // The HTTP POST upload: json_data + attached_file.
    HttpReply postMultipart(const QString &path, const QJsonObject &jsonData, const QByteArray &bytes,
                            const QString &filename)
    {
        auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart json;
        json.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArrayLiteral("form-data; name=\"json_data\""));
        json.setBody(QJsonDocument(jsonData).toJson(QJsonDocument::Compact));
        QHttpPart file;
        file.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        file.setHeader(
            QNetworkRequest::ContentDispositionHeader,
            QByteArray(QByteArray("form-data; name=\"attached_file\"; filename=\"") + filename.toUtf8() + '"'));
        file.setBody(bytes);
        multi->append(json);
        multi->append(file);
        QNetworkReply *reply = m_nam.post(makeRequest(path, std::nullopt), multi);
        multi->setParent(reply);
        return wait(reply);
    }

private:
    QNetworkRequest makeRequest(const QString &pathAndQuery, const std::optional<QByteArray> &auth)
    {
        QNetworkRequest request(QUrl(m_base.toString() + pathAndQuery));
        request.setRawHeader("Accept", "application/json");
        const QByteArray header = auth.value_or(m_auth);
        if (!header.isEmpty())
            request.setRawHeader("Authorization", header);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        return request;
    }

    HttpReply run(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                  const QByteArray &contentType, const std::optional<QByteArray> &auth)
    {
        QNetworkRequest request = makeRequest(pathAndQuery, auth);
        if (!contentType.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        return wait(m_nam.sendCustomRequest(request, verb, body));
    }

    HttpReply wait(QNetworkReply *reply)
    {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        HttpReply r;
        if (!reply->isFinished())
            reply->abort();
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.contentType = reply->rawHeader("Content-Type");
        r.location = reply->rawHeader("Location");
        r.error = reply->error();
        reply->deleteLater();
        return r;
    }

    QNetworkAccessManager m_nam;
    QUrl m_base;
    QByteArray m_auth;
};

} // namespace tardigrade::test
