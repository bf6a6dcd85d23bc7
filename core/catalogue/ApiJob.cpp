#include "ApiJob.h"

#include "HttpFailure.h"

#include "util/Log.h"

#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <algorithm>

namespace tardigrade {

ApiJob::ApiJob(QNetworkAccessManager *nam, ApiRequest request, ApiJobOptions options, QObject *parent)
    : QObject(parent), m_nam(nam), m_request(std::move(request)), m_options(std::move(options))
{
    m_inactivity.setSingleShot(true);
    m_backoff.setSingleShot(true);
    connect(&m_inactivity, &QTimer::timeout, this, &ApiJob::onTimeout);
    connect(&m_backoff, &QTimer::timeout, this, &ApiJob::sendAttempt);
    if (m_request.maxTries <= 0)
        m_request.maxTries = std::max(1, m_options.maxTries);
}

ApiJob::~ApiJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiJob::start()
{
    sendAttempt();
}

void ApiJob::abort()
{
    if (m_finished)
        return;
    m_aborted = true;
    m_backoff.stop();
    if (m_reply) {
        m_reply->abort(); // finished() follows synchronously → onReplyFinished
        return;
    }
    m_response = ApiResponse{};
    m_response.cancelled = true;
    m_response.networkError = QNetworkReply::OperationCanceledError;
    m_response.errorString = QStringLiteral("Cancelled.");
    m_response.tries = m_try;
    finish();
}

void ApiJob::sendAttempt()
{
    if (m_aborted || m_finished)
        return;
    ++m_try;
    m_timedOut = false;
    m_uploadComplete = false;

    QNetworkRequest req(m_request.url);
    // A redirect is an answer in its own right (the server check reads any
    // redirect as "the URL is wrong"), never followed silently.
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setRawHeader("Accept", "application/json");
    if (!m_options.userAgent.isEmpty())
        req.setHeader(QNetworkRequest::UserAgentHeader, m_options.userAgent);
    if (m_request.authenticate && !m_options.authorization.isEmpty())
        req.setRawHeader("Authorization", m_options.authorization);
    if (!m_request.contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, m_request.contentType);
    for (const auto &h : m_request.headers)
        req.setRawHeader(h.first, h.second);

    QNetworkReply *reply = nullptr;
    if (m_request.multipart) {
        QHttpMultiPart *mp = m_request.multipart();
        if (!mp) {
            m_response = ApiResponse{};
            m_response.errorString = QStringLiteral("Could not prepare the upload.");
            m_response.tries = m_try;
            finish();
            return;
        }
        reply = m_nam->sendCustomRequest(req, m_request.method, mp);
        mp->setParent(reply); // lives as long as the reply that streams it
    } else if (m_request.method == "GET") {
        reply = m_nam->get(req);
    } else {
        reply = m_nam->sendCustomRequest(req, m_request.method, m_request.body);
    }
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, &ApiJob::onReplyFinished);
    connect(reply, &QNetworkReply::uploadProgress, this, &ApiJob::onUploadProgress);
    connect(reply, &QNetworkReply::downloadProgress, this, [this] { m_inactivity.start(); });
    m_inactivity.start(std::max(1, m_options.timeoutSecs) * 1000);
}

void ApiJob::onUploadProgress(qint64 sent, qint64 total)
{
    if (sent == 0 && total == 0) // Qt's closing signal once the reply is done
        return;
    if (total > 0 && sent >= total && !m_uploadComplete) {
        // The server now reads and checks what it got (for a big file, an MD5
        // over all of it): give it time in proportion to the size, 20 MB/s.
        m_uploadComplete = true;
        m_inactivity.start(std::max(1, m_options.timeoutSecs) * 1000 +
                           static_cast<int>(std::min<qint64>(total / 20000, 3600000)));
    } else {
        m_inactivity.start();
    }
    emit uploadProgress(sent, total);
}

void ApiJob::onTimeout()
{
    if (!m_reply)
        return;
    qCInfo(lcCatalogue) << m_request.method.constData() << m_request.url.path() << "timed out after"
                        << m_options.timeoutSecs << "s";
    m_timedOut = true;
    m_reply->abort();
}

void ApiJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_inactivity.stop();
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    ApiResponse r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen())
        r.body = reply->readAll();
    r.headers = reply->rawHeaderPairs();
    r.networkError = reply->error();
    r.errorString = reply->errorString();
    r.timedOut = m_timedOut;
    r.cancelled = m_aborted;
    r.tries = m_try;
    // An aborted transfer, or one the connection broke off (network-level
    // errors 1-199, protocol failures, or a body shorter than announced),
    // has no trustworthy answer even when a status line arrived: a cut-off
    // 200 must not read as an empty list.
    const int code = int(r.networkError);
    const bool brokenOff =
        (code > 0 && code < 200) || r.networkError == QNetworkReply::ProtocolFailure || r.bodyCutShort();
    if (m_timedOut || m_aborted || brokenOff)
        r.status = 0;
    m_response = r;

    const HttpFailure failure = HttpFailure::of(r);
    const bool failed = !r.isSuccess() && !m_aborted;
    const bool nobodyThere = m_timedOut || r.networkError == QNetworkReply::ConnectionRefusedError ||
                             r.networkError == QNetworkReply::HostNotFoundError;
    const int limit = m_request.maxTriesWithoutServer > 0 && nobodyThere
                          ? std::min(m_request.maxTriesWithoutServer, m_request.maxTries)
                          : m_request.maxTries;
    if (failed && failure.worthResending(m_request.retry) && m_try < limit) {
        const qint64 delay = backoffDelay(m_try, m_options.backoff).count();
        qCInfo(lcCatalogue) << m_request.method.constData() << m_request.url.path() << "failed ("
                            << (r.status ? QString::number(r.status) : r.errorString) << "), try" << m_try + 1 << "of"
                            << limit << "in" << delay << "ms";
        m_backoff.start(int(delay));
        return;
    }
    m_response.outcomeUnknown = failed && failure.kind == ErrorKind::Transient && failure.serverMayHaveActed &&
                                !failure.worthResending(m_request.retry);
    finish();
}

void ApiJob::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_inactivity.stop();
    m_backoff.stop();
    emit finished();
}

} // namespace tardigrade
