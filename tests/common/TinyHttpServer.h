#pragma once

// A one-file HTTP server on loopback for tests of code that reads one
// document (the release feed): every request, whatever its path, gets the
// same answer, and the server counts the requests it saw. Lives on the
// test's thread; answers through its event loop.

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>

namespace testhttp {

class TinyHttpServer : public QObject {
public:
    TinyHttpServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }

    bool isListening() const { return m_server.isListening(); }
    // http://127.0.0.1:<port><path>
    QString url(const QString &path = QStringLiteral("/latest")) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }
    void answer(int status, const QByteArray &body)
    {
        m_status = status;
        m_body = body;
    }
    int requests() const { return m_requests; }
    QByteArray lastRequest() const { return m_last; }

private:
    void onData(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        if (!buf.contains("\r\n\r\n"))
            return; // GET only: the head is the whole request
        m_last = buf;
        buf.clear();
        ++m_requests;
        s->write(QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(m_status) +
                 " X\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                 QByteArray::number(m_body.size()) + "\r\n\r\n" + m_body);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_status = 200;
    QByteArray m_body = "{}";
    int m_requests = 0;
    QByteArray m_last;
};

// A GitHub "latest release" answer for `tag`.
inline QByteArray releaseJson(const QString &tag)
{
    // (No raw string literal: moc reads this header and trips on one.)
    return QStringLiteral("{\"tag_name\":\"%1\",\"name\":\"Tardigrade %1\",\"draft\":false,"
                          "\"prerelease\":false,"
                          "\"html_url\":\"https://github.com/mytardis/tardigrade/releases/tag/%1\","
                          "\"body\":\"## What's new\\n- faster scans\"}")
        .arg(tag)
        .toUtf8();
}

} // namespace testhttp
