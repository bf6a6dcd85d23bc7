#pragma once

// The cases the kept-connection path of the catalogue client (KeepAliveClient)
// passes over plain http and over https alike, written once: a test class
// derives from KeptConnectionCases and QTest runs these slots before its own,
// over http, or over https once its initTestCase has called useTls().
// tst_keptconnection runs them over http (both variants), tst_keptconnectiontls
// over https (the POSIX variant only). The client is used as the upload's
// workers use it: from a thread of its own, blocking on the socket.
// (A test including this header includes "moc_KeptConnectionCases.cpp" too.)
#include "HostileServer.h"
#include "StandinProcess.h"
#include "TestCertificates.h"
#include "TestClientConfig.h"
#include "WorkerThreads.h"
#include "catalogue/MyTardisClient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QTest>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>

namespace tardigrade::test {

// Runs `work` on a thread of its own, as the run's workers do, and waits.
inline void onWorker(const std::function<void()> &work)
{
    QVERIFY(runOnWorkerThread(work));
}

// Threads of this process Qt's network stack started (Linux names them).
inline int qtNetworkThreads()
{
    int n = 0;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith("QNetworkAccess"))
            ++n;
    }
    return n;
}

// A user listing with one user, bob.
inline QByteArray userPage()
{
    return R"({"meta": {"limit": 1, "offset": 0, "total_count": 1, "next": null}, "objects": [{"id": 3, "username": "bob"}]})";
}

// What `times` look-ups of a user on a worker thread came to.
struct LookUps {
    int found = 0;
    QString message;    // the last failure's sentence, empty when none failed
    qint64 ms = 0;      // the look-ups alone, without the thread's start
    int opened = -2;    // kept connections opened (-1: it went through Qt's stack)
    int requests = 0;   // tries the client counted
    int qtThreads = -1; // qtNetworkThreads() after them
};

inline LookUps lookUp(const ClientConfig &c, int times = 1, const QString &username = QStringLiteral("bob"))
{
    LookUps o;
    onWorker([&] {
        MyTardisClient client(c);
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < times; ++i) {
            const auto u = client.userByUsername(username);
            o.found += u && u->has_value();
            if (!u)
                o.message = u.error().message;
        }
        o.ms = t.elapsed();
        o.opened = client.transport().keptConnectionsOpened();
        o.requests = client.requestCount();
        o.qtThreads = qtNetworkThreads();
    });
    return o;
}

// A look-up on a worker thread with `c`, cancelled half a second in: whether
// it ended cancelled, and how long after the cancel (-1: more than 5 s).
struct CancelledLookUp {
    bool cancelled = false;
    qint64 afterCancel = -1;
    int opened = -2;
};

inline CancelledLookUp lookUpCancelledMidway(ClientConfig c)
{
    std::atomic_bool cancel{false};
    c.cancel = &cancel;
    CancelledLookUp o;
    WorkerThread t([&] {
        MyTardisClient client(c);
        const auto r = client.userByUsername(QStringLiteral("bob"));
        o.cancelled = !r && r.error().kind == ErrorKind::Cancelled;
        o.opened = client.transport().keptConnectionsOpened();
    });
    QTest::qWait(500);
    QElapsedTimer clock;
    clock.start();
    cancel = true;
    if (t.wait(5000))
        o.afterCancel = clock.elapsed();
    else
        t.wait(); // the thread uses `o` and `cancel`: they outlive it (afterCancel -1 says it was late)
    return o;
}

class KeptConnectionCases : public QObject {
    Q_OBJECT

protected:
    // From now on the servers answer by https with `certs`' trusted
    // certificate, and clients trust its authority.
    void useTls(const TestCertificates &certs)
    {
        m_tls = HostileTls{certs.trusted(), certs.serverKey()};
        m_authority = certs.authority();
    }
    bool tls() const { return !m_tls.certificate.isEmpty(); }
    // For a HostileServer of this scheme: HostileServer server({}, hostileTls()).
    const HostileTls &hostileTls() const { return m_tls; }

    bool startStandin(StandinProcess &server, const QStringList &more = {}) const
    {
        const QStringList scheme =
            tls() ? QStringList{QStringLiteral("--tls-cert"), m_tls.certificate, QStringLiteral("--tls-key"), m_tls.key}
                  : QStringList{};
        return server.start(scheme + more);
    }

