// The catalogue client against a server that is broken or hostile (a scripted
// server on loopback, tests/support/HostileServer): web pages, broken JSON,
// JSON of the wrong shape, listings that lie or loop or lead elsewhere,
// redirects, empty answers, missing or foreign Location headers, a server
// that never answers, one that drips a byte a second, and bodies of 2 GB.
// Each ends in one sentence that names what the server did, promptly, with
// no request sent anywhere but the configured server.
#include "TestClientConfig.h"
#include "HostileServer.h"
#include "TestCertificates.h"
#include "catalogue/MyTardisClient.h"

#include <QElapsedTimer>
#include <QTemporaryFile>
#include <QTest>

using namespace tardigrade;
using tardigrade::test::HostileAnswer;
using tardigrade::test::HostileServer;
using tardigrade::test::HostileTls;
using tardigrade::test::TestCertificates;

namespace {

const QString kUsers = QStringLiteral("^GET /api/v1/user/");
const QString kFiles = QStringLiteral("^GET /api/v1/mydata_dataset_file/");

ClientConfig config(const QString &url, int tries = 1, int timeout = 2)
{
    return tardigrade::test::testClientConfig(url, tries, timeout);
}

template <typename T> QString sentence(const Result<T> &r)
{
    return r ? QStringLiteral("(no error)") : r.error().message;
}

QByteArray page(const QByteArray &objects, const QByteArray &next = "null", int total = 0)
{
    return "{\"meta\": {\"limit\": 2, \"offset\": 0, \"total_count\": " + QByteArray::number(total) +
           ", \"next\": " + next + "}, \"objects\": [" + objects + "]}";
}

QByteArray quoted(const QString &s)
{
    return '"' + s.toUtf8() + '"';
}

const QByteArray kFile1 = R"({"id": 1, "filename": "a.tif", "directory": "", "size": 3})";
const QByteArray kFile2 = R"({"id": 2, "filename": "b.tif", "directory": "", "size": 3})";
const QByteArray kFile3 = R"({"id": 3, "filename": "c.tif", "directory": "", "size": 3})";

NewDataset newDataset()
{
    NewDataset d;
    d.description = QStringLiteral("Dataset 1");
    d.experimentUri = QStringLiteral("/api/v1/experiment/1/");
    d.instrumentUri = QStringLiteral("/api/v1/instrument/1/");
    return d;
}

} // namespace

