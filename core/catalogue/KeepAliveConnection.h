#pragma once

#include "ApiRequest.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QSslConfiguration>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>

class QTcpSocket;

namespace tardigrade {

// One keep-alive HTTP/1.1 connection to an http or https server, used blocking
// on the thread that made it: the request is written and its answer read
// right here, with no network thread or reply object in between (Qt's stack
// costs about as much CPU per small request as the rest of a small file's
// upload). A worker thread waits on the socket itself; the main thread waits
// in a local event loop instead, so that a window keeps painting and objects
// of that thread (a test's server) keep being served. CatalogueTransport sends a request this way only when
// nothing Qt's stack adds is needed (no proxy, no streamed body).
//
// An https URL is spoken over QSslSocket with the TLS configuration ApiJob
// uses (Limits::tls): the peer is verified against the host name, and a
// certificate error ends the try with QNetworkReply::SslHandshakeFailedError
// and the socket's errors, never ignored, so that the caller gives the same
// sentence (tlsFailureSentence). The host-name look-up, the TCP connect and
// the TLS handshake all count against `timeoutSecs` and the cancel flag: the
// look-up is waited for in an event loop even on a worker thread, since
// QAbstractSocket's blocking wait would look the name up unbounded.
//
// Each try keeps the protections ApiJob has: nothing moving for
// `timeoutSecs` is a timeout, the whole answer must arrive within 3 x
// timeoutSecs plus a second per 64 KiB, an answer past kMaxAnswerBytes is
// broken off, a redirect is returned as an answer, never followed, and the
// cancel flag ends the try within 100 ms.
class KeepAliveConnection {
public:
    struct Limits {
        int timeoutSecs = 10;
        const std::atomic_bool *cancel = nullptr;
        // For https: the configuration to verify the server with (ApiJob's).
        const QSslConfiguration *tls = nullptr;
    };

    KeepAliveConnection();
    ~KeepAliveConnection();
    KeepAliveConnection(const KeepAliveConnection &) = delete;
    KeepAliveConnection &operator=(const KeepAliveConnection &) = delete;

    // One try of `request` (absolute http URL, its headers complete but for
    // Host and Content-Length). The answer as ApiJob gives it: status 0 and
    // networkError when there was none.
    ApiResponse exchange(const ApiRequest &request, const QByteArray &headers, const Limits &limits);

    // exchange() in two halves, so that several connections of one thread
    // can each have a request in flight at once (KeepAliveClient::sendAll):
    // begin() connects if need be and writes the request; end() reads its
    // answer (what arrived meanwhile waits in the socket) with the same
    // limits, each counted from this request's own write, and the same one
    // repeat on a fresh connection that exchange() allows. open() starts
    // connecting without waiting, so a batch's new connections come up
    // together rather than one round trip after another.
    void open(const QUrl &url, const QSslConfiguration *tls);
    void begin(const ApiRequest &request, const QByteArray &headers, const Limits &limits);
    ApiResponse end(const ApiRequest &request, const Limits &limits);
    // Drops the connection with whatever is in flight on it (a cancelled batch).
    void abandon();

    // Connections opened so far (for tests: keep-alive means one per thread).
    int connectionsOpened() const { return m_opened; }

private:
    enum class Wait { Ready, Closed, TimedOut, TooSlow, Cancelled };

    ApiResponse tryOnce(const ApiRequest &request, const QByteArray &wire, const Limits &limits, bool *unanswered);
    // The first half of a try: connected and written, or the answer it ended in.
    std::optional<ApiResponse> sendOnce(const ApiRequest &request, const QByteArray &wire, const Limits &limits,
                                        bool *unanswered);
    ApiResponse readAnswer(const ApiRequest &request, const Limits &limits, bool *unanswered);
    // The answer a try ended in without one it can trust; drops the connection.
    ApiResponse failed(const ApiRequest &request, ApiResponse &r, Wait w, bool gotHead, qint64 bodyBytes,
                       const Limits &limits, bool *unanswered);
    // Forgets a kept connection that cannot be trusted for the next request.
    void dropIfStale(const QUrl &url);
    QByteArray wireFor(const ApiRequest &request, const QByteArray &headers) const;
    bool connectTo(const Limits &limits, ApiResponse &r);
    void startConnecting(const Limits &limits);
    // Connected, and for https the handshake done: ready for a request.
    bool ready() const;
    // The answer a connect or handshake that failed ends in.
    void connectFailed(ApiResponse &r) const;
    // Bytes written to the socket and not yet gone (for https: before and after encryption).
    qint64 unsent() const;
    // Waits until more answer bytes are buffered in m_in.
    Wait readMore(const Limits &limits, qint64 bodyBytes);
    Wait writeAll(const QByteArray &wire, const Limits &limits);
    Wait check(const Limits &limits, qint64 bodyBytes) const;
    enum class For { Connected, Written, Readable };
    // Up to `ms` for the socket to move on (see the class comment).
    void waitFor(For what, int ms);
    void close();

    std::unique_ptr<QTcpSocket> m_socket;
    QString m_host;
    quint16 m_port = 0;
    bool m_tls = false;     // https: m_socket is a QSslSocket
    QByteArray m_in;        // bytes read and not yet parsed
    QElapsedTimer m_idle;   // since a byte last moved
    QElapsedTimer m_answer; // since the request was sent
    int m_opened = 0;
    bool m_blocking = true; // false on the main thread
    bool m_fresh = false;   // opened, not yet used for a request
    // Between begin() and end(): the request's bytes, whether the connection
    // was a kept one, and the answer when the first half already ended it.
    QByteArray m_wire;
    bool m_reused = false;
    std::optional<ApiResponse> m_early;
    bool m_earlyUnanswered = false;
};

} // namespace tardigrade
