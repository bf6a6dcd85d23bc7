#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QSslError>
#include <QString>
#include <QUrl>
#include <functional>

class QHttpMultiPart;

namespace tardigrade {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Which failures a request may be sent again after. A JSON POST that creates
// something must not be repeated when the server may already have acted on
// it (a timeout after sending): it is retried only when the server surely did
// nothing (connection refused, 502/503/504). Everything else is idempotent.
enum class ResendRule { Idempotent, OnlyIfNotProcessed };

// One HTTP request as the catalogue client sends it.
struct ApiRequest {
    QByteArray method = "GET"; // GET, POST, PUT, PATCH
    QUrl url;                  // absolute, query complete
    QByteArray body;           // for JSON bodies
    QByteArray contentType;    // e.g. application/json
    HeaderList headers;        // extra headers (e.g. Checksum, Content-Range)
    // For multipart uploads: makes a fresh QHttpMultiPart for each attempt
    // (a streamed body cannot be rewound); the job owns what it returns.
    std::function<QHttpMultiPart *()> multipart;
    bool authenticate = true; // send Authorization (false for the server check)
    int maxTries = 0;         // 0: the client's default
    // When > 0, the tries allowed while nothing answers at all (connection
    // refused, no such host, no answer in time): a wrong address is said
    // within seconds, while a server that is there but failing (a 500, a
    // connection dropped mid-answer) still gets maxTries.
    int maxTriesWithoutServer = 0;
    ResendRule retry = ResendRule::Idempotent;
};

// The largest answer the client reads. MyTardis answers are JSON records and
// list pages (a page of 50,000 datafiles is some 30 MB); anything beyond this
// is not MyTardis talking, and reading on would only fill memory.
constexpr qint64 kMaxAnswerBytes = 64 * 1024 * 1024;

// What came back: an HTTP answer of any status, or no answer at all
// (status 0, networkError says why).
struct ApiResponse {
    int status = 0;
    QByteArray body;
    HeaderList headers;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString errorString;
    QList<QSslError> sslErrors; // why the server's certificate was refused
    bool timedOut = false;
    bool tooLarge = false; // the answer passed kMaxAnswerBytes and was broken off
    bool tooSlow = false;  // the answer trickled in past its deadline and was broken off
    bool cancelled = false;
    int tries = 0;
    // The last try failed in a way that may have left the request carried
    // out, and the request was not one to send again blindly (HttpFailure).
    bool outcomeUnknown = false;

    bool hasAnswer() const { return status != 0; }
    bool isSuccess() const { return status >= 200 && status < 300; }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
    QString location() const { return QString::fromUtf8(header("Location")); }
    // Fewer body bytes than the Content-Length the answer announced: it broke
    // off. Qt (seen with 6.4, about once in a thousand answers cut off after
    // their headers) can report such a reply as complete and error-free. An
    // encoded body (gzip) is measured after decoding, so it is not compared.
    bool bodyCutShort() const
    {
        const QByteArray declared = header("Content-Length");
        if (declared.isEmpty() || !header("Content-Encoding").isEmpty())
            return false;
        bool ok = false;
        const qint64 length = declared.trimmed().toLongLong(&ok);
        return ok && body.size() < length;
    }
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

} // namespace tardigrade
