// The job machinery on real loopback sockets: a tiny scripted HTTP server in
// the test's own thread (the client's local event loop serves it too) answers
// each connection's request with the next scripted reply: retries on 5xx and
// dropped connections with backoff, no retry on 4xx, timeouts, redirects as
// answers, cancel within a fraction of a second, the headers sent.
#include "TestClientConfig.h"
#include "catalogue/MyTardisClient.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <atomic>

using namespace tardigrade;

namespace {

// Replies: a full HTTP response, "DROP" (close without answering) or "HANG"
// (never answer). The last reply repeats.
class ScriptedServer : public QObject {
public:
    explicit ScriptedServer(QStringList replies) : m_replies(std::move(replies))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    int requests() const { return m_requests; }
    QByteArray lastRequest() const { return m_last; }

    static QString reply(int status, const QByteArray &body = "{}", const QByteArray &extra = {})
    {
        return QStringLiteral("HTTP/1.1 %1 X\r\nContent-Type: application/json\r\nContent-Length: %2\r\n%3\r\n")
                   .arg(status)
                   .arg(body.size())
                   .arg(QString::fromLatin1(extra)) +
               QString::fromLatin1(body);
    }

private:
    void onData(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const int end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        // Bodies are small here: wait for Content-Length bytes.
        const int cl = buf.indexOf("Content-Length: ");
        if (cl >= 0 && cl < end) {
            const int eol = buf.indexOf("\r\n", cl);
            const int len = buf.mid(cl + 16, eol - cl - 16).trimmed().toInt();
            if (buf.size() < end + 4 + len)
                return;
        }
        m_last = buf;
        buf.clear();
        const QString r = m_replies.at(std::min<int>(m_requests, m_replies.size() - 1));
        ++m_requests;
        if (r == QLatin1String("DROP")) {
            s->abort();
            return;
        }
        if (r == QLatin1String("HANG"))
            return;
        s->write(r.toUtf8());
    }

    QTcpServer m_server;
    QStringList m_replies;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_requests = 0;
    QByteArray m_last;
};

ClientConfig config(const QString &url, int tries = 3, int timeout = 2)
{
    return tardigrade::test::testClientConfig(url, tries, timeout);
}

} // namespace

class TestApiJob : public QObject {
    Q_OBJECT
private slots:
    void retriesTransientThenSucceeds_data()
    {
        QTest::addColumn<QString>("first");
        QTest::newRow("500") << ScriptedServer::reply(500, "oops");
        QTest::newRow("503") << ScriptedServer::reply(503, "busy");
        QTest::newRow("dropped connection") << QStringLiteral("DROP");
    }

