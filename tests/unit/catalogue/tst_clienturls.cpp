// How the client spells its URLs: format=json on GETs, UTF-8 percent-encoded
// query values (a '+' or '&' in a folder name must reach the server intact),
// `next` paths followed as given, servers below a path prefix.
#include "catalogue/HttpFailure.h"
#include "catalogue/MyTardisClient.h"

#include <QTest>
#include <QUrlQuery>

using namespace tardigrade;

class TestClientUrls : public QObject {
    Q_OBJECT
private slots:
    void encoded_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("transcript instrument")
            << QStringLiteral("http://127.0.0.1:9000/") << QStringLiteral("/api/v1/instrument/")
            << QStringLiteral("name") << QStringLiteral("Test Instrument")
            << QByteArray("http://127.0.0.1:9000/api/v1/instrument/?format=json&name=Test%20Instrument");
        QTest::newRow("plus and ampersand")
            << QStringLiteral("http://h") << QStringLiteral("/api/v1/dataset/") << QStringLiteral("description")
            << QStringLiteral("a+b&c=d#e")
            << QByteArray("http://h/api/v1/dataset/?format=json&description=a%2Bb%26c%3Dd%23e");
        QTest::newRow("utf-8") << QStringLiteral("https://h") << QStringLiteral("/api/v1/user/")
                               << QStringLiteral("username") << QStringLiteral("jos\u00e9")
                               << QByteArray("https://h/api/v1/user/?format=json&username=jos%C3%A9");
        QTest::newRow("percent stays data")
            << QStringLiteral("https://h") << QStringLiteral("/api/v1/dataset/") << QStringLiteral("description")
            << QStringLiteral("100%20done")
            << QByteArray("https://h/api/v1/dataset/?format=json&description=100%2520done");
        QTest::newRow("below a prefix") << QStringLiteral("https://h/mytardis/") << QStringLiteral("/api/v1/user/")
                                        << QStringLiteral("username") << QStringLiteral("u")
                                        << QByteArray("https://h/mytardis/api/v1/user/?format=json&username=u");
    }

    void encoded()
    {
        QFETCH(QString, base);
        QFETCH(QString, path);
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QByteArray, expected);
        MyTardisClient c({base, QStringLiteral("u"), QStringLiteral("k")});
        const QUrl url = c.transport().urlFor(path, {{key, value}});
        QCOMPARE(url.toEncoded(), expected);
        // And a standard decoder gets the value back exactly.
        QCOMPARE(QUrlQuery(url).queryItemValue(key, QUrl::FullyDecoded), value);
    }

    void nextPaths_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("next");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("root")
            << QStringLiteral("http://h:9000")
            << QStringLiteral("/api/v1/mydata_dataset_file/?format=json&dataset__id=3&limit=2&offset=4")
            << QByteArray("http://h:9000/api/v1/mydata_dataset_file/?format=json&dataset__id=3&limit=2&offset=4");
        QTest::newRow("prefix") << QStringLiteral("https://h/mytardis")
                                << QStringLiteral("/mytardis/api/v1/dataset/?format=json&offset=20")
                                << QByteArray("https://h/mytardis/api/v1/dataset/?format=json&offset=20");
    }

    void nextPaths()
    {
        QFETCH(QString, base);
        QFETCH(QString, next);
        QFETCH(QByteArray, expected);
        MyTardisClient c({base, QStringLiteral("u"), QStringLiteral("k")});
        QCOMPARE(c.transport().urlFor(next).toEncoded(), expected);
    }

    void noFormatWhenAsked()
    {
        MyTardisClient c({QStringLiteral("http://h/"), QStringLiteral("u"), QStringLiteral("k")});
        QCOMPARE(c.transport().urlFor(QStringLiteral("/api/v1/dataset_file/1/verify/"), {}, false).toEncoded(),
                 QByteArray("http://h/api/v1/dataset_file/1/verify/"));
        QCOMPARE(c.transport().urlFor(QStringLiteral("/api/v1/mydata_user/"), {{QStringLiteral("username"), QStringLiteral("a b")}},
                          false)
                     .toEncoded(),
                 QByteArray("http://h/api/v1/mydata_user/?username=a%20b"));
    }

    void transientClassification_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("error");
        QTest::addColumn<bool>("idempotent");
        QTest::addColumn<bool>("notProcessed");
        QTest::newRow("500") << 500 << int(QNetworkReply::InternalServerError) << true << false;
        QTest::newRow("503") << 503 << int(QNetworkReply::ServiceUnavailableError) << true << true;
        QTest::newRow("404") << 404 << int(QNetworkReply::ContentNotFoundError) << false << false;
        QTest::newRow("401") << 401 << int(QNetworkReply::AuthenticationRequiredError) << false << false;
        QTest::newRow("409") << 409 << int(QNetworkReply::ContentConflictError) << false << false;
        QTest::newRow("refused") << 0 << int(QNetworkReply::ConnectionRefusedError) << true << true;
        QTest::newRow("dropped") << 0 << int(QNetworkReply::RemoteHostClosedError) << true << false;
        // Cut short after its headers, which Qt reported as complete (ApiJob
        // then sets status 0): dropped, not a permanent refusal.
        QTest::newRow("cut short, no error") << 0 << int(QNetworkReply::NoError) << true << false;
        QTest::newRow("502") << 502 << int(QNetworkReply::UnknownServerError) << true << true;
        QTest::newRow("501") << 501 << int(QNetworkReply::OperationNotImplementedError) << false << false;
        QTest::newRow("429") << 429 << int(QNetworkReply::UnknownContentError) << true << true;
        QTest::newRow("timeout") << 0 << int(QNetworkReply::OperationCanceledError) << true << false;
        // A network still coming up at boot: nothing reached the server.
        QTest::newRow("host not found") << 0 << int(QNetworkReply::HostNotFoundError) << true << true;
        QTest::newRow("tls") << 0 << int(QNetworkReply::SslHandshakeFailedError) << false << false;
    }

    void transientClassification()
    {
        QFETCH(int, status);
        QFETCH(int, error);
        QFETCH(bool, idempotent);
        QFETCH(bool, notProcessed);
        ApiResponse r;
        r.status = status;
        r.networkError = static_cast<QNetworkReply::NetworkError>(error);
        const HttpFailure failure = HttpFailure::of(r);
        QCOMPARE(failure.worthResending(ResendRule::Idempotent), idempotent);
        QCOMPARE(failure.worthResending(ResendRule::OnlyIfNotProcessed), notProcessed);
        // Worth resending only when transient, and then the kind says so.
        QCOMPARE(failure.kind == ErrorKind::Transient, idempotent);
        r.cancelled = true;
        QCOMPARE(HttpFailure::of(r).kind, ErrorKind::Cancelled);
        QVERIFY(!HttpFailure::of(r).worthResending(ResendRule::Idempotent));
    }

    // An answer that broke off after its headers, which Qt now and then
    // reports as complete: the job then treats it as no answer (ApiJob).
    void bodyCutShort_data()
    {
        QTest::addColumn<QByteArray>("length");
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("cut");
        QTest::newRow("whole") << QByteArray("12") << QByteArray() << QByteArray("{\"meta\": {}}") << false;
        QTest::newRow("broken off") << QByteArray("1000") << QByteArray() << QByteArray("{\"meta\": ") << true;
        QTest::newRow("empty, as announced") << QByteArray("0") << QByteArray() << QByteArray() << false;
        QTest::newRow("no length (chunked)") << QByteArray() << QByteArray() << QByteArray("{") << false;
        QTest::newRow("gzip: measured decoded") << QByteArray("1000") << QByteArray("gzip") << QByteArray("{}") << false;
        QTest::newRow("not a number") << QByteArray("many") << QByteArray() << QByteArray("{}") << false;
    }

    void bodyCutShort()
    {
        QFETCH(QByteArray, length);
        QFETCH(QByteArray, encoding);
        QFETCH(QByteArray, body);
        QFETCH(bool, cut);
        ApiResponse r;
        r.status = 200;
        r.body = body;
        if (!length.isEmpty())
            r.headers.append({QByteArray("content-length"), length});
        if (!encoding.isEmpty())
            r.headers.append({QByteArray("Content-Encoding"), encoding});
        QCOMPARE(r.bodyCutShort(), cut);
    }

    void isoTimes()
    {
        QCOMPARE(isoTime(QDateTime(QDate(2026, 11, 22), QTime(13, 12, 34, 834))),
                 QStringLiteral("2026-11-22T13:12:34.834000"));
        QCOMPARE(isoTime(QDateTime()), QString());
    }
};

QTEST_GUILESS_MAIN(TestClientUrls)
#include "tst_clienturls.moc"
