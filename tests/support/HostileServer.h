#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <functional>
#include <memory>

namespace tardigrade::test {

// What the hostile server does with one request that a rule matched.
struct HostileAnswer {
    enum class Kind {
        Reply,   // a whole answer at once
        Hang,    // accept the request and never answer
        Drip,    // the head at once, then the body one byte per `dripIntervalMs`
        Huge,    // a body of `hugeSize` bytes of JSON-ish filler, written lazily as the socket drains
        Forward, // the upstream server's answer, its body passed through `transform`
    };
    Kind kind = Kind::Reply;
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers (e.g. Location)
    int dripIntervalMs = 1000;
    qint64 hugeSize = 0;
    bool hugeAnnounced = true; // Huge: Content-Length (true) or chunked, size unsaid (false)
    std::function<QByteArray(const QByteArray &body)> transform;

    static HostileAnswer reply(int status, QByteArray body, QByteArray contentType = "application/json",
                               QList<QPair<QByteArray, QByteArray>> headers = {});
    static HostileAnswer hang();
    static HostileAnswer drip(int status, QByteArray body, int intervalMs = 1000);
    static HostileAnswer huge(qint64 size, bool announced);
    static HostileAnswer forward(std::function<QByteArray(const QByteArray &)> transform);
};

// A certificate (PEM, chain after it) and its key (PEM, RSA): given to
// HostileServer, it answers by HTTPS instead (TestCertificates makes them).
struct HostileTls {
    QString certificate;
    QString key;
};

// A scripted HTTP/1.1 server on loopback for tests of what the catalogue
// client does when the server misbehaves: login pages, broken JSON, lying
// listings, answers that never come or come a byte a second, bodies of
// gigabytes. It runs on its own thread, so it serves a client in the test's
// thread and a `tardigrade` process the test waits for alike.
//
// Rules are tried in the order given; the first whose pattern matches the
// request line "METHOD /path?query" answers. A request no rule matches goes
// to the upstream server (normally the stand-in) unchanged, or gets a 404
// when there is none.
//
//   StandinProcess standin; standin.start();
//   HostileServer server(standin.url());
//   server.on("^GET /api/v1/user/", HostileAnswer::reply(200, "<html>Log in</html>", "text/html"));
//   // point mytardis_url at server.url()
class HostileServer {
public:
    explicit HostileServer(const QUrl &upstream = {}, const HostileTls &tls = {});
    ~HostileServer();
    HostileServer(const HostileServer &) = delete;
    HostileServer &operator=(const HostileServer &) = delete;

    bool isListening() const;
    QString url() const; // http://127.0.0.1:<port> (https:// with HostileTls), no trailing slash

    // Answers requests matching `pattern` (a regular expression) with
    // `answer`, the first `times` of them (-1: all).
    void on(const QString &pattern, HostileAnswer answer, int times = -1);
    // The request lines seen so far, in order.
    QStringList requestLines() const;
    // How many requests matched `pattern` (all when empty).
    int requests(const QString &pattern = {}) const;
    // Body bytes the Huge and Drip answers have handed to the sockets.
    qint64 bytesSent() const;

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tardigrade::test
