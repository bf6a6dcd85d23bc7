#include "ApiJob.h"

#include "TryRules.h"

#include "util/Log.h"

#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <algorithm>
#include <climits>
#include <utility>

namespace tardigrade {

ApiJob::ApiJob(QNetworkAccessManager *nam, ApiRequest request, ApiJobOptions options, QObject *parent)
    : QObject(parent), m_nam(nam), m_request(std::move(request)), m_options(std::move(options))
{
    m_inactivity.setSingleShot(true);
    m_backoff.setSingleShot(true);
    connect(&m_inactivity, &QTimer::timeout, this, &ApiJob::onTimeout);
    connect(&m_backoff, &QTimer::timeout, this, &ApiJob::sendAttempt);
    m_answerDeadline.setSingleShot(true);
    connect(&m_answerDeadline, &QTimer::timeout, this, &ApiJob::onAnswerDeadline);
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
    m_tooLarge = false;
    m_tooSlow = false;
    m_uploadComplete = false;
    m_body.clear();
    m_answerDeadline.stop();

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
    if (m_options.ssl)
        req.setSslConfiguration(*m_options.ssl);
    m_sslErrors.clear();

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
    // Qt stops reading the socket while this much waits unread, so what a
    // server floods us with queues in the kernel, not in our memory.
    reply->setReadBufferSize(1024 * 1024);
    connect(reply, &QNetworkReply::finished, this, &ApiJob::onReplyFinished);
    connect(reply, &QNetworkReply::uploadProgress, this, &ApiJob::onUploadProgress);
    // Only recorded, to say why: the errors are never ignored.
    connect(reply, &QNetworkReply::sslErrors, this, &ApiJob::onSslErrors);
    connect(reply, &QNetworkReply::downloadProgress, this, &ApiJob::onDownloadProgress);
    connect(reply, &QNetworkReply::readyRead, this, &ApiJob::onReadyRead);
    connect(reply, &QNetworkReply::metaDataChanged, this, &ApiJob::onMetaData);
    m_inactivity.start(std::max(1, m_options.timeoutSecs) * 1000);
    // A request without a body of any size is sent at once: its answer's
    // clock starts now. Bigger ones start it when the upload completes.
    if (!m_request.multipart && m_request.body.size() < 1024 * 1024)
        startAnswerClock(0);
}

void ApiJob::onDownloadProgress() { m_inactivity.start(); }

void ApiJob::onSslErrors(const QList<QSslError> &errors) { m_sslErrors = errors; }

void ApiJob::startAnswerClock(qint64 extraMs)
{
    m_answerGraceMs = 3LL * std::max(1, m_options.timeoutSecs) * 1000 + extraMs;
    m_answerClock.start();
    m_answerDeadline.start(int(std::min<qint64>(m_answerGraceMs, INT_MAX)));
}

void ApiJob::onAnswerDeadline()
{
    if (!m_reply)
        return;
    // Each 64 KiB received earns another second: a big listing on a slow
    // link finishes, a server dripping bytes does not.
    const qint64 allowed = m_answerGraceMs + (m_body.size() + m_reply->bytesAvailable()) / 64;
    const qint64 elapsed = m_answerClock.elapsed();
    if (elapsed < allowed) {
        m_answerDeadline.start(int(std::min<qint64>(allowed - elapsed, INT_MAX)));
        return;
    }
    qCInfo(lcCatalogue) << m_request.method.constData() << m_request.url.path() << "answer too slow:" << m_body.size()
                        << "bytes in" << elapsed << "ms";
    m_tooSlow = true;
    m_reply->abort();
}

void ApiJob::onMetaData()
{
    if (!m_reply)
        return;
    bool ok = false;
    const qint64 announced = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
    if (ok && announced > kMaxAnswerBytes) {
        qCInfo(lcCatalogue) << m_request.method.constData() << m_request.url.path() << "announces" << announced
                            << "bytes: not read";
        m_tooLarge = true;
        m_reply->abort();
    }
}

void ApiJob::onReadyRead()
{
    if (!m_reply)
        return;
    // Read as it comes, so the reply's own buffer stays small and the size is
    // known before memory fills.
    m_body += m_reply->read(std::max<qint64>(0, kMaxAnswerBytes + 1 - m_body.size()));
    if (m_body.size() > kMaxAnswerBytes) {
        qCInfo(lcCatalogue) << m_request.method.constData() << m_request.url.path() << "answer passed"
                            << kMaxAnswerBytes << "bytes: broken off";
        m_tooLarge = true;
        m_body.clear();
        m_reply->abort();
    }
}

void ApiJob::onUploadProgress(qint64 sent, qint64 total)
{
    if (sent == 0 && total == 0) // Qt's closing signal once the reply is done
        return;
    if (total > 0 && sent >= total && !m_uploadComplete) {
        // The server now reads and checks what it got (for a big file, an MD5
        // over all of it): give it time in proportion to the size, 20 MB/s.
        m_uploadComplete = true;
        const qint64 checking = std::min<qint64>(total / 20000, 3600000);
        m_inactivity.start(std::max(1, m_options.timeoutSecs) * 1000 + static_cast<int>(checking));
        if (!m_answerDeadline.isActive())
            startAnswerClock(checking);
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
    m_answerDeadline.stop();
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    ApiResponse r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen() && !m_tooLarge)
        m_body += reply->readAll();
    r.body = std::exchange(m_body, QByteArray());
    r.headers = reply->rawHeaderPairs();
    r.networkError = reply->error();
    r.errorString = reply->errorString();
    r.sslErrors = m_sslErrors;
    r.timedOut = m_timedOut;
    r.tooLarge = m_tooLarge;
    r.tooSlow = m_tooSlow;
    r.cancelled = m_aborted;
    r.tries = m_try;
    tries::settle(r);
    m_response = r;

    if (tries::sendAgain(m_request, r, m_try)) {
        const qint64 delay = backoffDelay(m_try, m_options.backoff).count();
        qCInfo(lcCatalogue) << m_request.method.constData() << m_request.url.path() << "failed ("
                            << (r.status ? QString::number(r.status) : r.errorString) << "), try" << m_try + 1 << "in"
                            << delay << "ms";
        m_backoff.start(int(delay));
        return;
    }
    m_response.outcomeUnknown = tries::outcomeUnknown(m_request, r);
    finish();
}

void ApiJob::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_inactivity.stop();
    m_backoff.stop();
    m_answerDeadline.stop();
    emit finished();
}

} // namespace tardigrade
