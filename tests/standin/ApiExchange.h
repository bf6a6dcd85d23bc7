#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace tardigrade::standin {

// One request as the resources see it: the path below /api/v1/ split into
// segments, the query decoded the way Django decodes it, and who is asking.
struct ApiRequest {
    QString method;                       // GET, POST, PUT, PATCH, ...
    QStringList segments;                 // "mydata_dataset_file", "12", "verify"
    QString path;                         // the full decoded path, e.g. /api/v1/user/
    QByteArray rawQuery;                  // the query as sent, for redirects and the log
    QList<QPair<QString, QString>> query; // decoded, in order
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 userId = 0; // 0: no credentials were sent
    QString username;

    bool hasParam(const QString &key) const;
    QString param(const QString &key, const QString &fallback = {}) const;
    QByteArray header(const QByteArray &name) const; // case-insensitive
    bool authenticated() const { return userId != 0; }
};

// One answer; resources fill it, the server writes it.
struct ApiResponse {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiResponse json(const QJsonObject &object, int status = 200);
    // An empty text/html body, as Django answers 401/409/201 without data.
    static ApiResponse empty(int status);
    static ApiResponse text(const QByteArray &body, int status);
    ApiResponse &withLocation(const QString &uri);
};

} // namespace tardigrade::standin
