// The kept-connection path of the catalogue client (KeepAliveClient) as the
// upload's workers use it: from a thread of their own, blocking on the socket
// with no event loop. Small requests to a plain-http server travel over one
// connection per thread and start no Qt network thread, and every protection
// the Qt path has holds there too: the timeout, the answer's deadline, the
// 64 MiB cap (announced and chunked), redirects returned unfollowed, cancel
// within a fraction of a second, an answer cut off mid-body, and a
// connection the server says it closes. (The test's own thread waits in an
// event loop instead: tst_hostilecatalogue and tst_apijob cover that.)
#include "HostileServer.h"
#include "StandinProcess.h"
#include "TestClientConfig.h"
#include "catalogue/MyTardisClient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QThread>
#include <atomic>
#include <functional>

using namespace tardigrade;
using tardigrade::test::HostileAnswer;
using tardigrade::test::HostileServer;
using tardigrade::test::StandinProcess;

namespace {

const QString kUsers = QStringLiteral("^GET /api/v1/user/");

// Runs `work` on a thread of its own, as the run's workers do, and waits.
void onWorker(const std::function<void()> &work)
{
    std::unique_ptr<QThread> t(QThread::create(work));
    t->start();
    QVERIFY(t->wait(120000));
}

// Threads of this process Qt's network stack started (Linux names them).
int qtNetworkThreads()
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

QByteArray userPage()
{
    return R"({"meta": {"limit": 1, "offset": 0, "total_count": 1, "next": null}, "objects": [{"id": 3, "username": "bob"}]})";
}

} // namespace

class TestKeptConnection : public QObject {
    Q_OBJECT
private slots:
    void workersKeepOneConnectionAndNoNetworkThread()
    {
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        ClientConfig c = tardigrade::test::testClientConfig(server.urlString(), 3);
        c.username = server.username();
        c.apiKey = server.apiKey();
        int opened = 0, found = 0, threads = -1;
        onWorker([&] {
            MyTardisClient client(c);
            for (int i = 0; i < 50; ++i) {
                const auto u = client.userByUsername(QStringLiteral("testuser1"));
                found += u && u->has_value();
            }
            opened = client.transport().keptConnectionsOpened();
            threads = qtNetworkThreads();
        });
        QCOMPARE(found, 50);
#ifdef Q_OS_LINUX
        QCOMPARE(threads, 0);
#endif
        QCOMPARE(opened, 1);
    }

    void aServerThatNeverAnswersEndsAtTheTimeout()
    {
        HostileServer server;
        server.on(QStringLiteral("."), HostileAnswer::hang());
        QString message;
        qint64 ms = 0;
        onWorker([&] {
            MyTardisClient client(tardigrade::test::testClientConfig(server.url(), 1, 2));
            QElapsedTimer t;
            t.start();
            const auto r = client.userByUsername(QStringLiteral("bob"));
            ms = t.elapsed();
            message = r ? QString() : r.error().message;
        });
        QVERIFY2(message.contains(QStringLiteral("did not answer within 2 s")), qPrintable(message));
        QVERIFY2(ms >= 1800 && ms < 3000, qPrintable(QString::number(ms)));
    }

    void aServerDrippingBytesEndsAtTheDeadline()
    {
        HostileServer server;
        server.on(kUsers, HostileAnswer::drip(200, userPage(), 1000));
        QString message;
        qint64 ms = 0;
        onWorker([&] {
            MyTardisClient client(tardigrade::test::testClientConfig(server.url(), 3, 2));
            QElapsedTimer t;
            t.start();
            const auto r = client.userByUsername(QStringLiteral("bob"));
            ms = t.elapsed();
            message = r ? QString() : r.error().message;
        });
        QVERIFY2(message.contains(QStringLiteral("sent its answer too slowly (it was still coming after 6 s)")),
                 qPrintable(message));
        QVERIFY2(ms >= 5900 && ms < 7500, qPrintable(QString::number(ms)));
        QCOMPARE(server.requests(), 1);
    }

    void hugeBodiesAreBrokenOff_data()
    {
        QTest::addColumn<bool>("announced");
        QTest::newRow("2 GB, Content-Length says so") << true;
        QTest::newRow("2 GB, chunked, size unsaid") << false;
    }

