#include "KeepAliveConnection.h"

#include "util/Log.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkProxy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <utility>

namespace tardigrade {

namespace {

// The slice a blocking wait is cut into, so a cancel is seen within it.
constexpr int kSliceMs = 100;

bool hasToken(const QByteArray &value, const char *token)
{
    for (const QByteArray &part : value.split(','))
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

void noAnswer(ApiResponse &r, QNetworkReply::NetworkError error, const QString &why)
{
    r.status = 0;
    r.networkError = error;
    r.errorString = why;
}

} // namespace

KeepAliveConnection::KeepAliveConnection() = default;
KeepAliveConnection::~KeepAliveConnection() = default;

void KeepAliveConnection::close()
{
    if (m_socket) {
        m_socket->abort();
        m_socket.reset();
    }
    m_fresh = false;
    m_in.clear();
}

void KeepAliveConnection::dropIfStale(const QUrl &url)
{
    m_blocking = !QCoreApplication::instance() || QThread::currentThread() != QCoreApplication::instance()->thread();
    const QString host = url.host(QUrl::FullyEncoded);
    const bool tls = url.scheme() == QLatin1String("https");
    const quint16 port = quint16(url.port(tls ? 443 : 80));
    if (m_socket && (host != m_host || port != m_port || tls != m_tls))
        close();
    // An idle connection the server has closed (its keep-alive timeout), or
    // one with bytes nobody asked for, is not used for the next request. One
    // just opened (open()) is still coming up: nothing to judge yet.
    if (m_socket && !m_fresh &&
        (m_socket->state() != QAbstractSocket::ConnectedState || !m_in.isEmpty() || m_socket->bytesAvailable() > 0 ||
         m_socket->waitForReadyRead(0) || m_socket->state() != QAbstractSocket::ConnectedState))
        close();
    m_host = host;
    m_port = port;
    m_tls = tls;
}

QByteArray KeepAliveConnection::wireFor(const ApiRequest &request, const QByteArray &headers) const
{
    const QString host = request.url.host(QUrl::FullyEncoded);
    QByteArray hostHeader = request.url.host().contains(QLatin1Char(':')) ? '[' + host.toLatin1() + ']' : host.toLatin1();
    const int defaultPort = request.url.scheme() == QLatin1String("https") ? 443 : 80;
    if (request.url.port() > 0 && request.url.port() != defaultPort)
        hostHeader += ':' + QByteArray::number(request.url.port());
    QByteArray target = request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (target.isEmpty())
        target = "/";
    QByteArray wire = request.method + ' ' + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n" + headers;
    if (!request.body.isEmpty() || request.method != "GET")
        wire += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    wire += "\r\n";
    wire += request.body;
    return wire;
}

ApiResponse KeepAliveConnection::exchange(const ApiRequest &request, const QByteArray &headers, const Limits &limits)
{
    begin(request, headers, limits);
    return end(request, limits);
}

void KeepAliveConnection::open(const QUrl &url, const QSslConfiguration *tls)
{
    dropIfStale(url);
    if (!m_socket) {
        Limits limits;
        limits.tls = tls;
        startConnecting(limits);
    }
}

void KeepAliveConnection::begin(const ApiRequest &request, const QByteArray &headers, const Limits &limits)
{
    dropIfStale(request.url);
    m_wire = wireFor(request, headers);
    m_reused = m_socket && !m_fresh;
    m_early = sendOnce(request, m_wire, limits, &m_earlyUnanswered);
}

ApiResponse KeepAliveConnection::end(const ApiRequest &request, const Limits &limits)
{
    bool unanswered = false;
    ApiResponse r;
    if (m_early) {
        r = std::move(*m_early);
        unanswered = m_earlyUnanswered;
        m_early.reset();
    } else {
        r = readAnswer(request, limits, &unanswered);
    }
    // The server closed a kept connection just as it was used, before any
    // answer: a request that may be repeated goes once more on a new one, as
    // Qt's stack does. One that creates something is not repeated here (the
    // server may have read it): the caller decides, as after any lost answer.
    if (m_reused && unanswered && request.retry == ResendRule::Idempotent)
        r = tryOnce(request, m_wire, limits, &unanswered);
    m_wire.clear();
    m_reused = false;
    return r;
}

void KeepAliveConnection::abandon()
{
    close();
    m_early.reset();
    m_wire.clear();
    m_reused = false;
}

void KeepAliveConnection::startConnecting(const Limits &limits)
{
    if (m_tls) {
        auto ssl = std::make_unique<QSslSocket>();
        // ApiJob's configuration (the site's authorities or the system's, its
        // protocols), verifying the peer as Qt's stack does; only HTTP/1.1 is
        // offered, since that is all this connection speaks.
        QSslConfiguration c = limits.tls ? *limits.tls : QSslConfiguration::defaultConfiguration();
        c.setPeerVerifyMode(QSslSocket::VerifyPeer);
        c.setAllowedNextProtocols({QByteArray(QSslConfiguration::NextProtocolHttp1_1)});
        ssl->setSslConfiguration(c);
        m_socket = std::move(ssl);
    } else {
        m_socket = std::make_unique<QTcpSocket>();
    }
    // Only used when no proxy applies (CatalogueTransport decides): never the
    // application's proxy factory behind our back.
    m_socket->setProxy(QNetworkProxy::NoProxy);
    // Qt stops reading the socket while this much waits unread, so what a
    // server floods us with queues in the kernel, not in our memory.
    m_socket->setReadBufferSize(1024 * 1024);
    if (m_tls)
        static_cast<QSslSocket *>(m_socket.get())->connectToHostEncrypted(m_host, m_port); // verified against m_host
    else
        m_socket->connectToHost(m_host, m_port);
    m_fresh = true;
    ++m_opened;
}

bool KeepAliveConnection::ready() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState &&
           (!m_tls || static_cast<QSslSocket *>(m_socket.get())->isEncrypted());
}

qint64 KeepAliveConnection::unsent() const
{
    qint64 n = m_socket->bytesToWrite();
    if (m_tls)
        n += static_cast<QSslSocket *>(m_socket.get())->encryptedBytesToWrite();
    return n;
}

void KeepAliveConnection::connectFailed(ApiResponse &r) const
{
    switch (m_socket->error()) {
    case QAbstractSocket::ConnectionRefusedError:
        noAnswer(r, QNetworkReply::ConnectionRefusedError, QStringLiteral("Connection refused"));
        break;
    case QAbstractSocket::HostNotFoundError:
        noAnswer(r, QNetworkReply::HostNotFoundError, QStringLiteral("Host %1 not found").arg(m_host));
        break;
    case QAbstractSocket::SslHandshakeFailedError:
        // The certificate's errors, as ApiJob collects them from sslErrors:
        // the caller's sentence says which one.
        noAnswer(r, QNetworkReply::SslHandshakeFailedError, m_socket->errorString());
        r.sslErrors = static_cast<QSslSocket *>(m_socket.get())->sslHandshakeErrors();
        break;
    case QAbstractSocket::RemoteHostClosedError:
        noAnswer(r, QNetworkReply::RemoteHostClosedError, QStringLiteral("Connection closed"));
        break;
    default:
        noAnswer(r, QNetworkReply::UnknownNetworkError, m_socket->errorString());
        break;
    }
}

bool KeepAliveConnection::connectTo(const Limits &limits, ApiResponse &r)
{
    if (!m_socket)
        startConnecting(limits);
    m_fresh = false;
    while (!ready()) {
        if (m_socket->state() == QAbstractSocket::UnconnectedState) { // refused, not found, certificate refused
            connectFailed(r);
            close();
            return false;
        }
        const Wait w = check(limits, 0);
        if (w == Wait::Cancelled) {
            r.cancelled = true;
            noAnswer(r, QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
            close();
            return false;
        }
        if (w == Wait::TimedOut) {
            r.timedOut = true;
            noAnswer(r, QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
            close();
            return false;
        }
        waitFor(For::Connected, kSliceMs);
    }
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    return true;
}

KeepAliveConnection::Wait KeepAliveConnection::check(const Limits &limits, qint64 bodyBytes) const
{
    if (limits.cancel && limits.cancel->load())
        return Wait::Cancelled;
    const qint64 timeoutMs = std::max(1, limits.timeoutSecs) * 1000LL;
    if (m_idle.isValid() && m_idle.elapsed() >= timeoutMs)
        return Wait::TimedOut;
    // Each 64 KiB received earns another second: a big listing on a slow
    // link finishes, a server dripping bytes does not.
    if (m_answer.isValid() && m_answer.elapsed() >= 3 * timeoutMs + bodyBytes / 64)
        return Wait::TooSlow;
    return Wait::Ready;
}

KeepAliveConnection::Wait KeepAliveConnection::writeAll(const QByteArray &wire, const Limits &limits)
{
    if (m_socket->write(wire) != wire.size())
        return Wait::Closed;
    while (unsent() > 0) {
        const qint64 before = unsent();
        waitFor(For::Written, kSliceMs);
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            return Wait::Closed;
        if (unsent() < before)
            m_idle.restart();
        const Wait w = check(limits, 0);
        if (w != Wait::Ready)
            return w;
    }
    return Wait::Ready;
}

KeepAliveConnection::Wait KeepAliveConnection::readMore(const Limits &limits, qint64 bodyBytes)
{
    for (;;) {
        if (m_socket->bytesAvailable() > 0) {
            m_in += m_socket->readAll();
            m_idle.restart();
            return Wait::Ready;
        }
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            return Wait::Closed;
        const Wait w = check(limits, bodyBytes);
        if (w != Wait::Ready) {
            // In a batch this answer may have come long ago while another
            // was read: a last look at the socket before any verdict.
            if (w != Wait::Cancelled) {
                waitFor(For::Readable, 0);
                if (m_socket->bytesAvailable() > 0)
                    continue;
            }
            return w;
        }
        waitFor(For::Readable, kSliceMs);
    }
}

void KeepAliveConnection::waitFor(For what, int ms)
{
    // QAbstractSocket's blocking wait would look a host name up itself,
    // blocking and unbounded: the look-up Qt already started (on its own
    // thread) is waited for in the event loop instead, on any thread.
    if (m_blocking && m_socket->state() != QAbstractSocket::HostLookupState) {
        switch (what) {
        case For::Connected:
            if (m_tls)
                static_cast<QSslSocket *>(m_socket.get())->waitForEncrypted(ms);
            else
                m_socket->waitForConnected(ms);
            return;
        case For::Written:
            m_socket->waitForBytesWritten(ms);
            return;
        case For::Readable:
            m_socket->waitForReadyRead(ms);
            return;
        }
    }
    QEventLoop loop;
    QTcpSocket *s = m_socket.get();
    QObject::connect(s, &QTcpSocket::connected, &loop, &QEventLoop::quit);
    QObject::connect(s, &QTcpSocket::hostFound, &loop, &QEventLoop::quit);
    if (m_tls) {
        auto *ssl = static_cast<QSslSocket *>(s);
        QObject::connect(ssl, &QSslSocket::encrypted, &loop, &QEventLoop::quit);
        QObject::connect(ssl, &QSslSocket::encryptedBytesWritten, &loop, &QEventLoop::quit);
    }
    QObject::connect(s, &QTcpSocket::bytesWritten, &loop, &QEventLoop::quit);
    QObject::connect(s, &QTcpSocket::readyRead, &loop, &QEventLoop::quit);
    QObject::connect(s, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(s, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(ms);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
}

ApiResponse KeepAliveConnection::tryOnce(const ApiRequest &request, const QByteArray &wire, const Limits &limits,
                                         bool *unanswered)
{
    if (std::optional<ApiResponse> ended = sendOnce(request, wire, limits, unanswered))
        return *ended;
    return readAnswer(request, limits, unanswered);
}

std::optional<ApiResponse> KeepAliveConnection::sendOnce(const ApiRequest &request, const QByteArray &wire,
                                                         const Limits &limits, bool *unanswered)
{
    ApiResponse r;
    *unanswered = false;
    m_idle.start();
    m_answer.invalidate();
    if ((!m_socket || m_fresh || !ready()) && !connectTo(limits, r))
        return r;
    m_answer.start(); // the body is small (the transport sends big ones through Qt's stack)
    const Wait written = writeAll(wire, limits);
    if (written != Wait::Ready)
        return failed(request, r, written, false, 0, limits, unanswered);
    return std::nullopt;
}

ApiResponse KeepAliveConnection::failed(const ApiRequest &request, ApiResponse &r, Wait w, bool gotHead,
                                        qint64 bodyBytes, const Limits &limits, bool *unanswered)
{
    const QString path = request.url.path();
    switch (w) {
    case Wait::Cancelled:
        r.cancelled = true;
        noAnswer(r, QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
        break;
    case Wait::TimedOut:
        qCInfo(lcCatalogue) << request.method.constData() << path << "timed out after" << limits.timeoutSecs << "s";
        r.timedOut = true;
        noAnswer(r, QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
        break;
    case Wait::TooSlow:
        qCInfo(lcCatalogue) << request.method.constData() << path << "answer too slow:" << bodyBytes << "bytes in"
                            << m_answer.elapsed() << "ms";
        r.tooSlow = true;
        noAnswer(r, QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
        break;
    case Wait::Closed:
        *unanswered = !gotHead && m_in.isEmpty();
        noAnswer(r, QNetworkReply::RemoteHostClosedError, QStringLiteral("Connection closed"));
        break;
    case Wait::Ready:
        break;
    }
    r.body.clear();
    close();
    return r;
}

ApiResponse KeepAliveConnection::readAnswer(const ApiRequest &request, const Limits &limits, bool *unanswered)
{
    ApiResponse r;
    *unanswered = false;
    QByteArray body;
    bool gotHead = false;
    // Ends the try without a trustworthy answer, and drops the connection
    // (its state is unknown).
    auto fail = [&](Wait w) -> ApiResponse { return failed(request, r, w, gotHead, body.size(), limits, unanswered); };
    auto tooLarge = [&](const char *what) -> ApiResponse & {
        qCInfo(lcCatalogue) << request.method.constData() << request.url.path() << what << kMaxAnswerBytes
                            << "bytes: broken off";
        r.tooLarge = true;
        noAnswer(r, QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
        close();
        return r;
    };

    // The head: a status line and headers; informational (1xx) heads are skipped.
    bool keepAlive = true;
    for (;;) {
        const int end = m_in.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_in.size() > kMaxAnswerBytes)
                return tooLarge("head passed");
            const Wait w = readMore(limits, 0);
            if (w != Wait::Ready)
                return fail(w);
            continue;
        }
        const QByteArray head = m_in.left(end);
        m_in.remove(0, end + 4);
        const QList<QByteArray> lines = head.split('\n');
        const QByteArray statusLine = lines.first().trimmed();
        bool ok = false;
        const int status = statusLine.mid(9, 3).toInt(&ok);
        if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12 || !ok || status < 100) {
            noAnswer(r, QNetworkReply::ProtocolFailure, QStringLiteral("Error parsing the answer's status line"));
            close();
            return r;
        }
        if (status < 200 && status != 101)
            continue;
        gotHead = true;
        r.status = status;
        r.headers.clear();
        for (int i = 1; i < lines.size(); ++i) {
            const int colon = lines[i].indexOf(':');
            if (colon > 0)
                r.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
        }
        keepAlive = statusLine.startsWith("HTTP/1.1") && !hasToken(r.header("Connection"), "close");
        break;
    }

    // The body: by Content-Length, chunked, or until the server closes.
    const bool chunked = hasToken(r.header("Transfer-Encoding"), "chunked");
    const QByteArray lengthHeader = r.header("Content-Length");
    bool hasLength = false;
    qint64 length = lengthHeader.trimmed().toLongLong(&hasLength);
    if (hasLength && length < 0) {
        noAnswer(r, QNetworkReply::ProtocolFailure, QStringLiteral("Error parsing the answer's Content-Length"));
        close();
        return r;
    }
    if (r.status == 204 || r.status == 304 || request.method == "HEAD") {
        hasLength = true;
        length = 0;
    }
    if (chunked) {
        for (;;) {
            int eol = m_in.indexOf("\r\n");
            while (eol < 0) {
                if (m_in.size() > 1024)
                    return fail(Wait::Closed); // no chunk size line is this long
                const Wait w = readMore(limits, body.size());
                if (w != Wait::Ready)
                    return fail(w);
                eol = m_in.indexOf("\r\n");
            }
            QByteArray sizeField = m_in.left(eol);
            const int semicolon = sizeField.indexOf(';');
            if (semicolon >= 0)
                sizeField.truncate(semicolon);
            bool sizeOk = false;
            const qint64 size = sizeField.trimmed().toLongLong(&sizeOk, 16);
            if (!sizeOk || size < 0) {
                noAnswer(r, QNetworkReply::ProtocolFailure, QStringLiteral("Error parsing a chunk of the answer"));
                r.body.clear();
                close();
                return r;
            }
            if (body.size() + size > kMaxAnswerBytes)
                return tooLarge("answer passed");
            // One block for a big answer, filled in place: grown by doubling,
            // each copy would leave the last one's pages behind in the heap.
            if (body.size() + size > 1024 * 1024 && body.capacity() < kMaxAnswerBytes)
                body.reserve(kMaxAnswerBytes);
            if (size == 0) { // trailers, up to an empty line
                m_in.remove(0, eol + 2);
                for (;;) {
                    const int t = m_in.indexOf("\r\n");
                    if (t == 0) {
                        m_in.remove(0, 2);
                        break;
                    }
                    if (t > 0) {
                        m_in.remove(0, t + 2);
                        continue;
                    }
                    if (m_in.size() > 65536)
                        return tooLarge("trailers passed");
                    const Wait w = readMore(limits, body.size());
                    if (w != Wait::Ready)
                        return fail(w);
                }
                break;
            }
            while (m_in.size() < eol + 2 + size + 2) {
                const Wait w = readMore(limits, body.size() + m_in.size());
                if (w != Wait::Ready)
                    return fail(w);
            }
            body.append(m_in.constData() + eol + 2, int(size));
            // A fresh buffer for the rest, never one grown ever larger.
            m_in = m_in.mid(int(eol + 2 + size + 2));
        }
    } else if (hasLength) {
        if (length > kMaxAnswerBytes) {
            qCInfo(lcCatalogue) << request.method.constData() << request.url.path() << "announces" << length
                                << "bytes: not read";
            r.tooLarge = true;
            noAnswer(r, QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
            close();
            return r;
        }
        if (length > 1024 * 1024)
            m_in.reserve(int(length)); // one block, as for a chunked answer
        while (m_in.size() < length) {
            const Wait w = readMore(limits, m_in.size());
            if (w == Wait::Closed) { // cut short: what came is kept, bodyCutShort() sees it
                r.body = m_in;
                r.networkError = QNetworkReply::RemoteHostClosedError;
                r.errorString = QStringLiteral("Connection closed");
                close();
                return r;
            }
            if (w != Wait::Ready)
                return fail(w);
        }
        if (m_in.size() == length) { // the usual case: no copy of a big answer
            body = std::exchange(m_in, QByteArray());
        } else {
            body = m_in.left(int(length));
            m_in.remove(0, int(length));
        }
    } else {
        keepAlive = false;
        for (;;) {
            if (m_in.size() > 1024 * 1024 && m_in.capacity() <= kMaxAnswerBytes)
                m_in.reserve(int(kMaxAnswerBytes + 2 * 1024 * 1024)); // one block, as for a chunked answer
            if (m_in.size() > kMaxAnswerBytes)
                return tooLarge("answer passed");
            const Wait w = readMore(limits, m_in.size());
            if (w == Wait::Closed)
                break;
            if (w != Wait::Ready)
                return fail(w);
        }
        body = std::exchange(m_in, QByteArray());
    }
    r.body = std::move(body);
    // Bytes beyond the answer were never asked for: that connection is not
    // used again.
    if (!keepAlive || !m_in.isEmpty())
        close();
    return r;
}

} // namespace tardigrade