    // testClientConfig(), trusting the test authority over https.
    ClientConfig configFor(const QString &url, int tries, int timeout = 2) const
    {
        ClientConfig c = testClientConfig(url, tries, timeout);
        c.caCertificate = m_authority;
        return c;
    }
    // The stand-in's account, 3 tries, 10 s.
    ClientConfig configFor(const StandinProcess &server) const
    {
        ClientConfig c = configFor(server.urlString(), 3, 10);
        c.username = server.username();
        c.apiKey = server.apiKey();
        return c;
    }

private slots:
    // Small requests travel over one connection per thread and start no Qt
    // network thread.
    void workersKeepOneConnectionAndNoNetworkThread()
    {
        StandinProcess server;
        QVERIFY2(startStandin(server), qPrintable(server.errorString()));
        QCOMPARE(server.urlString().startsWith(QStringLiteral("https://")), tls());
        const LookUps o = lookUp(configFor(server), 50, QStringLiteral("testuser1"));
        QCOMPARE(o.found, 50);
#ifdef Q_OS_LINUX
        QCOMPARE(o.qtThreads, 0);
#endif
        QCOMPARE(o.opened, 1);
    }

    void aServerThatNeverAnswersEndsAtTheTimeout()
    {
        HostileServer server({}, hostileTls());
        server.on(QStringLiteral("."), HostileAnswer::hang());
        const LookUps o = lookUp(configFor(server.url(), 1, 2));
        QVERIFY2(o.message.contains(QStringLiteral("did not answer within 2 s")), qPrintable(o.message));
        QVERIFY2(o.ms >= 1800 && o.ms < 3500, qPrintable(QString::number(o.ms)));
        QCOMPARE(o.opened, 1);
    }

    // The 64 MiB cap, announced and chunked.
    void hugeBodiesAreBrokenOff_data()
    {
        QTest::addColumn<bool>("announced");
        QTest::newRow("2 GB, Content-Length says so") << true;
        QTest::newRow("2 GB, chunked, size unsaid") << false;
    }

    void hugeBodiesAreBrokenOff()
    {
        QFETCH(bool, announced);
        HostileServer server({}, hostileTls());
        server.on(QStringLiteral("^GET /api/v1/mydata_dataset_file/"),
                  HostileAnswer::huge(2LL * 1024 * 1024 * 1024, announced));
        const ClientConfig c = configFor(server.url(), 3);
        QString message;
        onWorker([&] {
            MyTardisClient client(c);
            const auto r = client.dataFilesOfDataset(7);
            message = r ? QString() : r.error().message;
        });
        QVERIFY2(message.contains(QStringLiteral("sent an answer of more than 64 MiB")), qPrintable(message));
        QCOMPARE(server.requests(), 1);
        QVERIFY2(server.bytesSent() < 256LL * 1024 * 1024, qPrintable(QString::number(server.bytesSent())));
    }

    // A redirect is returned as an answer, never followed.
    void redirectsAreNotFollowed()
    {
        HostileServer elsewhere({}, hostileTls());
        elsewhere.on(QStringLiteral("."), HostileAnswer::reply(200, userPage()));
        const QString target = elsewhere.url() + QStringLiteral("/api/v1/user/?username=bob");
        HostileServer server({}, hostileTls());
        server.on(QStringLiteral("^GET /api/v1/user/"),
                  HostileAnswer::reply(302, "", "text/html", {{"Location", target.toUtf8()}}));
        const LookUps o = lookUp(configFor(server.url(), 1));
        QVERIFY2(o.message.contains(QStringLiteral("redirected (HTTP 302 to %1)").arg(target)), qPrintable(o.message));
        QCOMPARE(server.requests(), 1);
        QCOMPARE(elsewhere.requests(), 0);
    }

    // The server says it closes (Connection: close, as a server at its
    // keep-alive limit does): that connection is not used again, the next
    // request opens a new one and is answered, nothing failed or sent twice.
    void aConnectionTheServerClosedIsNotUsed()
    {
        HostileServer server({}, hostileTls());
        server.on(QStringLiteral("^GET /api/v1/user/"),
                  HostileAnswer::reply(200, userPage(), "application/json", {{"Connection", "close"}}));
        const LookUps o = lookUp(configFor(server.url(), 1), 3);
        QCOMPARE(o.found, 3);
        QCOMPARE(server.requests(), 3);
        QCOMPARE(o.opened, 3);
    }

private:
    HostileTls m_tls; // empty: plain http
    QString m_authority;
};

} // namespace tardigrade::test
