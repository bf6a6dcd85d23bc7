#pragma once

#include "ApiJob.h"
#include "ApiPaths.h"
#include "ApiRequest.h"
#include "CatalogueTypes.h"
#include "util/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>
#include <QVector>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace tardigrade {

class KeepAliveClient;

// The blocking HTTP layer under MyTardisClient: builds URLs below the
// server's root, sends one ApiJob per request (timeout, retries of what is
// safe to send again, abort) in a local event loop that also watches the
// cancel flag, follows `next` through list pages, and turns an answer that
// was not what a step wanted into one sentence. It is the only place HTTP
// requests are retried.
//
// It uses the QNetworkAccessManager it is given (so connections are reused
// by the thread that owns both), and belongs to that thread. Small requests
// to an http or https server with no proxy in between go over a kept
// connection of its own instead (KeepAliveClient: no network thread, no event
// loop per request; https verified with the same TLS configuration);
// TARDIGRADE_QT_HTTP=1 sends everything through Qt's stack.
class CatalogueTransport {
public:
    using Progress = std::function<void(qint64 sent, qint64 total)>;

    CatalogueTransport(ClientConfig config, QNetworkAccessManager &nam);
    ~CatalogueTransport();
    CatalogueTransport(const CatalogueTransport &) = delete;
    CatalogueTransport &operator=(const CatalogueTransport &) = delete;

    const ClientConfig &config() const { return m_config; }
    // HTTP requests sent so far, retries included.
    int requestCount() const { return m_requestCount; }
    // Connections the kept-connection path opened so far; -1 when every
    // request goes through Qt's stack (a proxy, TARDIGRADE_QT_HTTP).
    int keptConnectionsOpened() const;
    bool cancelRequested() const;

    // `path` is below the server root ("/api/v1/user/") or a `next` path.
    QUrl urlFor(const QString &path, const Query &query = {}, bool formatJson = true) const;

    // Status, body and headers of any answer; an Error only when there was
    // no answer (network, timeout, certificate) or on cancel.
    Result<ApiResponse> send(ApiRequest request, const Progress &progress = {});
    // Several requests at once, answered in order: up to
    // KeepAliveClient::kMaxInFlight in flight together over kept connections
    // of this thread, or six ApiJobs at a time through Qt's stack (its
    // connections per host), each with exactly send()'s tries and verdicts
    // and counted the same. For a batch of small files, whose requests would
    // otherwise each wait a round trip for the one before.
    QVector<Result<ApiResponse>> sendAll(QVector<ApiRequest> requests);
    Result<ApiResponse> get(const QString &path, const Query &query = {}, bool formatJson = true);
    Result<ApiResponse> post(const QString &path, const QJsonObject &body,
                             ResendRule retry = ResendRule::OnlyIfNotProcessed);
    Result<ApiResponse> put(const QString &path, const QJsonObject &body);
    Result<ApiResponse> patch(const QString &path, const QJsonObject &body);

    // Every object of a list, asking with limit=0 and following `next`.
    Result<QVector<QJsonObject>> getAll(const QString &path, const Query &query = {});
    // The first object of a list answer, none when the list is empty.
    Result<std::optional<QJsonObject>> firstOf(const ApiResponse &response, const QString &doing) const;
    Result<std::optional<QJsonObject>> firstObject(const QString &path, const Query &query, const QString &doing);
    // The "objects" of a list answer; anything else (HTML from a proxy, a cut
    // body) is an error, never "no hits".
    static Result<QJsonArray> listObjects(const ApiResponse &response, const QString &doing);
    // The same, its sentences naming this server.
    Result<QJsonArray> objectsOf(const ApiResponse &response, const QString &doing) const;
    // The body as one JSON object; an empty body, a web page (a login page, a
    // proxy's error), broken JSON or another JSON value is an error that says so.
    Result<QJsonObject> jsonObjectOf(const ApiResponse &response, const QString &doing) const;
    // The id in the Location header of a 201, 0 when there is none; an error
    // when it names another server or another resource than `resource`, or
    // an id that is none (0, or more digits than a qint64 holds).
    Result<qint64> idFromLocation(const ApiResponse &response, api::Resource resource, const QString &doing) const;

    // The sentence for an answer that was not what a step wanted; `doing`
    // is a gerund phrase ("looking up user \"alice\"").
    Error errorFor(const ApiResponse &response, const QString &doing) const;

private:
    Result<ApiResponse> sendJson(const QByteArray &method, const QString &path, const QJsonObject &body,
                                 ResendRule retry);
    // The limits and credentials every request goes with.
    ApiJobOptions jobOptions() const;
    // Fills in the transport's defaults; an error when it is not to be sent at all.
    std::optional<Error> prepare(ApiRequest &request) const;
    // Whether `request` goes over the kept connections (no progress to report).
    bool goesKept(const ApiRequest &request) const;
    // sendAll() through Qt's stack: the jobs started together in one event loop.
    QVector<ApiResponse> sendAllThroughQt(const QVector<ApiRequest> &requests);
    Error noAnswer(const ApiResponse &response) const;
    // The answer of a request sent either way, counted; an Error when there was none.
    Result<ApiResponse> answered(const ApiResponse &response);
    // `text` with the API key replaced by "****": for sentences that quote the server.
    QString withoutApiKey(QString text) const;
    // The path of a list's `next` page; an error when it leads off this server.
    Result<QString> nextPage(const QString &next, const QString &doing) const;

    ClientConfig m_config;
    QNetworkAccessManager &m_nam;
    std::optional<QSslConfiguration> m_ssl; // with the site's authority (ca_certificate)
    QString m_settingsProblem;              // ca_certificate or proxy unusable: every request fails with it
    int m_requestCount = 0;
    std::unique_ptr<KeepAliveClient> m_keepAlive; // none: no request can take that path
};

} // namespace tardigrade
