#include "StandinServer.h"

#include "CatalogueDb.h"
#include "ChunkUploadResource.h"
#include "DatafileResource.h"
#include "DatasetResource.h"
#include "ExperimentResource.h"
#include "InstrumentResource.h"
#include "ListPage.h"
#include "PeopleResource.h"
#include "StandinOptions.h"
#include "UploaderResource.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace tardigrade::standin {

namespace {
// Every resource a stock MyTardis with the mydata app lists at /api/v1/.
const char *const kRootResources[] = {
    "datafileparameter",
    "datafileparameterset",
    "dataset",
    "dataset_file",
    "datasetparameter",
    "datasetparameterset",
    "experiment",
    "experimentauthor",
    "experimentparameter",
    "experimentparameterset",
    "facility",
    "group",
    "instrument",
    "location",
    "mydata_dataset_file",
    "mydata_dataset_stats",
    "mydata_experiment",
    "mydata_replica",
    "mydata_upload",
    "mydata_uploader",
    "mydata_uploaderregistrationrequest",
    "mydata_uploadersetting",
    "mydata_user",
    "objectacl",
    "parametername",
    "replica",
    "schema",
    "sftp_publickey",
    "storagebox",
    "storageboxattribute",
    "storageboxoption",
    "user",
};

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

QString methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    default:
        return QStringLiteral("UNKNOWN");
    }
}

// Django's query decoding: '+' is a space, then percent-decoding.
QString decodeQueryPart(QByteArray part)
{
    part.replace('+', ' ');
    return QUrl::fromPercentEncoding(part);
}
} // namespace

StandinServer::StandinServer(CatalogueDb &db, const StandinOptions &options, QObject *parent)
    : QAbstractHttpServer(parent), m_db(db), m_options(options), m_verifier(db), m_ctx(db, m_verifier, options)
{
    m_resources.push_back(std::make_unique<PeopleResource>(m_ctx));
    m_resources.push_back(std::make_unique<InstrumentResource>(m_ctx));
    m_resources.push_back(std::make_unique<UploaderResource>(m_ctx));
    m_resources.push_back(std::make_unique<ExperimentResource>(m_ctx));
    m_resources.push_back(std::make_unique<DatasetResource>(m_ctx));
    m_resources.push_back(std::make_unique<DatafileResource>(m_ctx));
    m_resources.push_back(std::make_unique<ChunkUploadResource>(m_ctx));
    m_random = m_options.failSeed ? QRandomGenerator(m_options.failSeed) : QRandomGenerator::securelySeeded();
    if (!m_options.failPath.isEmpty())
        m_failPath.setPattern(m_options.failPath);
    m_failuresLeft = m_options.failFirst;
    for (const auto &r : m_resources) {
        for (const QString &name : r->names()) {
            // Without the mydata app, its resources simply do not exist.
            if (m_options.noMydataApp && name.startsWith(QLatin1String("mydata_")))
                continue;
            m_routes.insert(name, r.get());
        }
    }
}

StandinServer::~StandinServer() = default;

bool StandinServer::openRequestLog(QString *error)
{
    if (m_options.requestLog.isEmpty())
        return true;
    m_log.setFileName(m_options.requestLog);
    if (!m_log.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        if (error)
            *error = QStringLiteral("Cannot write the request log %1.").arg(m_options.requestLog);
        return false;
    }
    return true;
}

ApiRequest StandinServer::toApiRequest(const QHttpServerRequest &request, QByteArray *rawQuery)
{
    ApiRequest r;
    r.method = methodName(request.method());
    r.path = request.url().path();
    *rawQuery = request.url().query(QUrl::FullyEncoded).toLatin1();
    r.rawQuery = *rawQuery;
    if (!rawQuery->isEmpty()) {
        const QList<QByteArray> items = rawQuery->split('&');
        for (const QByteArray &item : items) {
            if (item.isEmpty())
                continue;
            const int eq = item.indexOf('=');
            r.query.append({decodeQueryPart(eq < 0 ? item : item.left(eq)),
                            eq < 0 ? QString() : decodeQueryPart(item.mid(eq + 1))});
        }
    }
    r.headers = request.headers();
    r.contentType = r.header("Content-Type");
    r.body = request.body();
    return r;
}

bool StandinServer::authenticate(ApiRequest &request)
{
    const QByteArray auth = request.header("Authorization").trimmed();
    if (auth.isEmpty())
        return true; // anonymous: lists come back empty
    // As tastypie's ApiKeyAuthentication: scheme case-insensitive, user and
    // key split at the first colon.
    const int space = auth.indexOf(' ');
    if (space < 0 || auth.left(space).toLower() != "apikey")
        return false;
    const QByteArray credentials = auth.mid(space + 1).trimmed();
    const int colon = credentials.indexOf(':');
    if (colon < 0)
        return false;
    const QString username = QString::fromUtf8(credentials.left(colon));
    const QString key = QString::fromUtf8(credentials.mid(colon + 1));
    const QVariant id = m_db.scalar(QStringLiteral("SELECT u.id FROM users u JOIN api_keys k ON k.user_id = u.id "
                                                   "WHERE u.username = ? AND k.key = ?"),
                                    {username, key});
    if (!id.isValid())
        return false;
    request.userId = id.toLongLong();
    request.username = username;
    return true;
}

ApiResponse StandinServer::apiRoot() const
{
    QJsonObject root;
    for (const char *name : kRootResources) {
        const QString n = QLatin1String(name);
        if (m_options.noMydataApp && n.startsWith(QLatin1String("mydata_")))
            continue;
        QJsonObject entry;
        entry.insert(QStringLiteral("list_endpoint"), QStringLiteral("/api/v1/%1/").arg(n));
        entry.insert(QStringLiteral("schema"), QStringLiteral("/api/v1/%1/schema/").arg(n));
        root.insert(n, entry);
    }
    return ApiResponse::json(root);
}

