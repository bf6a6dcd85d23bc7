#include "HostileServer.h"

#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QRegularExpression>
#include <QFile>
#include <QSemaphore>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <atomic>

namespace tardigrade::test {

HostileAnswer HostileAnswer::reply(int status, QByteArray body, QByteArray contentType,
                                   QList<QPair<QByteArray, QByteArray>> headers)
{
    HostileAnswer a;
    a.kind = Kind::Reply;
    a.status = status;
    a.body = std::move(body);
    a.contentType = std::move(contentType);
    a.headers = std::move(headers);
    return a;
}

HostileAnswer HostileAnswer::hang()
{
    HostileAnswer a;
    a.kind = Kind::Hang;
    return a;
}

HostileAnswer HostileAnswer::drip(int status, QByteArray body, int intervalMs)
{
    HostileAnswer a;
    a.kind = Kind::Drip;
    a.status = status;
    a.body = std::move(body);
    a.dripIntervalMs = intervalMs;
    return a;
}

HostileAnswer HostileAnswer::huge(qint64 size, bool announced)
{
    HostileAnswer a;
    a.kind = Kind::Huge;
    a.hugeSize = size;
    a.hugeAnnounced = announced;
    return a;
}

HostileAnswer HostileAnswer::forward(std::function<QByteArray(const QByteArray &)> transform)
{
    HostileAnswer a;
    a.kind = Kind::Forward;
    a.transform = std::move(transform);
    return a;
}

namespace {

struct Rule {
    QRegularExpression pattern;
    HostileAnswer answer;
    int timesLeft; // -1: always
};

struct Request {
    QByteArray line; // "GET /api/v1/?format=json"
    QByteArray raw;  // head and body as received
};

QByteArray head(int status, const QByteArray &contentType, const QList<QPair<QByteArray, QByteArray>> &headers,
                const QByteArray &lengthHeader)
{
    QByteArray h = "HTTP/1.1 " + QByteArray::number(status) + " Scripted\r\nContent-Type: " + contentType + "\r\n";
    for (const auto &kv : headers)
        h += kv.first + ": " + kv.second + "\r\n";
    return h + lengthHeader + "\r\n";
}

// Splits an HTTP answer into status line + headers and body, undoing chunked
// transfer coding.
bool splitAnswer(const QByteArray &raw, QByteArray *headPart, QByteArray *body)
{
    const int end = raw.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    *headPart = raw.left(end);
    QByteArray rest = raw.mid(end + 4);
    if (!headPart->toLower().contains("transfer-encoding: chunked")) {
        *body = rest;
        return true;
    }
    body->clear();
    int pos = 0;
    while (pos < rest.size()) {
        const int eol = rest.indexOf("\r\n", pos);
        if (eol < 0)
            break;
        bool ok = false;
        const int n = rest.mid(pos, eol - pos).split(';').first().trimmed().toInt(&ok, 16);
        if (!ok || n == 0)
            break;
        *body += rest.mid(eol + 2, n);
        pos = eol + 2 + n + 2;
    }
    return true;
}

// Plain TCP, or TLS with the given certificate and key (the handshake done
// before a connection is handed on).
std::unique_ptr<QTcpServer> makeServer(const HostileTls &tls)
{
    if (tls.certificate.isEmpty())
        return std::make_unique<QTcpServer>();
    auto server = std::make_unique<QSslServer>();
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(tls.certificate);
    if (!chain.isEmpty()) {
        ssl.setLocalCertificate(chain.first());
        ssl.setLocalCertificateChain(chain);
    }
    QFile key(tls.key);
    if (key.open(QIODevice::ReadOnly))
        ssl.setPrivateKey(QSslKey(key.readAll(), QSsl::Rsa));
    ssl.setPeerVerifyMode(QSslSocket::VerifyNone); // clients show no certificate
    server->setSslConfiguration(ssl);
    return server;
}

} // namespace

// The part that lives on the server's thread.
class Worker : public QObject {
public:
    Worker(QUrl upstream, const HostileTls &tls, QMutex &mutex, QList<Rule> &rules, QStringList &lines,
           std::atomic<qint64> &sent)
        : m_upstream(std::move(upstream)), m_mutex(mutex), m_rules(rules), m_lines(lines), m_sent(sent),
          m_server(makeServer(tls))
    {
        m_server->listen(QHostAddress::LocalHost, 0);
        // Not newConnection: a TLS connection is pending only once its handshake is done.
        connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = m_server->nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
                connect(s, &QTcpSocket::disconnected, this, [this, s] { m_connections.remove(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    ~Worker() override
    {
        // A socket closed while it is destroyed still signals (disconnected):
        // cut them loose first, or the handlers would touch members already gone.
        const auto sockets = m_server->findChildren<QTcpSocket *>();
        for (QTcpSocket *s : sockets)
            s->disconnect();
        for (QTcpSocket *s : sockets)
            s->abort();
    }
    quint16 port() const { return m_server->serverPort(); }

private:
    struct Connection {
        QByteArray buffer;
        bool busy = false; // an answer is still being written or fetched
        bool dead = false; // hanging: never answer again
    };

    void onData(QTcpSocket *s)
    {
        Connection &c = m_connections[s];
        c.buffer += s->readAll();
        serveNext(s);
    }

    void serveNext(QTcpSocket *s)
    {
        Connection &c = m_connections[s];
        if (c.busy || c.dead)
            return;
        const int end = c.buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        qint64 length = 0;
        for (const QByteArray &h : c.buffer.left(end).split('\n'))
            if (h.toLower().startsWith("content-length:"))
                length = h.mid(15).trimmed().toLongLong();
        if (c.buffer.size() < end + 4 + length)
            return;
        Request r;
        r.raw = c.buffer.left(end + 4 + int(length));
        c.buffer.remove(0, r.raw.size());
        const QByteArray first = r.raw.left(r.raw.indexOf("\r\n"));
        r.line = first.left(first.lastIndexOf(' '));

        HostileAnswer answer;
        bool matched = false;
        {
            QMutexLocker lock(&m_mutex);
            m_lines << QString::fromUtf8(r.line);
            for (Rule &rule : m_rules) {
                if (rule.timesLeft == 0 || !rule.pattern.match(QString::fromUtf8(r.line)).hasMatch())
                    continue;
                if (rule.timesLeft > 0)
                    --rule.timesLeft;
                answer = rule.answer;
                matched = true;
                break;
            }
        }
        if (!matched) {
            if (m_upstream.isEmpty())
                answer = HostileAnswer::reply(404, "{\"error_message\": \"no rule\"}");
            else
                answer = HostileAnswer::forward({});
        }
        answerWith(s, r, answer);
    }

    void done(QTcpSocket *s)
    {
        m_connections[s].busy = false;
        serveNext(s);
    }

    void answerWith(QTcpSocket *s, const Request &r, const HostileAnswer &a)
    {
        Connection &c = m_connections[s];
        c.busy = true;
        switch (a.kind) {
        case HostileAnswer::Kind::Reply:
            s->write(head(a.status, a.contentType, a.headers,
                          "Content-Length: " + QByteArray::number(a.body.size()) + "\r\n") +
                     a.body);
            done(s);
            return;
        case HostileAnswer::Kind::Hang:
            c.dead = true;
            return;
        case HostileAnswer::Kind::Drip:
            drip(s, a);
            return;
        case HostileAnswer::Kind::Huge:
            huge(s, a);
            return;
        case HostileAnswer::Kind::Forward:
            forward(s, r, a);
            return;
        }
    }

    void drip(QTcpSocket *s, const HostileAnswer &a)
    {
        s->write(
            head(a.status, a.contentType, a.headers, "Content-Length: " + QByteArray::number(a.body.size()) + "\r\n"));
        auto *timer = new QTimer(s); // dies with the connection
        auto pos = std::make_shared<int>(0);
        const QByteArray body = a.body;
        connect(timer, &QTimer::timeout, s, [this, s, timer, pos, body] {
            if (*pos >= body.size()) {
                timer->stop();
                done(s);
                return;
            }
            s->write(body.mid((*pos)++, 1));
            ++m_sent;
        });
        timer->start(a.dripIntervalMs);
    }

    void huge(QTcpSocket *s, const HostileAnswer &a)
    {
        s->write(head(a.status, a.contentType, a.headers,
                      a.hugeAnnounced ? "Content-Length: " + QByteArray::number(a.hugeSize) + "\r\n"
                                      : QByteArray("Transfer-Encoding: chunked\r\n")));
        // Valid JSON as far as it goes: a list whose end never comes.
        const QByteArray prefix = "{\"meta\": {}, \"objects\": [";
        const QByteArray filler(1 << 20, ' ');
        auto left = std::make_shared<qint64>(a.hugeSize);
        auto started = std::make_shared<bool>(false);
        const bool chunked = !a.hugeAnnounced;
        // Over TLS, what waits encrypted counts too (bytesToWrite is only
        // what is still to be encrypted).
        auto *tls = qobject_cast<QSslSocket *>(s);
        auto queued = [s, tls] { return s->bytesToWrite() + (tls ? tls->encryptedBytesToWrite() : 0); };
        auto writeSome = [this, s, left, started, chunked, prefix, filler, queued] {
            // Keep a few MiB queued, never the whole body: the server's
            // memory stays flat however big the answer.
            while (*left > 0 && queued() < 4 * filler.size() && s->state() == QAbstractSocket::ConnectedState) {
                // A fresh copy each time: the socket's buffer may keep a
                // reference to what it is given.
                QByteArray piece = *started ? QByteArray(filler.constData(), filler.size())
                                            : prefix + filler.left(filler.size() - prefix.size());
                *started = true;
                piece.truncate(int(std::min<qint64>(piece.size(), *left)));
                *left -= piece.size();
                m_sent += piece.size();
                if (chunked)
                    s->write(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
                else
                    s->write(piece);
            }
            if (*left == 0 && chunked)
                s->write("0\r\n\r\n");
        };
        connect(s, &QTcpSocket::bytesWritten, s, writeSome);
        if (tls)
            connect(tls, &QSslSocket::encryptedBytesWritten, s, writeSome);
        writeSome();
    }

    void forward(QTcpSocket *s, const Request &r, const HostileAnswer &a)
    {
        // One upstream connection per request, closed by the upstream after
        // its answer: the whole answer is what arrived before the close.
        QByteArray raw = r.raw;
        const int end = raw.indexOf("\r\n\r\n");
        QList<QByteArray> lines = raw.left(end).split('\n');
        QByteArray rebuilt;
        for (QByteArray l : lines) {
            l = l.trimmed();
            if (l.toLower().startsWith("connection:") || l.toLower().startsWith("host:"))
                continue;
            rebuilt += l + "\r\n";
        }
        rebuilt += "Host: " + m_upstream.host().toUtf8() + ':' + QByteArray::number(m_upstream.port()) +
                   "\r\nConnection: close\r\n\r\n" + raw.mid(end + 4);
        auto *up = new QTcpSocket(s);
        auto answer = std::make_shared<QByteArray>();
        auto finished = std::make_shared<bool>(false);
        const auto transform = a.transform;
        QPointer<QTcpSocket> client(s);
        // Hands the whole upstream answer on once it is complete (by its
        // length, its last chunk, or the upstream closing).
        auto passOn = [this, up, answer, finished, transform, client](bool closed) {
            if (*finished)
                return;
            QByteArray h, body;
            if (!splitAnswer(*answer, &h, &body))
                return;
            const QByteArray lower = h.toLower();
            const int cl = lower.indexOf("content-length:");
            const bool chunked = lower.contains("transfer-encoding: chunked");
            const int bodyStart = answer->indexOf("\r\n\r\n") + 4;
            bool complete = closed;
            if (cl >= 0 && !chunked) {
                const qint64 n = lower.mid(cl + 15, lower.indexOf('\n', cl) - cl - 15).trimmed().toLongLong();
                complete = complete || answer->size() - bodyStart >= n;
            } else if (chunked) {
                complete = complete || answer->endsWith("0\r\n\r\n");
            }
            if (!complete)
                return;
            *finished = true;
            up->disconnect();
            up->abort();
            up->deleteLater();
            if (!client)
                return;
            if (transform)
                body = transform(body);
            QByteArray out;
            for (const QByteArray &line : h.split('\n')) {
                const QByteArray l = line.trimmed().toLower();
                if (l.startsWith("connection:") || l.startsWith("content-length:") ||
                    l.startsWith("transfer-encoding:"))
                    continue;
                out += line.trimmed() + "\r\n";
            }
            out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
            client->write(out);
            done(client);
        };
        connect(up, &QTcpSocket::readyRead, up, [up, answer, passOn] {
            *answer += up->readAll();
            passOn(false);
        });
        connect(up, &QTcpSocket::disconnected, this, [up, answer, passOn] {
            *answer += up->readAll();
            passOn(true);
        });
        up->connectToHost(m_upstream.host(), quint16(m_upstream.port()));
        up->write(rebuilt);
    }

    QUrl m_upstream;
    QMutex &m_mutex;
    QList<Rule> &m_rules;
    QStringList &m_lines;
    std::atomic<qint64> &m_sent;
    QHash<QTcpSocket *, Connection> m_connections; // outlives m_server and its sockets
    std::unique_ptr<QTcpServer> m_server;
};

class HostileServer::Impl : public QThread {
public:
    Impl(QUrl upstream, HostileTls tls) : m_upstream(std::move(upstream)), m_tls(std::move(tls)) {}

    void run() override
    {
        {
            Worker worker(m_upstream, m_tls, m_mutex, m_rules, m_lines, m_sent);
            m_port = worker.port();
            m_ready.release();
            exec();
        }
        // Everything this thread wrote, handed over to ~HostileServer (see there).
        const QMutexLocker lock(&m_mutex);
    }

    QUrl m_upstream;
    HostileTls m_tls;
    QSemaphore m_ready;
    mutable QMutex m_mutex;
    QList<Rule> m_rules;
    QStringList m_lines;
    std::atomic<qint64> m_sent{0};
    // Atomic: m_ready (a QSemaphore, inside the prebuilt libQt6Core) orders
    // the port's write before its reads in fact, but not for ThreadSanitizer.
    std::atomic<quint16> m_port{0};
};

HostileServer::HostileServer(const QUrl &upstream, const HostileTls &tls) : d(std::make_unique<Impl>(upstream, tls))
{
    d->start();
    d->m_ready.acquire();
}

HostileServer::~HostileServer()
{
    d->quit();
    d->wait();
    // The server thread took the mutex last: taking it here hands what it
    // wrote (the lines, the bytes sent) over to this thread, which frees it,
    // in a way ThreadSanitizer sees. QThread::wait() does too, but inside
    // the prebuilt libQt6Core, where ThreadSanitizer does not look.
    const QMutexLocker lock(&d->m_mutex);
}

bool HostileServer::isListening() const
{
    return d->m_port != 0;
}

QString HostileServer::url() const
{
    const bool tls = !d->m_tls.certificate.isEmpty();
    return QStringLiteral("%1://127.0.0.1:%2")
        .arg(tls ? QStringLiteral("https") : QStringLiteral("http"))
        .arg(d->m_port.load());
}

void HostileServer::on(const QString &pattern, HostileAnswer answer, int times)
{
    QMutexLocker lock(&d->m_mutex);
    d->m_rules.append({QRegularExpression(pattern), std::move(answer), times});
}

QStringList HostileServer::requestLines() const
{
    QMutexLocker lock(&d->m_mutex);
    return d->m_lines;
}

int HostileServer::requests(const QString &pattern) const
{
    const QRegularExpression re(pattern);
    int n = 0;
    for (const QString &l : requestLines())
        n += pattern.isEmpty() || re.match(l).hasMatch();
    return n;
}

qint64 HostileServer::bytesSent() const
{
    return d->m_sent.load();
}

} // namespace tardigrade::test
