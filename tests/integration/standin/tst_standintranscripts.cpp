// Golden data: replays shared/mytardis-transcripts.jsonl (recorded from a
// stock MyTardis 4.6 with the mydata app) against the stand-in, seeded like
// the recorded server, and compares status codes, content types, Location
// headers and the JSON field names of every answer.

#include "StandinProcess.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTest>
#include <QTimer>

using namespace tardigrade::test;

namespace {
// Field paths of a JSON value ("objects[].replicas[].uri"); lists are
// described by their first element, and an empty list says nothing.
void fieldPaths(const QJsonValue &v, const QString &path, QSet<QString> *out, QSet<QString> *emptyLists)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString p = path + QLatin1Char('.') + it.key();
            out->insert(p);
            fieldPaths(it.value(), p, out, emptyLists);
        }
    } else if (v.isArray() && !v.toArray().isEmpty()) {
        fieldPaths(v.toArray().first(), path + QStringLiteral("[]"), out, emptyLists);
    } else if (v.isArray() && emptyLists) {
        emptyLists->insert(path + QStringLiteral("[]"));
    }
}

QSet<QString> fieldPaths(const QByteArray &json, QSet<QString> *emptyLists = nullptr)
{
    QSet<QString> out;
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    fieldPaths(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), QString(), &out, emptyLists);
    return out;
}
} // namespace

class TestStandinTranscripts : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void replay_data();
    void replay();

private:
    StandinProcess m_server;
    QNetworkAccessManager m_nam;
};

void TestStandinTranscripts::initTestCase()
{
    QVERIFY2(m_server.start({QStringLiteral("--seed"),
                             QStringLiteral(TARDIGRADE_SOURCE_DIR "/tests/integration/standin/transcript-seed.json")}),
             qPrintable(m_server.errorString()));
}

void TestStandinTranscripts::replay_data()
{
    QTest::addColumn<QJsonObject>("exchange");
    QFile f(QStringLiteral(TARDIGRADE_TEST_DATA_DIR "/mytardis-transcripts.jsonl"));
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    int n = 0;
    while (!f.atEnd()) {
        const QJsonObject t = QJsonDocument::fromJson(f.readLine()).object();
        ++n;
        if (t.isEmpty())
            continue;
        // Multipart bodies were not recorded; their outcomes are covered by
        // tst_standinapi.
        if (t.value(QLatin1String("request_body")).toString().startsWith(QLatin1Char('<')))
            continue;
        const QByteArray tag = QByteArray::number(n) + ' ' + t.value(QLatin1String("method")).toString().toLatin1() +
                               ' ' + t.value(QLatin1String("path")).toString().left(60).toLatin1();
        QTest::newRow(tag.constData()) << t;
    }
}

void TestStandinTranscripts::replay()
{
    QFETCH(QJsonObject, exchange);
    // The exchanges build on each other (uploader 1, experiment 1, dataset 1,
    // datafile 1), so they run in order against one server.
    QNetworkRequest request(QUrl(m_server.urlString() + exchange.value(QLatin1String("path")).toString()));
    const QJsonObject headers = exchange.value(QLatin1String("request_headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        QString value = it.value().toString();
        value.replace(QLatin1String("<api_key>"), m_server.apiKey());
        request.setRawHeader(it.key().toLatin1(), value.toUtf8());
    }
    const QByteArray body = exchange.value(QLatin1String("request_body")).toString().toUtf8();
    QNetworkReply *reply =
        m_nam.sendCustomRequest(request, exchange.value(QLatin1String("method")).toString().toLatin1(), body);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    QVERIFY(reply->isFinished());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->readAll();
    const QJsonObject expectedHeaders = exchange.value(QLatin1String("response_headers")).toObject();
    const QByteArray expectedBody = exchange.value(QLatin1String("response_body")).toString().toUtf8();

    QCOMPARE(status, exchange.value(QLatin1String("status")).toString().section(QLatin1Char(' '), 0, 0).toInt());
    QCOMPARE(QString::fromLatin1(reply->rawHeader("Content-Type")),
             expectedHeaders.value(QLatin1String("Content-Type")).toString());
    QCOMPARE(reply->hasRawHeader("Location"), expectedHeaders.contains(QLatin1String("Location")));
    if (expectedHeaders.contains(QLatin1String("Location")))
        QCOMPARE(QString::fromLatin1(reply->rawHeader("Location")),
                 expectedHeaders.value(QLatin1String("Location")).toString());
    if (expectedHeaders.value(QLatin1String("Content-Type")).toString() == QLatin1String("application/json")) {
        // Where our list is empty (data the recording had and this catalogue
        // has not), its elements are not compared.
        QSet<QString> emptyLists;
        const QSet<QString> actual = fieldPaths(answer, &emptyLists);
        QSet<QString> expected = fieldPaths(expectedBody);
        for (const QString &empty : std::as_const(emptyLists))
            expected.removeIf([&empty](const QString &p) { return p.startsWith(empty); });
        QVERIFY2(actual == expected,
                 qPrintable(
                     QStringLiteral("missing: %1\nextra: %2")
                         .arg(QStringList(QSet<QString>(expected).subtract(actual).values()).join(QLatin1Char(' ')),
                              QStringList(QSet<QString>(actual).subtract(expected).values()).join(QLatin1Char(' ')))));
    } else {
        QCOMPARE(answer.isEmpty(), expectedBody.isEmpty());
    }
    reply->deleteLater();
}

QTEST_GUILESS_MAIN(TestStandinTranscripts)
#include "tst_standintranscripts.moc"