ApiResponse StandinServer::dispatch(ApiRequest &request)
{
    static const QString prefix = QStringLiteral("/api/v1");
    if (request.path != prefix && !request.path.startsWith(prefix + QLatin1Char('/')))
        return ApiResponse::empty(404);
    if (!request.path.endsWith(QLatin1Char('/'))) {
        // Django's APPEND_SLASH.
        ApiResponse r = ApiResponse::empty(301);
        const QString query =
            request.rawQuery.isEmpty() ? QString() : QLatin1Char('?') + QString::fromLatin1(request.rawQuery);
        return r.withLocation(request.path + QLatin1Char('/') + query);
    }
    request.segments = request.path.mid(prefix.size()).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (request.segments.isEmpty())
        return request.method == QLatin1String("GET") ? apiRoot() : ApiResponse::empty(405);

    Resource *resource = m_routes.value(request.segments.first());
    if (!resource)
        return ApiResponse::empty(404);
    if (!authenticate(request))
        return ApiResponse::empty(401);
    if (!request.authenticated()) {
        // Tastypie with no credentials: lists are empty, everything else 401.
        if (request.method == QLatin1String("GET") && request.segments.size() == 1 &&
            request.segments.first() != QLatin1String("mydata_user"))
            return ApiResponse::json(ListPage::emptyAnswer(request));
        return ApiResponse::empty(401);
    }
    return resource->handle(request);
}

ApiResponse StandinServer::atomicDispatch(ApiRequest &request)
{
    // Committed before the answer is sent: a client that reads back what it
    // just wrote, or a test that reads the catalogue file, sees it.
    CatalogueDb::Transaction transaction(m_db, request.method == QLatin1String("GET") ||
                                                       request.method == QLatin1String("HEAD")
                                                   ? CatalogueDb::Transaction::Read
                                                   : CatalogueDb::Transaction::Write);
    return dispatch(request);
}

bool StandinServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QByteArray rawQuery;
    ApiRequest api = toApiRequest(request, &rawQuery);

    if (shouldFail(api)) {
        // mixed: half 500s, half answers that break off. mixed-lost: a third
        // each of 500s, answers that break off, and lost answers: the request
        // is carried out and then its answer breaks off, as when a proxy or
        // the network fails after the server committed (a create made whose
        // answer never arrived).
        const bool lostMixed = m_options.failMode == QLatin1String("mixed-lost");
        const int dice = lostMixed ? m_random.bounded(3) : -1;
        if (m_options.failMode == QLatin1String("lost") || dice == 2) {
            atomicDispatch(api);
            logRequest(api, rawQuery, 0);
            drop(socket);
            return true;
        }
        const bool dropIt = m_options.failMode == QLatin1String("drop") || dice == 0 ||
                            (m_options.failMode == QLatin1String("mixed") && m_random.bounded(2) == 0);
        if (dropIt) {
            logRequest(api, rawQuery, 0);
            drop(socket);
        } else {
            const int status = m_options.failMode.startsWith(QLatin1String("mixed")) ? 500 : m_options.failMode.toInt();
            logRequest(api, rawQuery, status);
            send(socket, ApiResponse::empty(status));
        }
        return true;
    }
    const ApiResponse response = atomicDispatch(api);
    logRequest(api, rawQuery, response.status);
    send(socket, response);
    return true;
}

bool StandinServer::shouldFail(const ApiRequest &request)
{
    if (m_failuresLeft <= 0 && m_options.failRate <= 0)
        return false;
    if (m_failPath.isValid() && !m_failPath.pattern().isEmpty() &&
        !m_failPath.match(request.method + QLatin1Char(' ') + request.path).hasMatch())
        return false;
    if (m_failuresLeft > 0) {
        --m_failuresLeft;
        return true;
    }
    return m_random.generateDouble() < m_options.failRate;
}

void StandinServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QByteArray rawQuery;
    const ApiRequest api = toApiRequest(request, &rawQuery);
    logRequest(api, rawQuery, 404);
    send(socket, ApiResponse::empty(404));
}

void StandinServer::send(QTcpSocket *socket, const ApiResponse &response)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &h : response.headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "\r\n";
    out += response.body;
    QPointer<QTcpSocket> guard(socket);
    auto write = [guard, out]() {
        if (guard && guard->state() == QAbstractSocket::ConnectedState)
            guard->write(out);
    };
    if (m_options.latencyMs > 0)
        QTimer::singleShot(m_options.latencyMs, this, write);
    else
        write();
}

void StandinServer::drop(QTcpSocket *socket)
{
    // The answer breaks off after its first bytes: a connection closed before
    // any answer would be resent silently by Qt's HTTP client, while this one
    // reaches the client as a network error, as a crashed worker does.
    // Closed from the event loop, not while Qt is still inside its read handler.
    QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(qMax(0, m_options.latencyMs), this, [guard]() {
        if (!guard)
            return;
        guard->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"meta\": ");
        guard->flush();
        guard->abort();
    });
}

void StandinServer::logRequest(const ApiRequest &request, const QByteArray &rawQuery, int status)
{
    if (!m_log.isOpen())
        return;
    QJsonObject line;
    line.insert(QStringLiteral("method"), request.method);
    line.insert(QStringLiteral("path"), request.path);
    line.insert(QStringLiteral("query"), QString::fromLatin1(rawQuery));
    line.insert(QStringLiteral("status"), status);
    line.insert(QStringLiteral("ms"), QDateTime::currentMSecsSinceEpoch()); // when it arrived, before any latency
    m_log.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    m_log.flush();
}

} // namespace tardigrade::standin