class TestHostileCatalogue : public QObject {
    Q_OBJECT
private slots:
    void webPagesAreNamedAsSuch_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QString>("expected");
        QTest::newRow("login page, 200") << 200 << QByteArray("text/html; charset=utf-8")
                                         << QStringLiteral("answered with a web page instead of MyTardis data");
        QTest::newRow("login page labelled JSON, 200")
            << 200 << QByteArray("application/json") << QStringLiteral("answered with a web page instead");
        QTest::newRow("proxy error page, 502") << 502 << QByteArray("text/html") << QStringLiteral("failed (HTTP 502)");
    }

    void webPagesAreNamedAsSuch()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, type);
        QFETCH(QString, expected);
        HostileServer server;
        server.on(kUsers, HostileAnswer::reply(status,
                                               "<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
                                               "<body><form action=\"/login\">Password</form></body></html>",
                                               type));
        MyTardisClient client(config(server.url()));
        const auto r = client.userByUsername(QStringLiteral("bob"));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(server.url()) || status == 502, qPrintable(r.error().message));
        if (status == 200) {
            QVERIFY(r.error().message.contains(QStringLiteral("check mytardis_url")));
            QCOMPARE(r.error().kind, ErrorKind::User);
        }
    }

    void brokenJsonIsNamed()
    {
        HostileServer server;
        server.on(kUsers, HostileAnswer::reply(200, R"({"meta": {}, "objects": [{"id": 1, "username": )"));
        MyTardisClient client(config(server.url()));
        const auto r = client.userByUsername(QStringLiteral("bob"));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("answered with broken JSON while looking up user \"bob\"")),
                 qPrintable(r.error().message));
    }

    void wrongShapesAreNamed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("object where the list goes") << QByteArray(R"({"meta": {}, "objects": {"id": 1}})");
        QTest::newRow("no objects") << QByteArray(R"({"meta": {"total_count": 1}})");
        QTest::newRow("a list, not an object") << QByteArray(R"([{"id": 1, "username": "bob"}])");
        QTest::newRow("objects that are strings") << QByteArray(R"({"meta": {}, "objects": ["bob"]})");
        QTest::newRow("a record without an id") << QByteArray(R"({"meta": {}, "objects": [{"username": "bob"}]})");
        QTest::newRow("an id that is no number")
            << QByteArray(R"({"meta": {}, "objects": [{"id": "twelve", "username": "bob"}]})");
    }

    void wrongShapesAreNamed()
    {
        QFETCH(QByteArray, body);
        HostileServer server;
        server.on(kUsers, HostileAnswer::reply(200, body));
        MyTardisClient client(config(server.url()));
        const auto r = client.userByUsername(QStringLiteral("bob"));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("answered JSON of the wrong shape while looking up user")),
                 qPrintable(r.error().message));
    }

    void numbersAsStringsAreRead()
    {
        HostileServer server;
        server.on(kUsers, HostileAnswer::reply(200, page(R"({"id": "12", "username": "bob"})")));
        MyTardisClient client(config(server.url()));
        const auto r = client.userByUsername(QStringLiteral("bob"));
        QVERIFY2(r && r->has_value(), qPrintable(sentence(r)));
        QCOMPARE((*r)->id, qint64(12));
    }

    void listingsFollowPagesNotTotalCount()
    {
        // Says 1000, gives 2 and no next page: the 2 are the listing.
        HostileServer server;
        server.on(kFiles, HostileAnswer::reply(200, page(kFile1 + ',' + kFile2, "null", 1000)));
        MyTardisClient client(config(server.url()));
        auto r = client.dataFilesOfDataset(7);
        QVERIFY2(r, qPrintable(sentence(r)));
        QCOMPARE(r->size(), 2);

        // Says 1, gives three pages: all three are read.
        HostileServer pages;
        const QString path = QStringLiteral("/api/v1/mydata_dataset_file/?dataset__id=7&format=json&offset=");
        pages.on(kFiles + QStringLiteral(".*offset=2"), HostileAnswer::reply(200, page(kFile3, "null", 1)));
        pages.on(kFiles + QStringLiteral(".*offset=1"),
                 HostileAnswer::reply(200, page(kFile2, quoted(path + QStringLiteral("2")), 1)));
        pages.on(kFiles, HostileAnswer::reply(200, page(kFile1, quoted(path + QStringLiteral("1")), 1)));
        MyTardisClient client2(config(pages.url()));
        r = client2.dataFilesOfDataset(7);
        QVERIFY2(r, qPrintable(sentence(r)));
        QCOMPARE(r->size(), 3);
        QCOMPARE(pages.requests(), 3);

        // No meta at all: the one page is the listing.
        HostileServer bare;
        bare.on(kFiles, HostileAnswer::reply(200, "{\"objects\": [" + kFile1 + "]}"));
        MyTardisClient client3(config(bare.url()));
        r = client3.dataFilesOfDataset(7);
        QVERIFY2(r, qPrintable(sentence(r)));
        QCOMPARE(r->size(), 1);
    }

    void loopingListingsEnd_data()
    {
        QTest::addColumn<QString>("secondNext");
        QTest::newRow("to itself") << QStringLiteral("/api/v1/mydata_dataset_file/?dataset__id=7&offset=1");
        QTest::newRow("to the page before") << QStringLiteral("/api/v1/mydata_dataset_file/?dataset__id=7&offset=0");
    }

    void loopingListingsEnd()
    {
        QFETCH(QString, secondNext);
        HostileServer server;
        server.on(kFiles + QStringLiteral(".*offset=1"), HostileAnswer::reply(200, page(kFile2, quoted(secondNext))));
        server.on(kFiles,
                  HostileAnswer::reply(200, page(kFile1, "\"/api/v1/mydata_dataset_file/?dataset__id=7&offset=1\"")));
        MyTardisClient client(config(server.url()));
        QElapsedTimer t;
        t.start();
        const auto r = client.dataFilesOfDataset(7);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("sent a list that loops while listing")),
                 qPrintable(r.error().message));
        QVERIFY2(server.requests() <= 4, qPrintable(server.requestLines().join(QLatin1Char('\n'))));
        QVERIFY(t.elapsed() < 2000);
    }

    void nextPageOnAnotherHostIsNotFollowed()
    {
        HostileServer elsewhere; // "localhost" is another host name than 127.0.0.1
        elsewhere.on(QStringLiteral("."), HostileAnswer::reply(200, page(kFile2)));
        const QString foreign = elsewhere.url().replace(QStringLiteral("127.0.0.1"), QStringLiteral("localhost")) +
                                QStringLiteral("/api/v1/mydata_dataset_file/?offset=1");
        HostileServer server;
        server.on(kFiles, HostileAnswer::reply(200, page(kFile1, quoted(foreign))));
        MyTardisClient client(config(server.url()));
        const auto r = client.dataFilesOfDataset(7);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("pointed to %1 for the next page").arg(foreign)),
                 qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(QStringLiteral("sends its API key nowhere else")));
        QCOMPARE(elsewhere.requests(), 0);

        // The same server written in full (even as https) is its own path.
        HostileServer full;
        const QString own = full.url().replace(QStringLiteral("http:"), QStringLiteral("https:")) +
                            QStringLiteral("/api/v1/mydata_dataset_file/?dataset__id=7&offset=1");
        full.on(kFiles + QStringLiteral(".*offset=1"), HostileAnswer::reply(200, page(kFile2)));
        full.on(kFiles, HostileAnswer::reply(200, page(kFile1, quoted(own))));
        MyTardisClient client2(config(full.url()));
        const auto r2 = client2.dataFilesOfDataset(7);
        QVERIFY2(r2, qPrintable(sentence(r2)));
        QCOMPARE(r2->size(), 2);
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
        const qint64 twoGb = 2LL * 1024 * 1024 * 1024;
        HostileServer server;
        server.on(kFiles, HostileAnswer::huge(twoGb, announced));
        MyTardisClient client(config(server.url(), 3));
        QElapsedTimer t;
        t.start();
        const auto r = client.dataFilesOfDataset(7);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("sent an answer of more than 64 MiB")),
                 qPrintable(r.error().message));
        QCOMPARE(server.requests(), 1); // the same again would not help
        // Read up to the cap (the socket buffers hold a little more), never on.
        QVERIFY2(server.bytesSent() < 256LL * 1024 * 1024, qPrintable(QString::number(server.bytesSent())));
        QVERIFY(t.elapsed() < 10000);
    }

    void redirectsAreNotFollowed()
    {
        HostileServer elsewhere;
        elsewhere.on(QStringLiteral("."), HostileAnswer::reply(200, page(R"({"id": 3, "username": "bob"})")));
        const QString target = elsewhere.url().replace(QStringLiteral("127.0.0.1"), QStringLiteral("localhost")) +
                               QStringLiteral("/api/v1/user/?username=bob");
        HostileServer server;
        server.on(kUsers, HostileAnswer::reply(302, "", "text/html", {{"Location", target.toUtf8()}}));
        // From https to http: httpsToHttpRedirectsAreNotFollowed.
        server.on(QStringLiteral("^GET /api/v1/\\?"),
                  HostileAnswer::reply(301, "", "text/html", {{"Location", "http://127.0.0.1:1/api/v1/"}}));
        MyTardisClient client(config(server.url()));
        const auto r = client.userByUsername(QStringLiteral("bob"));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("redirected (HTTP 302 to %1)").arg(target)),
                 qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(QStringLiteral("set mytardis_url to the server's exact address")));
        const Status check = client.checkServer();
        QVERIFY(!check.ok());
        QVERIFY2(check.error().message.contains(QStringLiteral("redirects (HTTP 301) to http://127.0.0.1:1/api/v1/")),
                 qPrintable(check.error().message));
        QCOMPARE(elsewhere.requests(), 0);
    }

    // A proxy in front of the real server may send https callers to plain
    // http: not followed (the API key would cross the network unencrypted),
    // and said as that, not as "use the exact address".
    void httpsToHttpRedirectsAreNotFollowed()
    {
        TestCertificates certs;
        QVERIFY2(certs.make(), qPrintable(certs.errorString()));
        HostileServer plain; // where the redirects point
        plain.on(QStringLiteral("."), HostileAnswer::reply(200, page(R"({"id": 3, "username": "bob"})")));
        QVERIFY(plain.url().startsWith(QStringLiteral("http://")));
        HostileServer server({}, HostileTls{certs.trusted(), certs.serverKey()});
        QVERIFY(server.url().startsWith(QStringLiteral("https://")));
        const QString target = plain.url() + QStringLiteral("/api/v1/user/?username=bob");
        server.on(kUsers, HostileAnswer::reply(302, "", "text/html", {{"Location", target.toUtf8()}}));
        server.on(QStringLiteral("^GET /api/v1/\\?"),
                  HostileAnswer::reply(301, "", "text/html", {{"Location", (plain.url() + "/api/v1/").toUtf8()}}));
        ClientConfig c = config(server.url());
        c.caCertificate = certs.authority();
        MyTardisClient client(c);

        const auto r = client.userByUsername(QStringLiteral("bob"));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("The MyTardis server at %1 redirected to plain HTTP (HTTP "
                                                           "302 to %2) while looking up user \"bob\"; Tardigrade "
                                                           "does not follow it")
                                                .arg(server.url(), target)),
                 qPrintable(r.error().message));
        QVERIFY2(r.error().message.endsWith(QStringLiteral("ask the server's administrator to serve MyTardis by HTTPS "
                                                           "without that redirect.")),
                 qPrintable(r.error().message));
        QCOMPARE(server.requests(QStringLiteral("^GET /api/v1/user/")), 1); // reached over TLS, asked once

        const Status check = client.checkServer();
        QVERIFY(!check.ok());
        QVERIFY2(check.error().message.contains(QStringLiteral("redirected to plain HTTP (HTTP 301 to %1/api/v1/) "
                                                               "while checking its address")
                                                    .arg(plain.url())),
                 qPrintable(check.error().message));
        QCOMPARE(check.error().kind, ErrorKind::User);
        QCOMPARE(plain.requests(), 0);
    }

    void emptyAnswersAreNotRecords()
    {
        HostileServer server;
        server.on(QStringLiteral("^GET /api/v1/mydata_dataset_file/5/"), HostileAnswer::reply(200, ""));
        server.on(QStringLiteral("^POST /api/v1/dataset/"), HostileAnswer::reply(200, ""));
        MyTardisClient client(config(server.url()));
        const auto file = client.dataFile(5);
        QVERIFY(!file);
        QVERIFY2(file.error().message.contains(QStringLiteral("answered HTTP 200 with an empty body while reading "
                                                              "datafile 5")),
                 qPrintable(file.error().message));
        const auto made = client.createDataset(newDataset());
        QVERIFY(!made);
        QVERIFY2(made.error().message.contains(QStringLiteral("answered HTTP 200 without saying which record it made")),
                 qPrintable(made.error().message));
    }

    void locationMustNameTheNewRecordHere_data()
    {
        QTest::addColumn<QByteArray>("location");
        QTest::addColumn<qint64>("id");     // 0: refused
        QTest::addColumn<QString>("reason"); // what the refusal says after naming the Location
        const QString notHere = QStringLiteral("which is not a dataset on this server");
        const QString notAnId = QStringLiteral("is not a record id (ids count from 1); tell its administrator.");
        QTest::newRow("none") << QByteArray() << qint64(0) << QString();
        QTest::newRow("another host") << QByteArray("http://mytardis.example.org/api/v1/dataset/7/") << qint64(0)
                                      << notHere;
        QTest::newRow("another resource") << QByteArray("/api/v1/experiment/7/") << qint64(0) << notHere;
        QTest::newRow("not an API path") << QByteArray("/login/?next=/api/v1/dataset/7/") << qint64(0) << notHere;
        // Not "no Location header": the server did name one, with an id that is none.
        QTest::newRow("id 0") << QByteArray("/api/v1/dataset/0/") << qint64(0)
                              << QStringLiteral("but 0 ") + notAnId;
        QTest::newRow("id beyond qint64") << QByteArray("/api/v1/dataset/99999999999999999999/") << qint64(0)
                                          << QStringLiteral("but 99999999999999999999 ") + notAnId;
        QTest::newRow("the new dataset") << QByteArray("/api/v1/dataset/7/") << qint64(7) << QString();
        QTest::newRow("the new dataset, http behind a TLS proxy")
            << QByteArray("http://127.0.0.1:8000/api/v1/dataset/7/") << qint64(7) << QString();
    }

    void locationMustNameTheNewRecordHere()
    {
        QFETCH(QByteArray, location);
        QFETCH(qint64, id);
        QFETCH(QString, reason);
        HostileServer server;
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!location.isEmpty())
            headers.append({"Location", location});
        server.on(QStringLiteral("^POST /api/v1/dataset/"), HostileAnswer::reply(201, "", "text/plain", headers));
        MyTardisClient client(config(server.url()));
        const auto made = client.createDataset(newDataset());
        if (id != 0) {
            QVERIFY2(made, qPrintable(sentence(made)));
            QCOMPARE(made->id, id);
            return;
        }
        QVERIFY(!made);
        QVERIFY2(made.error().message.contains(location.isEmpty()
                                                   ? QStringLiteral("without saying which record it made")
                                                   : QStringLiteral("named %1 as the new record while creating dataset")
                                                         .arg(QString::fromUtf8(location))),
                 qPrintable(made.error().message));
        QVERIFY2(made.error().message.contains(reason), qPrintable(made.error().message));
        QVERIFY2(location.isEmpty() || !made.error().message.contains(QStringLiteral("no Location header")),
                 qPrintable(made.error().message));
    }

    void uploadWithAForeignLocationIsNotTakenAsDone()
    {
        QTemporaryFile local;
        QVERIFY(local.open());
        local.write("abc");
        local.flush();
        HostileServer server;
        server.on(QStringLiteral("^POST /api/v1/mydata_dataset_file/"),
                  HostileAnswer::reply(201, "", "text/plain",
                                       {{"Location", "http://mytardis.example.org/api/v1/mydata_dataset_file/9/"}}));
        MyTardisClient client(config(server.url()));
        NewDataFile file;
        file.datasetUri = QStringLiteral("/api/v1/dataset/1/");
        file.filename = QStringLiteral("a.tif");
        file.size = 3;
        const auto r = client.uploadFile(file, local.fileName());
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("which is not a dataset_file on this server")),
                 qPrintable(r.error().message));
    }

    void aStagingPathMustBeAPath()
    {
        HostileServer server;
        server.on(QStringLiteral("^POST /api/v1/mydata_dataset_file/"),
                  HostileAnswer::reply(201, "<html><body>Welcome to the proxy</body></html>", "text/html",
                                       {{"Location", "/api/v1/mydata_dataset_file/9/"}}));
        MyTardisClient client(config(server.url()));
        NewDataFile file;
        file.datasetUri = QStringLiteral("/api/v1/dataset/1/");
        file.filename = QStringLiteral("a.tif");
        const auto r = client.registerForStaging(file, QStringLiteral("uuid"), QStringLiteral("fingerprint"));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("answered without a staging path while registering file "
                                                           "\"a.tif\" (its answer begins \"<html><body>Welcome")),
                 qPrintable(r.error().message));
    }

    void aServerThatNeverAnswersEndsAtTheTimeout()
    {
        HostileServer server;
        server.on(QStringLiteral("."), HostileAnswer::hang());
        MyTardisClient client(config(server.url(), 1, 2));
        QElapsedTimer t;
        t.start();
        const auto r = client.userByUsername(QStringLiteral("bob"));
        const qint64 ms = t.elapsed();
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("did not answer within 2 s")),
                 qPrintable(r.error().message));
        QVERIFY2(ms >= 1800 && ms < 3000, qPrintable(QString::number(ms)));
    }

    void aServerDrippingBytesEndsAtTheDeadline()
    {
        // One byte a second never trips the 2 s idle timeout; the whole
        // answer's deadline (3 x 2 s, plus a second per 64 KiB) does, and a
        // drip is not asked again.
        HostileServer server;
        server.on(kUsers, HostileAnswer::drip(200, page(R"({"id": 3, "username": "bob"})"), 1000));
        MyTardisClient client(config(server.url(), 3, 2));
        QElapsedTimer t;
        t.start();
        const auto r = client.userByUsername(QStringLiteral("bob"));
        const qint64 ms = t.elapsed();
        QVERIFY(!r);
        QVERIFY2(
            r.error().message.contains(QStringLiteral("sent its answer too slowly (it was still coming after 6 s)")),
            qPrintable(r.error().message));
        QVERIFY2(ms >= 5900 && ms < 7500, qPrintable(QString::number(ms)));
        QCOMPARE(server.requests(), 1);
    }

    void aSlowButSteadyAnswerStillArrives()
    {
        // About 90 bytes at 25 ms each: two seconds in all, within every limit.
        HostileServer server;
        server.on(kUsers, HostileAnswer::drip(200, page(R"({"id": 3})"), 25));
        MyTardisClient client(config(server.url(), 1, 2));
        const auto r = client.userByUsername(QStringLiteral("bob"));
        QVERIFY2(r && r->has_value(), qPrintable(sentence(r)));
        QCOMPARE((*r)->id, qint64(3));
    }
};

QTEST_GUILESS_MAIN(TestHostileCatalogue)
#include "tst_hostilecatalogue.moc"