    void retriesTransientThenSucceeds()
    {
        QFETCH(QString, first);
        ScriptedServer server({first, ScriptedServer::reply(200, R"({"ok": true})")});
        MyTardisClient client(config(server.url()));
        auto r = client.transport().get(QStringLiteral("/api/v1/"));
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->status, 200);
        QCOMPARE(server.requests(), 2);
        // (Qt itself resends once on a connection dropped before any answer.)
        if (first != QLatin1String("DROP")) {
            QCOMPARE(r->tries, 2);
            QCOMPARE(client.requestCount(), 2);
        }
    }

    void gives5xxBackAfterMaxTries()
    {
        ScriptedServer server({ScriptedServer::reply(500, "oops")});
        MyTardisClient client(config(server.url(), 3));
        auto r = client.transport().get(QStringLiteral("/api/v1/user/"));
        QVERIFY(r.ok());
        QCOMPARE(r->status, 500);
        QCOMPARE(server.requests(), 3);
        const Error e = client.transport().errorFor(*r, QStringLiteral("looking up user \"bob\""));
        QCOMPARE(e.kind, ErrorKind::Transient);
        QVERIFY(e.message.contains(QStringLiteral("HTTP 500")));
    }

    void clientErrorsAreNotRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("400") << 400;
        QTest::newRow("401") << 401;
        QTest::newRow("404") << 404;
        QTest::newRow("409") << 409;
    }

    void clientErrorsAreNotRetried()
    {
        QFETCH(int, status);
        ScriptedServer server({ScriptedServer::reply(status, "")});
        MyTardisClient client(config(server.url(), 3));
        auto r = client.transport().get(QStringLiteral("/api/v1/user/"));
        QVERIFY(r.ok());
        QCOMPARE(r->status, status);
        QCOMPARE(server.requests(), 1);
    }

    void createPostNotRepeatedAfterDrop()
    {
        // The server may have acted on a dropped POST: a create is not sent
        // again by the job (Qt's own resend below the job aside), while a GET
        // is tried maxTries times.
        ScriptedServer posts({QStringLiteral("DROP")});
        MyTardisClient client(config(posts.url(), 3));
        auto r =
            client.transport().post(QStringLiteral("/api/v1/dataset/"), {{QStringLiteral("description"), QStringLiteral("d")}});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Transient);
        // ... and the caller learns it must look before creating again.
        QVERIFY(r.error().outcomeUnknown);
        QCOMPARE(r.error().origin, ErrorOrigin::Http);
        ScriptedServer gets({QStringLiteral("DROP")});
        MyTardisClient client1(config(gets.url(), 3));
        auto g = client1.transport().get(QStringLiteral("/api/v1/dataset/"));
        QVERIFY(!g.ok());
        QVERIFY(!g.error().outcomeUnknown); // a GET changes nothing
        QCOMPARE(client.requestCount(), 1);
        QCOMPARE(client1.requestCount(), 3);
        QVERIFY(gets.requests() > posts.requests());

        // ... but one the server surely refused is sent again.
        ScriptedServer busy({ScriptedServer::reply(503, ""), ScriptedServer::reply(201, "{}")});
        MyTardisClient client2(config(busy.url(), 3));
        auto r2 =
            client2.transport().post(QStringLiteral("/api/v1/dataset/"), {{QStringLiteral("description"), QStringLiteral("d")}});
        QVERIFY(r2.ok());
        QCOMPARE(r2->status, 201);
        QCOMPARE(busy.requests(), 2);

        // A 500 may come after the server acted: not sent again, outcome unknown.
        ScriptedServer failing({ScriptedServer::reply(500, "oops"), ScriptedServer::reply(201, "{}")});
        MyTardisClient client3(config(failing.url(), 3));
        auto r3 =
            client3.transport().post(QStringLiteral("/api/v1/dataset/"), {{QStringLiteral("description"), QStringLiteral("d")}});
        QVERIFY(r3.ok());
        QCOMPARE(r3->status, 500);
        QCOMPARE(failing.requests(), 1);
        QVERIFY(client3.transport().errorFor(*r3, QStringLiteral("creating")).outcomeUnknown);
    }

    void timesOut()
    {
        ScriptedServer server({QStringLiteral("HANG")});
        MyTardisClient client(config(server.url(), 2, 1));
        QElapsedTimer t;
        t.start();
        auto r = client.transport().get(QStringLiteral("/api/v1/"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Transient);
        QVERIFY2(r.error().message.contains(QStringLiteral("did not answer within 1 s")),
                 qPrintable(r.error().message));
        QCOMPARE(server.requests(), 2);
        QVERIFY(t.elapsed() >= 1800); // two attempts of 1 s (coarse timers)
        QVERIFY(t.elapsed() < 6000);
    }

    void cancelIsPrompt()
    {
        ScriptedServer server({QStringLiteral("HANG")});
        std::atomic_bool cancel{false};
        ClientConfig c = config(server.url(), 3, 30);
        c.cancel = &cancel;
        MyTardisClient client(c);
        QElapsedTimer t;
        t.start();
        qint64 cancelledAt = -1;
        QTimer::singleShot(300, [&] {
            cancel = true;
            cancelledAt = t.elapsed();
        });
        auto r = client.transport().get(QStringLiteral("/api/v1/"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Cancelled);
        QVERIFY(cancelledAt >= 0);
        QVERIFY2(t.elapsed() - cancelledAt < 1000, qPrintable(QString::number(t.elapsed() - cancelledAt)));
        // Already cancelled: nothing is sent.
        const int before = server.requests();
        QVERIFY(!client.transport().get(QStringLiteral("/api/v1/")).ok());
        QCOMPARE(server.requests(), before);
    }

    void redirectIsAnAnswer()
    {
        ScriptedServer server({ScriptedServer::reply(301, "", "Location: https://mytardis.example.org/api/v1/\r\n")});
        MyTardisClient client(config(server.url()));
        const Status s = client.checkServer();
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind, ErrorKind::User);
        QVERIFY2(s.error().message.contains(QStringLiteral("redirects")), qPrintable(s.error().message));
        QVERIFY(s.error().message.contains(QStringLiteral("https://mytardis.example.org/api/v1/")));
        QCOMPARE(server.requests(), 1);
    }

    void headersAsDocumented()
    {
        ScriptedServer server({ScriptedServer::reply(
            200, R"({"meta": {"limit": 20, "next": null, "offset": 0, "total_count": 0}, "objects": []})")});
        MyTardisClient client(config(server.url()));
        auto r = client.transport().get(QStringLiteral("/api/v1/user/"), {{QStringLiteral("username"), QStringLiteral("a b")}});
        QVERIFY(r.ok());
        const QByteArray req = server.lastRequest();
        QVERIFY2(req.startsWith("GET /api/v1/user/?format=json&username=a%20b HTTP/1.1\r\n"), req.constData());
        QVERIFY(req.contains("Authorization: ApiKey alice:s3cret\r\n"));
        QVERIFY(req.contains("Accept: application/json\r\n"));
        QVERIFY(req.contains("User-Agent: Tardigrade/"));

        auto p =
            client.transport().post(QStringLiteral("/api/v1/dataset/"), {{QStringLiteral("description"), QStringLiteral("d")}});
        QVERIFY(p.ok());
        QVERIFY(server.lastRequest().contains("Content-Type: application/json\r\n"));
        QVERIFY(server.lastRequest().endsWith("{\"description\":\"d\"}"));

        // The server check sends no credentials.
        QVERIFY(client.checkServer().ok());
        QVERIFY(!server.lastRequest().contains("Authorization"));
    }

    void datasetLookupRetriesWithoutInstrumentOn400()
    {
        ScriptedServer server(
            {ScriptedServer::reply(400, R"({"error": "instrument__id is not allowed"})"),
             ScriptedServer::reply(200, R"({"meta": {"limit": 20, "next": null, "offset": 0, "total_count": 1},
                                   "objects": [{"id": 9, "description": "Dataset 2", "experiments": ["/api/v1/experiment/1/"],
                                                "resource_uri": "/api/v1/dataset/9/"}]})")});
        MyTardisClient client(config(server.url()));
        auto r = client.findDataset(1, QStringLiteral("Dataset 2"), 5);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QVERIFY(r->has_value());
        QCOMPARE((*r)->id, 9);
        QCOMPARE(server.requests(), 2);
        QVERIFY2(server.lastRequest().startsWith(
                     "GET /api/v1/dataset/?format=json&experiments__id=1&description=Dataset%202 HTTP"),
                 server.lastRequest().constData());
    }

    void nonJsonListIsAnErrorNotNoHits()
    {
        // e.g. a captive portal or proxy page answering 200
        ScriptedServer server(
            {QStringLiteral("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>")});
        MyTardisClient client(config(server.url(), 1));
        auto r = client.userByUsername(QStringLiteral("alice"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("answered with a web page instead of MyTardis data")),
                 qPrintable(r.error().message));
    }

    void unreachableServer()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        MyTardisClient client(config(QStringLiteral("http://127.0.0.1:%1").arg(port), 1));
        const Status s = client.checkServer();
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind, ErrorKind::User);
        QVERIFY2(s.error().message.startsWith(QStringLiteral("Cannot reach the MyTardis server")),
                 qPrintable(s.error().message));
    }
};

QTEST_GUILESS_MAIN(TestApiJob)
#include "tst_apijob.moc"
