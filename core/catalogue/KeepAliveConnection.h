#pragma once

#include "ApiRequest.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>
#include <atomic>
#include <memory>

class QTcpSocket;

namespace tardigrade {

// One keep-alive HTTP/1.1 connection to a plain-http server, used blocking
// on the thread that made it: the request is written and its answer read
// right here, with no network thread or reply object in between (Qt's stack
// costs about as much CPU per small request as the rest of a small file's
// upload). A worker thread waits on the socket itself; the main thread waits
// in a local event loop instead, so that a window keeps painting and objects
// of that thread (a test's server) keep being served. CatalogueTransport sends a request this way only when
// nothing Qt's stack adds is needed (no proxy, no TLS, no streamed body).
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
    };

    KeepAliveConnection();
    ~KeepAliveConnection();
    KeepAliveConnection(const KeepAliveConnection &) = delete;
    KeepAliveConnection &operator=(const KeepAliveConnection &) = delete;

    // One try of `request` (absolute http URL, its headers complete but for
    // Host and Content-Length). The answer as ApiJob gives it: status 0 and
    // networkError when there was none.
    ApiResponse exchange(const ApiRequest &request, const QByteArray &headers, const Limits &limits);

    // Connections opened so far (for tests: keep-alive means one per thread).
    int connectionsOpened() const { return m_opened; }

private:
    enum class Wait { Ready, Closed, TimedOut, TooSlow, Cancelled };

    ApiResponse tryOnce(const ApiRequest &request, const QByteArray &wire, const Limits &limits, bool *unanswered);
    bool connectTo(const QString &host, quint16 port, const Limits &limits, ApiResponse &r);
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
    QByteArray m_in; // bytes read and not yet parsed
    QElapsedTimer m_idle;   // since a byte last moved
    QElapsedTimer m_answer; // since the request was sent
    int m_opened = 0;
    bool m_blocking = true; // false on the main thread
};

} // namespace tardigrade
