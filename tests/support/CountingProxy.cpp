#include "CountingProxy.h"

#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

namespace tardigrade::test {

namespace {

// One client connection: reads requests from the client, passes them to the
// server they name, and copies everything the server says back unchanged.
class ProxyConnection : public QObject {
public:
    ProxyConnection(QTcpSocket *client, QByteArray login, std::shared_ptr<CountingProxy::Counts> counts,
                    QHash<QString, QString> hosts)
        : m_client(client), m_login(std::move(login)), m_counts(std::move(counts)), m_hosts(std::move(hosts))
    {
        client->setParent(this);
        connect(client, &QTcpSocket::readyRead, this, [this] { onClientData(); });
        connect(client, &QTcpSocket::disconnected, this, [this] { finish(); });
    }

private:
    enum class State { Headers, Body, Tunnel };

    void onClientData()
    {
        m_in += m_client->readAll();
        for (;;) {
            if (m_state == State::Tunnel) {
                if (!m_in.isEmpty() && m_server)
                    m_server->write(m_in);
                m_in.clear();
                return;
            }
            if (m_state == State::Body) {
                const qint64 n = std::min<qint64>(m_bodyLeft, m_in.size());
                if (m_server && m_forwardBody)
                    m_server->write(m_in.left(n));
                m_in.remove(0, n);
                m_bodyLeft -= n;
                if (m_bodyLeft > 0)
                    return;
                m_state = State::Headers;
            }
            const qsizetype end = m_in.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = m_in.left(end + 4);
            m_in.remove(0, end + 4);
            handleRequest(head);
        }
    }

    void handleRequest(const QByteArray &head)
    {
        QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.takeFirst().trimmed().split(' ');
        if (requestLine.size() != 3) {
            m_client->disconnectFromHost();
            return;
        }
        QByteArray headers;
        QByteArray auth;
        qint64 length = 0;
        bool chunked = false;
        for (const QByteArray &raw : lines) {
            const QByteArray line = raw.trimmed();
            if (line.isEmpty())
                continue;
            const QByteArray name = line.left(line.indexOf(':')).trimmed().toLower();
            const QByteArray value = line.mid(line.indexOf(':') + 1).trimmed();
            if (name == "proxy-authorization")
                auth = value;
            else if (name == "content-length")
                length = value.toLongLong();
            else if (name == "transfer-encoding" && value.toLower().contains("chunked"))
                chunked = true;
            if (!name.startsWith("proxy-"))
                headers += line + "\r\n";
        }
        if (!m_login.isEmpty() && auth != "Basic " + m_login.toBase64()) {
            ++m_counts->refused;
            m_client->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                            "Proxy-Authenticate: Basic realm=\"test proxy\"\r\nContent-Length: 0\r\n\r\n");
            m_bodyLeft = length; // read and dropped
            m_forwardBody = false;
            m_state = m_bodyLeft > 0 ? State::Body : State::Headers;
            return;
        }
        const QByteArray method = requestLine.at(0);
        if (method == "CONNECT") {
            const QByteArray target = requestLine.at(1);
            const int colon = target.lastIndexOf(':');
            ++m_counts->tunnels;
            openServer(QString::fromLatin1(target.left(colon)), quint16(target.mid(colon + 1).toUInt()));
            connect(m_server, &QTcpSocket::connected, this,
                    [this] { m_client->write("HTTP/1.1 200 Connection established\r\n\r\n"); });
            m_state = State::Tunnel;
            return;
        }
        const QUrl url = QUrl::fromEncoded(requestLine.at(1));
        if (!url.isValid() || url.host().isEmpty()) {
            m_client->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            return;
        }
        ++m_counts->forwarded;
        const quint16 port = quint16(url.port(80));
        if (!m_server || m_host != url.host() || m_port != port)
            openServer(url.host(), port);
        const QByteArray path = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
        m_server->write(method + ' ' + (path.isEmpty() ? QByteArray("/") : path) + ' ' + requestLine.at(2) + "\r\n" +
                        headers + "\r\n");
        if (chunked) {
            m_state = State::Tunnel; // not parsed: the rest of the connection is passed through
        } else {
            m_bodyLeft = length;
            m_forwardBody = true;
            m_state = m_bodyLeft > 0 ? State::Body : State::Headers;
        }
    }

    void openServer(const QString &host, quint16 port)
    {
        if (m_server) {
            m_server->disconnect(this);
            m_server->deleteLater();
        }
        m_host = host;
        m_port = port;
        m_server = new QTcpSocket(this);
        connect(m_server, &QTcpSocket::readyRead, this, [this] { m_client->write(m_server->readAll()); });
        connect(m_server, &QTcpSocket::disconnected, this, [this] { m_client->disconnectFromHost(); });
        connect(m_server, &QTcpSocket::errorOccurred, this, [this] { m_client->disconnectFromHost(); });
        m_server->connectToHost(m_hosts.value(host, host), port); // what is written meanwhile is sent once connected
    }

    void finish()
    {
        if (m_server)
            m_server->disconnectFromHost();
        deleteLater();
    }

    QTcpSocket *m_client;
    QPointer<QTcpSocket> m_server;
    QString m_host;
    quint16 m_port = 0;
    QByteArray m_login;
    std::shared_ptr<CountingProxy::Counts> m_counts;
    QHash<QString, QString> m_hosts;
    QByteArray m_in;
    State m_state = State::Headers;
    qint64 m_bodyLeft = 0;
    bool m_forwardBody = true; // false: the body of a refused request, dropped
};

} // namespace

class CountingProxy::Thread : public QThread {
public:
    Thread(QByteArray login, std::shared_ptr<Counts> counts, QHash<QString, QString> hosts)
        : m_login(std::move(login)), m_counts(std::move(counts)), m_hosts(std::move(hosts))
    {
    }

    quint16 waitForPort()
    {
        m_ready.acquire();
        return m_port;
    }

protected:
    void run() override
    {
        QTcpServer server;
        if (server.listen(QHostAddress::LocalHost, 0))
            m_port = server.serverPort();
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
            while (QTcpSocket *s = server.nextPendingConnection())
                (new ProxyConnection(s, m_login, m_counts, m_hosts))->setParent(&server); // gone with the thread
        });
        m_ready.release();
        if (m_port)
            exec();
    }

private:
    QByteArray m_login;
    std::shared_ptr<Counts> m_counts;
    QHash<QString, QString> m_hosts;
    QSemaphore m_ready;
    quint16 m_port = 0;
};

CountingProxy::CountingProxy() : m_counts(std::make_shared<Counts>()) {}

CountingProxy::~CountingProxy()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
}

bool CountingProxy::start(const QByteArray &login)
{
    m_thread = std::make_unique<Thread>(login, m_counts, m_hosts);
    m_thread->start();
    m_port = m_thread->waitForPort();
    return m_port != 0;
}

QString CountingProxy::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

} // namespace tardigrade::test