    void hugeBodiesAreBrokenOff()
    {
        QFETCH(bool, announced);
        HostileServer server;
        server.on(QStringLiteral("^GET /api/v1/mydata_dataset_file/"),
                  HostileAnswer::huge(2LL * 1024 * 1024 * 1024, announced));
        QString message;
        onWorker([&] {
            MyTardisClient client(tardigrade::test::testClientConfig(server.url(), 3));
            const auto r = client.dataFilesOfDataset(7);
            message = r ? QString() : r.error().message;
        });
        QVERIFY2(message.contains(QStringLiteral("sent an answer of more than 64 MiB")), qPrintable(message));
        QCOMPARE(server.requests(), 1);
        QVERIFY2(server.bytesSent() < 256LL * 1024 * 1024, qPrintable(QString::number(server.bytesSent())));
    }

    void redirectsAreNotFollowed()
    {
        HostileServer elsewhere;
        elsewhere.on(QStringLiteral("."), HostileAnswer::reply(200, userPage()));
        const QString target = elsewhere.url() + QStringLiteral("/api/v1/user/?username=bob");
        HostileServer server;
        server.on(kUsers, HostileAnswer::reply(302, "", "text/html", {{"Location", target.toUtf8()}}));
        QString message;
        onWorker([&] {
            MyTardisClient client(tardigrade::test::testClientConfig(server.url(), 1));
            const auto r = client.userByUsername(QStringLiteral("bob"));
            message = r ? QString() : r.error().message;
        });
        QVERIFY2(message.contains(QStringLiteral("redirected (HTTP 302 to %1)").arg(target)), qPrintable(message));
        QCOMPARE(elsewhere.requests(), 0);
    }

    void cancelIsPrompt()
    {
        HostileServer server;
        server.on(QStringLiteral("."), HostileAnswer::hang());
        std::atomic_bool cancel{false};
        ClientConfig c = tardigrade::test::testClientConfig(server.url(), 3, 30);
        c.cancel = &cancel;
        bool cancelled = false;
        qint64 afterCancel = -1;
        std::unique_ptr<QThread> t(QThread::create([&] {
            MyTardisClient client(c);
            const auto r = client.userByUsername(QStringLiteral("bob"));
            cancelled = !r && r.error().kind == ErrorKind::Cancelled;
        }));
        t->start();
        QTest::qWait(500);
        QElapsedTimer clock;
        clock.start();
        cancel = true;
        QVERIFY(t->wait(5000));
        afterCancel = clock.elapsed();
        QVERIFY(cancelled);
        QVERIFY2(afterCancel < 1000, qPrintable(QString::number(afterCancel)));
    }

    void anAnswerCutOffIsNoAnswer()
    {
        // The stand-in's "drop": a 200 announcing 1000 bytes, cut off after
        // nine. Never read as an answer; a look-up is asked again.
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--fail-first"), QStringLiteral("2"), QStringLiteral("--fail-mode"),
                               QStringLiteral("drop")}),
                 qPrintable(server.errorString()));
        ClientConfig c = tardigrade::test::testClientConfig(server.urlString(), 3);
        c.username = server.username();
        c.apiKey = server.apiKey();
        bool found = false;
        int requests = 0, opened = 0;
        onWorker([&] {
            MyTardisClient client(c);
            const auto u = client.userByUsername(QStringLiteral("testuser1"));
            found = u && u->has_value();
            requests = client.requestCount();
            opened = client.transport().keptConnectionsOpened();
        });
        QVERIFY(found);
        QCOMPARE(requests, 3);
        QCOMPARE(opened, 3); // a connection that broke off is not used again
    }

    void aConnectionTheServerClosedIsNotUsed()
    {
        // The server says it closes (Connection: close, as a server at its
        // keep-alive limit does): that connection is not used again, the next
        // request opens a new one and is answered, nothing failed or sent twice.
        HostileServer server;
        server.on(kUsers, HostileAnswer::reply(200, userPage(), "application/json", {{"Connection", "close"}}));
        int found = 0, opened = 0;
        onWorker([&] {
            MyTardisClient client(tardigrade::test::testClientConfig(server.url(), 1));
            for (int i = 0; i < 3; ++i) {
                const auto u = client.userByUsername(QStringLiteral("bob"));
                found += u && u->has_value();
            }
            opened = client.transport().keptConnectionsOpened();
        });
        QCOMPARE(found, 3);
        QCOMPARE(server.requests(), 3);
        QCOMPARE(opened, 3);
    }
};

QTEST_GUILESS_MAIN(TestKeptConnection)
#include "tst_keptconnection.moc"
