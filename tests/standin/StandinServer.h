#pragma once

#include "ApiContext.h"
#include "ApiExchange.h"
#include "Resource.h"
#include "Verifier.h"

#include <QAbstractHttpServer>
#include <QFile>
#include <QHash>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <memory>
#include <vector>

class QTcpSocket;

namespace tardigrade::standin {

class CatalogueDb;
struct StandinOptions;

// The HTTP side: credentials, routing to the resources under /api/v1/,
// injected faults (--fail-rate), delays (--latency-ms) and the request log.
// Answers are written to the socket directly, so that a delayed answer does
// not depend on the request object Qt reuses for the next request.
class StandinServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    StandinServer(CatalogueDb &db, const StandinOptions &options, QObject *parent = nullptr);
    ~StandinServer() override;

    bool openRequestLog(QString *error);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    ApiRequest toApiRequest(const QHttpServerRequest &request, QByteArray *rawQuery);
    ApiResponse dispatch(ApiRequest &request);
    // dispatch() in one catalogue transaction (CatalogueDb::Transaction).
    ApiResponse atomicDispatch(ApiRequest &request);
    ApiResponse apiRoot() const;
    // Resolves `Authorization: ApiKey user:key`; false when credentials were
    // sent and are wrong.
    bool authenticate(ApiRequest &request);
    void send(QTcpSocket *socket, const ApiResponse &response);
    void drop(QTcpSocket *socket);
    void logRequest(const ApiRequest &request, const QByteArray &rawQuery, int status);
    // Whether this request gets an injected fault (--fail-*).
    bool shouldFail(const ApiRequest &request);

    CatalogueDb &m_db;
    const StandinOptions &m_options;
    Verifier m_verifier;
    ApiContext m_ctx;
    std::vector<std::unique_ptr<Resource>> m_resources;
    QHash<QString, Resource *> m_routes;
    QFile m_log;
    QRandomGenerator m_random;
    QRegularExpression m_failPath;
    int m_failuresLeft = 0;
};

} // namespace tardigrade::standin
