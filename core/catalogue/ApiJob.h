#pragma once

#include "ApiRequest.h"
#include "util/Retry.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace tardigrade {

struct ApiJobOptions {
    int timeoutSecs = 10;     // no bytes moving for this long → timeout
    int maxTries = 3;         // attempts in all, for transient failures
    Backoff backoff;          // pauses between attempts
    QByteArray authorization; // "ApiKey user:key"
    QByteArray userAgent;
    std::optional<QSslConfiguration> ssl; // none: Qt's default (the system's authorities)
};

// One network request (after ownCloud's AbstractNetworkJob): owns its
// QNetworkReply, times out when nothing moves for `timeoutSecs`, can be
// aborted, and sends the request again after failures HttpFailure calls worth
// resending (timeouts, 5xx, dropped or refused connections), waiting
// backoffDelay() between tries. Emits finished() exactly once; response() is
// valid then.
//
// A server may also be hostile or broken beyond failing: the body is read as
// it arrives and broken off past kMaxAnswerBytes, and once the request is
// sent the whole answer must arrive within a deadline (3 x timeoutSecs, plus
// a second per 64 KiB received), so an answer trickling in a byte a second
// ends too, not only one that stops.
class ApiJob : public QObject {
    Q_OBJECT
public:
    ApiJob(QNetworkAccessManager *nam, ApiRequest request, ApiJobOptions options, QObject *parent = nullptr);
    ~ApiJob() override;

    void start();
    void abort(); // finishes promptly with response().cancelled
    bool isFinished() const { return m_finished; }
    const ApiResponse &response() const { return m_response; }

signals:
    void finished();
    void uploadProgress(qint64 sent, qint64 total);

private:
    void sendAttempt();
    void onReplyFinished();
    void onTimeout();
    void onReadyRead();
    void onMetaData();
    void startAnswerClock(qint64 extraMs);
    void onAnswerDeadline();
    void onUploadProgress(qint64 sent, qint64 total);
    // Member slots rather than lambdas: a lambda's slot object is freed
    // through Qt's uninstrumented reference count, which ThreadSanitizer
    // reports as a race with the call (tst_datasetlookup under --tsan).
    void onDownloadProgress();
    void onSslErrors(const QList<QSslError> &errors);
    void finish();

    QNetworkAccessManager *m_nam;
    ApiRequest m_request;
    ApiJobOptions m_options;
    QPointer<QNetworkReply> m_reply;
    QTimer m_inactivity;
    QTimer m_backoff;
    QTimer m_answerDeadline;
    QElapsedTimer m_answerClock;
    qint64 m_answerGraceMs = 0;
    QByteArray m_body; // read as it arrives, to see its size
    ApiResponse m_response;
    QList<QSslError> m_sslErrors; // of the current try
    int m_try = 0;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    bool m_tooSlow = false;
    bool m_aborted = false;
    bool m_finished = false;
    bool m_uploadComplete = false;
};

} // namespace tardigrade
