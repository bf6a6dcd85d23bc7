// The stand-in MyTardis server against the contract of shared/mytardis-api.md:
// real HTTP (QNetworkAccessManager) to the real process.

#include "HttpHelper.h"
#include "StandinProcess.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

#if __has_include(<xxhash.h>)
#define XXH_INLINE_ALL
#include <xxhash.h>
#define HAVE_XXHASH 1
#endif

using namespace tardigrade::test;

namespace {
const QString kSchema = QStringLiteral("http://mytardis.org/schemas/mydata/defaultexperiment");

// The id at the end of a Location such as /api/v1/mydata_dataset_file/7/.
qint64 ApiId(const QByteArray &location)
{
    return location.split('/').value(location.split('/').size() - 2).toLongLong();
}

QString md5Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex());
}
} // namespace

class TestStandinApi : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void rootNeedsNoCredentials();
    void authentication_data();
    void authentication();
    void writesNeedCredentials();
    void pagingFollowsNext();
    void limitZeroIsCappedAt1000();
    void badLimitIs400();
    void createAnswers201WithLocation();
    void queryDecodedAsDjango_data();
    void queryDecodedAsDjango();
    void experimentLookup_data();
    void experimentLookup();
    void duplicateDatafileIs409();
    void stagingPathIsUrlQuoted();
    void multipartUploadIsVerified();
    void multipartWithoutChecksum();
    void stagedFileVerification_data();
    void stagedFileVerification();
    void verificationKeepsUpWithRequests();
    void datasetStats();
    void uploaderSettings();
    void chunkedUpload();
    void withoutMydataApp();
    void cleanupTestCase();

private:
    QJsonObject datafileJson(const QString &filename, const QByteArray &content, const QString &directory = {});
    qint64 newDataset(const QString &description);
    bool waitVerified(qint64 datafileId, int ms);

    StandinProcess m_server;
    std::unique_ptr<HttpHelper> m_http;
    QString m_instrumentUri;
    qint64 m_experimentId = 0;
    qint64 m_datasetId = 0;
};

void TestStandinApi::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpHelper>(m_server.url(), m_server.username(), m_server.apiKey());

    HttpReply r = m_http->postJson(QStringLiteral("/api/v1/instrument/"),
                                   {{QStringLiteral("facility"), QStringLiteral("/api/v1/facility/1/")},
                                    {QStringLiteral("name"), QStringLiteral("Test Instrument")}});
    QCOMPARE(r.status, 201);
    m_instrumentUri = r.json().value(QLatin1String("resource_uri")).toString();

    QJsonObject experiment{
        {QStringLiteral("title"), QStringLiteral("Test Instrument - Test User1")},
        {QStringLiteral("description"), QStringLiteral("Instrument: Test Instrument")},
        {QStringLiteral("immutable"), false},
        {QStringLiteral("parameter_sets"),
         QJsonArray{QJsonObject{{QStringLiteral("schema"), kSchema},
                                {QStringLiteral("parameters"),
                                 QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("uploader")},
                                                        {QStringLiteral("value"), m_server.uuid()}},
                                            QJsonObject{{QStringLiteral("name"), QStringLiteral("user_folder_name")},
                                                        {QStringLiteral("value"), QStringLiteral("testuser1")}}}}}}}};
    r = m_http->postJson(QStringLiteral("/api/v1/mydata_experiment/"), experiment);
    QCOMPARE(r.status, 201);
    m_experimentId = r.json().value(QLatin1String("id")).toInteger();
    QVERIFY(m_experimentId > 0);
    m_datasetId = newDataset(QStringLiteral("Dataset 1"));
    QVERIFY(m_datasetId > 0);
}

void TestStandinApi::cleanupTestCase()
{
    m_server.stop();
}

qint64 TestStandinApi::newDataset(const QString &description)
{
    const HttpReply r = m_http->postJson(
        QStringLiteral("/api/v1/dataset/"),
        {{QStringLiteral("instrument"), m_instrumentUri},
         {QStringLiteral("description"), description},
         {QStringLiteral("experiments"), QJsonArray{QStringLiteral("/api/v1/experiment/%1/").arg(m_experimentId)}},
         {QStringLiteral("immutable"), false}});
    return r.status == 201 ? r.json().value(QLatin1String("id")).toInteger() : 0;
}

QJsonObject TestStandinApi::datafileJson(const QString &filename, const QByteArray &content, const QString &directory)
{
    return {{QStringLiteral("dataset"), QStringLiteral("/api/v1/dataset/%1/").arg(m_datasetId)},
            {QStringLiteral("filename"), filename},
            {QStringLiteral("directory"), directory},
            {QStringLiteral("md5sum"), md5Hex(content)},
            {QStringLiteral("size"), content.size()},
            {QStringLiteral("mimetype"), QStringLiteral("text/plain")},
            {QStringLiteral("created_time"), QStringLiteral("2026-11-22T13:12:34.834394")},
            {QStringLiteral("modification_time"), QStringLiteral("2026-11-22T13:12:34.834394")}};
}

bool TestStandinApi::waitVerified(qint64 datafileId, int ms)
{
    QElapsedTimer t;
    t.start();
    do {
        const HttpReply r = m_http->get(QStringLiteral("/api/v1/mydata_dataset_file/%1/?format=json").arg(datafileId));
        const QJsonArray replicas = r.json().value(QLatin1String("replicas")).toArray();
        if (!replicas.isEmpty() && replicas.first().toObject().value(QLatin1String("verified")).toBool())
            return true;
        QTest::qWait(50);
    } while (t.elapsed() < ms);
    return false;
}

void TestStandinApi::rootNeedsNoCredentials()
{
    const HttpReply r = m_http->get(QStringLiteral("/api/v1/?format=json"), QByteArray());
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().contains(QLatin1String("mydata_dataset_file")));
    QCOMPARE(r.json().value(QLatin1String("user")).toObject().value(QLatin1String("list_endpoint")).toString(),
             QStringLiteral("/api/v1/user/"));
}

void TestStandinApi::authentication_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("totalCount");
    QTest::newRow("valid key") << QByteArray("valid") << 200 << 1;
    QTest::newRow("scheme in lower case") << QByteArray("lower") << 200 << 1;
    QTest::newRow("wrong key") << QByteArray("ApiKey testfacility:wrong") << 401 << -1;
    QTest::newRow("unknown user") << QByteArray("ApiKey nobody:wrong") << 401 << -1;
    QTest::newRow("not an api key") << QByteArray("Basic dGVzdDp0ZXN0") << 401 << -1;
    QTest::newRow("no credentials: empty list") << QByteArray() << 200 << 0;
}

void TestStandinApi::authentication()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(int, totalCount);
    std::optional<QByteArray> auth = authorization == "valid" ? std::nullopt : std::optional<QByteArray>(authorization);
    if (authorization == "lower")
        auth = QByteArray("apikey testfacility:") + m_server.apiKey().toLatin1();
    const HttpReply r = m_http->get(QStringLiteral("/api/v1/user/?format=json&username=testuser1"), auth);
    QCOMPARE(r.status, status);
    if (totalCount < 0) {
        QVERIFY(r.body.isEmpty());
        return;
    }
    const QJsonObject meta = r.json().value(QLatin1String("meta")).toObject();
    QCOMPARE(meta.value(QLatin1String("total_count")).toInt(), totalCount);
    QCOMPARE(meta.value(QLatin1String("limit")).toInt(), 20);
    QVERIFY(meta.value(QLatin1String("next")).isNull());
    QCOMPARE(r.json().value(QLatin1String("objects")).toArray().size(), totalCount);
    if (totalCount == 1) {
        const QJsonObject user = r.json().value(QLatin1String("objects")).toArray().first().toObject();
        QCOMPARE(user.value(QLatin1String("email")).toString(), QStringLiteral("testuser1@example.com"));
        QCOMPARE(
            user.value(QLatin1String("groups")).toArray().first().toObject().value(QLatin1String("name")).toString(),
            QStringLiteral("TestFacility-Group1"));
    }
}

void TestStandinApi::writesNeedCredentials()
{
    const HttpReply r = m_http->postJson(QStringLiteral("/api/v1/dataset/"),
                                         {{QStringLiteral("description"), QStringLiteral("x")}}, QByteArray());
    QCOMPARE(r.status, 401);
    const HttpReply email =
        m_http->get(QStringLiteral("/api/v1/user/?format=json&email__iexact=TESTUSER2%40example.com"));
    QCOMPARE(email.json()
                 .value(QLatin1String("objects"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("username"))
                 .toString(),
             QStringLiteral("testuser2"));
}

void TestStandinApi::pagingFollowsNext()
{
    for (int i = 0; i < 25; ++i) {
        const HttpReply r = m_http->postJson(QStringLiteral("/api/v1/instrument/"),
                                             {{QStringLiteral("facility"), QStringLiteral("/api/v1/facility/1/")},
                                              {QStringLiteral("name"), QStringLiteral("Paged %1").arg(i)}});
        QCOMPARE(r.status, 201);
    }
    QString next = QStringLiteral("/api/v1/instrument/?format=json&facility__id=1");
    QStringList names;
    int pages = 0;
    while (!next.isEmpty()) {
        const HttpReply r = m_http->get(next);
        QCOMPARE(r.status, 200);
        const QJsonObject meta = r.json().value(QLatin1String("meta")).toObject();
        QCOMPARE(meta.value(QLatin1String("total_count")).toInt(), 26);
        QCOMPARE(meta.value(QLatin1String("limit")).toInt(), 20);
        QCOMPARE(meta.value(QLatin1String("offset")).toInt(), pages * 20);
        QCOMPARE(meta.value(QLatin1String("previous")).isNull(), pages == 0);
        for (const QJsonValue &o : r.json().value(QLatin1String("objects")).toArray())
            names << o.toObject().value(QLatin1String("name")).toString();
        next = meta.value(QLatin1String("next")).toString();
        if (!next.isEmpty()) {
            QVERIFY2(next.startsWith(QLatin1String("/api/v1/instrument/?")), qPrintable(next));
            QVERIFY(next.contains(QLatin1String("facility__id=1")));
            QVERIFY(next.contains(QLatin1String("offset=20")));
        }
        ++pages;
    }
    QCOMPARE(pages, 2);
    QCOMPARE(names.size(), 26);
    QCOMPARE(names.removeDuplicates(), 0);

    const HttpReply all = m_http->get(QStringLiteral("/api/v1/instrument/?format=json&facility__id=1&limit=0"));
    QCOMPARE(all.json().value(QLatin1String("meta")).toObject().value(QLatin1String("limit")).toInt(), 1000);
    QCOMPARE(all.json().value(QLatin1String("objects")).toArray().size(), 26);
    const HttpReply one = m_http->get(QStringLiteral("/api/v1/instrument/?format=json&facility__id=1&name=Paged%207"));
    QCOMPARE(one.json().value(QLatin1String("meta")).toObject().value(QLatin1String("total_count")).toInt(), 1);
}

void TestStandinApi::limitZeroIsCappedAt1000()
{
    // 1005 datafiles written straight into the catalogue (WAL lets the test
    // write while the server runs), then listed with limit=0.
    const qint64 dataset = newDataset(QStringLiteral("Big"));
    QVERIFY(dataset > 0);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("direct"));
        db.setDatabaseName(m_server.dbPath());
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        QVERIFY(db.open());
        QVERIFY(db.transaction());
        QSqlQuery q(db);
        QVERIFY(q.prepare(QStringLiteral("INSERT INTO datafiles (dataset_id, directory, filename, size, md5sum) "
                                         "VALUES (?, '', ?, 1, '')")));
        for (int i = 0; i < 1005; ++i) {
            q.addBindValue(dataset);
            q.addBindValue(QStringLiteral("f%1.dat").arg(i, 4, 10, QLatin1Char('0')));
            QVERIFY(q.exec());
        }
        QVERIFY(db.commit());
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));

    const HttpReply first =
        m_http->get(QStringLiteral("/api/v1/mydata_dataset_file/?format=json&dataset__id=%1&limit=0").arg(dataset));
    QCOMPARE(first.status, 200);
    const QJsonObject meta = first.json().value(QLatin1String("meta")).toObject();
    QCOMPARE(meta.value(QLatin1String("limit")).toInt(), 1000);
    QCOMPARE(meta.value(QLatin1String("total_count")).toInt(), 1005);
    QCOMPARE(first.json().value(QLatin1String("objects")).toArray().size(), 1000);
    const QString next = meta.value(QLatin1String("next")).toString();
    QVERIFY2(next.contains(QLatin1String("offset=1000")) && next.contains(QLatin1String("limit=1000")),
             qPrintable(next));
    const HttpReply second = m_http->get(next);
    QCOMPARE(second.json().value(QLatin1String("objects")).toArray().size(), 5);
    QVERIFY(second.json().value(QLatin1String("meta")).toObject().value(QLatin1String("next")).isNull());
}

void TestStandinApi::badLimitIs400()
{
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/group/?format=json&limit=abc")).status, 400);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/no_such_thing/?format=json")).status, 404);
}

void TestStandinApi::createAnswers201WithLocation()
{
    const HttpReply r = m_http->postJson(
        QStringLiteral("/api/v1/dataset/"),
        {{QStringLiteral("instrument"), m_instrumentUri},
         {QStringLiteral("description"), QStringLiteral("Located")},
         {QStringLiteral("experiments"), QJsonArray{QStringLiteral("/api/v1/experiment/%1/").arg(m_experimentId)}},
         {QStringLiteral("immutable"), false}});
    QCOMPARE(r.status, 201);
    const qint64 id = r.json().value(QLatin1String("id")).toInteger();
    QCOMPARE(QString::fromLatin1(r.location), QStringLiteral("/api/v1/dataset/%1/").arg(id));
    QCOMPARE(r.json().value(QLatin1String("instrument")).toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("Test Instrument"));
    const HttpReply back = m_http->get(QString::fromLatin1(r.location) + QStringLiteral("?format=json"));
    QCOMPARE(back.status, 200);
    QCOMPARE(back.json().value(QLatin1String("description")).toString(), QStringLiteral("Located"));
    const HttpReply lookup = m_http->get(
        QStringLiteral("/api/v1/dataset/?format=json&experiments__id=%1&description=Located&instrument__id=%2")
            .arg(m_experimentId)
            .arg(m_instrumentUri.section(QLatin1Char('/'), -2, -2)));
    QCOMPARE(lookup.json().value(QLatin1String("meta")).toObject().value(QLatin1String("total_count")).toInt(), 1);

    const HttpReply acl = m_http->postJson(
        QStringLiteral("/api/v1/objectacl/"),
        {{QStringLiteral("pluginId"), QStringLiteral("django_group")},
         {QStringLiteral("entityId"), QStringLiteral("2")},
         {QStringLiteral("content_object"), QStringLiteral("/api/v1/experiment/%1/").arg(m_experimentId)},
         {QStringLiteral("content_type"), QStringLiteral("experiment")},
         {QStringLiteral("object_id"), m_experimentId},
         {QStringLiteral("aclOwnershipType"), 1},
         {QStringLiteral("isOwner"), true},
         {QStringLiteral("canRead"), true},
         {QStringLiteral("canWrite"), true},
         {QStringLiteral("canDelete"), false}});
    QCOMPARE(acl.status, 201);
    QVERIFY(acl.body.isEmpty());
    QVERIFY(acl.location.startsWith("/api/v1/objectacl/"));
}

void TestStandinApi::queryDecodedAsDjango_data()
{
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<int>("count");
    QTest::newRow("percent-encoded") << QStringLiteral("a%2Bb%20c%2F%C3%A9") << 1;
    QTest::newRow("slash left as is") << QStringLiteral("a%2Bb%20c/%C3%A9") << 1;
    QTest::newRow("plus is a space") << QStringLiteral("a+b+c%2F%C3%A9") << 0;
    QTest::newRow("plus for the space") << QStringLiteral("a%2Bb+c%2F%C3%A9") << 1;
}

void TestStandinApi::queryDecodedAsDjango()
{
    QFETCH(QString, encoded);
    QFETCH(int, count);
    static const qint64 dataset = newDataset(QStringLiteral("a+b c/\u00e9"));
    QVERIFY(dataset > 0);
    const HttpReply r = m_http->get(QStringLiteral("/api/v1/dataset/?format=json&experiments__id=%1&description=%2")
                                        .arg(m_experimentId)
                                        .arg(encoded));
    QCOMPARE(r.json().value(QLatin1String("meta")).toObject().value(QLatin1String("total_count")).toInt(), count);
}

void TestStandinApi::experimentLookup_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("count");
    QTest::newRow("title + user") << QStringLiteral("title=Test%20Instrument%20-%20Test%20User1&folder_structure="
                                                    "Username%20/%20Dataset&user_folder_name=testuser1")
                                  << 1;
    QTest::newRow("title + email of user")
        << QStringLiteral("title=Test%20Instrument%20-%20Test%20User1&folder_structure=Email%20/"
                          "%20Dataset&user_folder_name=TestUser1%40example.com")
        << 1;
    QTest::newRow("other title")
        << QStringLiteral("title=No%20Such&folder_structure=Username%20/%20Dataset&user_folder_name=testuser1") << 0;
    QTest::newRow("other user") << QStringLiteral("title=Test%20Instrument%20-%20Test%20User1&folder_structure="
                                                  "Username%20/%20Dataset&user_folder_name=testuser2")
                                << 0;
    QTest::newRow("uploader + user")
        << QStringLiteral("uploader=UUID&folder_structure=Username%20/%20Dataset&user_folder_name=testuser1") << 1;
    QTest::newRow("other uploader")
        << QStringLiteral("uploader=other&folder_structure=Username%20/%20Dataset&user_folder_name=testuser1") << 0;
}

void TestStandinApi::experimentLookup()
{
    QFETCH(QString, query);
    QFETCH(int, count);
    query.replace(QLatin1String("UUID"), m_server.uuid());
    const HttpReply r = m_http->get(QStringLiteral("/api/v1/mydata_experiment/?format=json&") + query);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("meta")).toObject().value(QLatin1String("total_count")).toInt(), count);
    if (count)
        QCOMPARE(r.json()
                     .value(QLatin1String("objects"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("id"))
                     .toInteger(),
                 m_experimentId);
}

void TestStandinApi::duplicateDatafileIs409()
{
    const QJsonObject body = datafileJson(QStringLiteral("twice.txt"), "twice");
    QCOMPARE(m_http->postJson(QStringLiteral("/api/v1/mydata_dataset_file/"), body).status, 201);
    const HttpReply again = m_http->postJson(QStringLiteral("/api/v1/mydata_dataset_file/"), body);
    QCOMPARE(again.status, 409);
    QVERIFY(again.body.isEmpty());
    // Same name in another directory is another file.
    QCOMPARE(m_http
                 ->postJson(QStringLiteral("/api/v1/mydata_dataset_file/"),
                            datafileJson(QStringLiteral("twice.txt"), "twice", QStringLiteral("sub")))
                 .status,
             201);
}

void TestStandinApi::stagingPathIsUrlQuoted()
{
    const qint64 dataset = newDataset(QStringLiteral("My Dataset 2"));
    QJsonObject body = datafileJson(QStringLiteral("readme.txt"), "hello");
    body.insert(QStringLiteral("dataset"), QStringLiteral("/api/v1/dataset/%1/").arg(dataset));
    body.insert(QStringLiteral("directory"), QStringLiteral("a/b"));
    body.insert(QStringLiteral("uploader_uuid"), m_server.uuid());
    body.insert(QStringLiteral("requester_key_fingerprint"), QStringLiteral("00:11"));
    const HttpReply r = m_http->postJson(QStringLiteral("/api/v1/mydata_dataset_file/"), body);
    QCOMPARE(r.status, 201);
    QVERIFY(r.contentType.startsWith("text/html"));
    QCOMPARE(QString::fromUtf8(r.body),
             m_server.stagingDir() + QStringLiteral("/My%20Dataset%202-%1/a/b/readme.txt").arg(dataset));
    QVERIFY(r.location.startsWith("/api/v1/mydata_dataset_file/"));
    const HttpReply file = m_http->get(QString::fromLatin1(r.location) + QStringLiteral("?format=json"));
    const QJsonObject replica = file.json().value(QLatin1String("replicas")).toArray().first().toObject();
    QCOMPARE(replica.value(QLatin1String("uri")).toString(),
             QStringLiteral("My%20Dataset%202-%1/a/b/readme.txt").arg(dataset));
    QCOMPARE(replica.value(QLatin1String("location")).toString(), QStringLiteral("staging"));
    QCOMPARE(replica.value(QLatin1String("verified")).toBool(), false);
    QCOMPARE(file.json().value(QLatin1String("size")).toInt(), 5);
}

void TestStandinApi::multipartUploadIsVerified()
{
    const QByteArray content = "posted over HTTP\n";
    const HttpReply r =
        m_http->postMultipart(QStringLiteral("/api/v1/mydata_dataset_file/"),
                              datafileJson(QStringLiteral("posted.txt"), content, QStringLiteral("d 1")), content,
                              QStringLiteral("posted.txt"));
    QCOMPARE(r.status, 201);
    QVERIFY(r.body.isEmpty());
    const qint64 id = ApiId(r.location);
    QVERIFY(id > 0);
    QVERIFY(waitVerified(id, 3000));
    const HttpReply file = m_http->get(QStringLiteral("/api/v1/mydata_dataset_file/%1/?format=json").arg(id));
    const QJsonObject replica = file.json().value(QLatin1String("replicas")).toArray().first().toObject();
    // Django's naive local time with microseconds, stamped just now (the
    // stand-in formats it by hand, for speed).
    const QString verifiedAt = replica.value(QLatin1String("last_verified_time")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}$"))
                 .match(verifiedAt)
                 .hasMatch(),
             qPrintable(verifiedAt));
    const QDateTime stamped = QDateTime::fromString(verifiedAt.left(23), QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
    QVERIFY2(qAbs(stamped.secsTo(QDateTime::currentDateTime())) < 60, qPrintable(verifiedAt));
    QFile stored(m_server.storeDir() + QLatin1Char('/') + replica.value(QLatin1String("uri")).toString());
    QVERIFY2(stored.open(QIODevice::ReadOnly), qPrintable(stored.fileName()));
    QCOMPARE(stored.readAll(), content);
    // A second POST of the same file conflicts.
    QCOMPARE(m_http
                 ->postMultipart(QStringLiteral("/api/v1/mydata_dataset_file/"),
                                 datafileJson(QStringLiteral("posted.txt"), content, QStringLiteral("d 1")), content,
                                 QStringLiteral("posted.txt"))
                 .status,
             409);
}

void TestStandinApi::multipartWithoutChecksum()
{
    const QByteArray content = "no checksum sent\n";
    QJsonObject fields = datafileJson(QStringLiteral("nosum.txt"), content);
    fields.remove(QStringLiteral("md5sum"));
    fields.remove(QStringLiteral("size"));
    const HttpReply r = m_http->postMultipart(QStringLiteral("/api/v1/mydata_dataset_file/"), fields, content,
                                              QStringLiteral("nosum.txt"));
    QCOMPARE(r.status, 201);
    const qint64 id = ApiId(r.location);
    QVERIFY(waitVerified(id, 3000));
    const QJsonObject file = m_http->get(QStringLiteral("/api/v1/mydata_dataset_file/%1/?format=json").arg(id)).json();
    QCOMPARE(file.value(QLatin1String("md5sum")).toString(), md5Hex(content));
    QCOMPARE(file.value(QLatin1String("size")).toInt(), content.size());
}

void TestStandinApi::stagedFileVerification_data()
{
    QTest::addColumn<QByteArray>("registered");
    QTest::addColumn<QByteArray>("written");
    QTest::addColumn<bool>("verified");
    QTest::newRow("same bytes") << QByteArray("staged bytes\n") << QByteArray("staged bytes\n") << true;
    QTest::newRow("same size, other bytes") << QByteArray("staged bytes\n") << QByteArray("STAGED BYTES\n") << false;
    QTest::newRow("partial") << QByteArray("staged bytes\n") << QByteArray("staged") << false;
}

void TestStandinApi::stagedFileVerification()
{
    QFETCH(QByteArray, registered);
    QFETCH(QByteArray, written);
    QFETCH(bool, verified);
    const QString name = QStringLiteral("staged-%1.txt")
                             .arg(QString::fromLatin1(QTest::currentDataTag())
                                      .replace(QLatin1Char(' '), QLatin1Char('_'))
                                      .remove(QLatin1Char(',')));
    const HttpReply r =
        m_http->postJson(QStringLiteral("/api/v1/mydata_dataset_file/"), datafileJson(name, registered));
    QCOMPARE(r.status, 201);
    const QString path = QString::fromUtf8(r.body);
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    const qint64 id = ApiId(r.location);
    const HttpReply before = m_http->get(QStringLiteral("/api/v1/mydata_dataset_file/%1/?format=json").arg(id));
    const qint64 replicaId = before.json()
                                 .value(QLatin1String("replicas"))
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QLatin1String("id"))
                                 .toInteger();
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/mydata_replica/%1/?format=json").arg(replicaId))
                 .json()
                 .value(QLatin1String("size")),
             QJsonValue(QJsonValue::Null));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(written);
    }
    const HttpReply replica = m_http->get(QStringLiteral("/api/v1/mydata_replica/%1/?format=json").arg(replicaId));
    QCOMPARE(replica.json().value(QLatin1String("size")).toInt(), written.size());
    // Nothing is verified until the client asks.
    QVERIFY(!waitVerified(id, 200));
    const HttpReply verify = m_http->get(QStringLiteral("/api/v1/dataset_file/%1/verify/").arg(id));
    QCOMPARE(verify.status, 200);
    QCOMPARE(waitVerified(id, verified ? 3000 : 500), verified);
    QVERIFY(QFile::exists(path)); // the staged file stays
}

// Verification runs between requests, not only once they stop: a client
// asking for a verification every few milliseconds must still see its first
// file verified while it keeps asking.
void TestStandinApi::verificationKeepsUpWithRequests()
{
    const auto staged = [this](const QString &name, const QByteArray &content, bool write) {
        const HttpReply r = m_http->postJson(QStringLiteral("/api/v1/mydata_dataset_file/"), datafileJson(name, content));
        const QString path = QString::fromUtf8(r.body);
        if (write) {
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile f(path);
            if (f.open(QIODevice::WriteOnly))
                f.write(content);
        }
        return r.status == 201 ? ApiId(r.location) : 0;
    };
    const qint64 first = staged(QStringLiteral("busy-first.txt"), "first\n", true);
    const qint64 other = staged(QStringLiteral("busy-other.txt"), "never written\n", false);
    QVERIFY(first > 0 && other > 0);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/dataset_file/%1/verify/").arg(first)).status, 200);
    QElapsedTimer t;
    t.start();
    bool verified = false;
    while (!verified && t.elapsed() < 3000) {
        QCOMPARE(m_http->get(QStringLiteral("/api/v1/dataset_file/%1/verify/").arg(other)).status, 200);
        const QJsonArray replicas = m_http->get(QStringLiteral("/api/v1/mydata_dataset_file/%1/?format=json").arg(first))
                                        .json()
                                        .value(QLatin1String("replicas"))
                                        .toArray();
        verified = !replicas.isEmpty() && replicas.first().toObject().value(QLatin1String("verified")).toBool();
    }
    QVERIFY2(verified, "the first file stayed unverified while verification requests kept coming");
}

void TestStandinApi::datasetStats()
{
    const HttpReply r = m_http->get(QStringLiteral("/api/v1/mydata_dataset_stats/%1/").arg(m_datasetId));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QVERIFY(o.value(QLatin1String("success")).toBool());
    const QJsonObject files = o.value(QLatin1String("files")).toObject();
    QVERIFY(files.value(QLatin1String("total")).toInt() >= 3);
    QVERIFY(files.value(QLatin1String("verified")).toInt() >= 1);
    QVERIFY(files.value(QLatin1String("verified")).toInt() < files.value(QLatin1String("total")).toInt());
    QCOMPARE(o.value(QLatin1String("verified")).toBool(), false);
    QVERIFY(o.value(QLatin1String("last_verified")).toString().endsWith(QLatin1Char('Z')));
}

void TestStandinApi::uploaderSettings()
{
    const QString uuid = QStringLiteral("uploader-settings-test");
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/mydata_uploader/?format=json&uuid=") + uuid)
                 .json()
                 .value(QLatin1String("meta"))
                 .toObject()
                 .value(QLatin1String("total_count"))
                 .toInt(),
             0);
    HttpReply r = m_http->postJson(QStringLiteral("/api/v1/mydata_uploader/"),
                                   {{QStringLiteral("uuid"), uuid},
                                    {QStringLiteral("name"), QStringLiteral("Test Instrument")},
                                    {QStringLiteral("hostname"), QStringLiteral("vm")},
                                    {QStringLiteral("instruments"), QJsonArray{m_instrumentUri}}});
    QCOMPARE(r.status, 201);
    const qint64 id = r.json().value(QLatin1String("id")).toInteger();
    QCOMPARE(QString::fromLatin1(r.location), QStringLiteral("/api/v1/mydata_uploader/%1/").arg(id));
    QVERIFY(r.json().value(QLatin1String("settings_updated")).isNull());
    QVERIFY(!r.json().contains(QLatin1String("hostname"))); // machine facts are never shown

    const QString detail = QStringLiteral("/api/v1/mydata_uploader/%1/").arg(id);
    r = m_http->sendJson(
        "PUT", detail,
        {{QStringLiteral("uuid"), QStringLiteral("someone-else")}, {QStringLiteral("name"), QStringLiteral("x")}});
    QCOMPARE(r.status, 401);
    r = m_http->sendJson("PUT", detail,
                         {{QStringLiteral("uuid"), uuid}, {QStringLiteral("name"), QStringLiteral("Renamed")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("name")).toString(), QStringLiteral("Renamed"));
    r = m_http->sendJson("PATCH", detail,
                         {{QStringLiteral("uuid"), uuid},
                          {QStringLiteral("settings"),
                           QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("max_upload_threads")},
                                                  {QStringLiteral("value"), QStringLiteral("3")}}}}});
    QCOMPARE(r.status, 202);
    QVERIFY(!r.json().value(QLatin1String("settings_updated")).toString().isEmpty());
    const QJsonObject listed = m_http->get(QStringLiteral("/api/v1/mydata_uploader/?format=json&uuid=") + uuid)
                                   .json()
                                   .value(QLatin1String("objects"))
                                   .toArray()
                                   .first()
                                   .toObject();
    QCOMPARE(
        listed.value(QLatin1String("settings")).toArray().first().toObject().value(QLatin1String("value")).toString(),
        QStringLiteral("3"));
}

void TestStandinApi::chunkedUpload()
{
#ifndef HAVE_XXHASH
    QSKIP("xxhash.h is not installed (libxxhash-dev)");
#else
    QCOMPARE(QStringLiteral("%1").arg(XXH3_64bits("", 0), 16, 16, QLatin1Char('0')),
             QStringLiteral("2d06800538d394c2"));
    const QByteArray content = "0123456789abcdefghijklmnopqrstuvwxyz";
    const HttpReply reg = m_http->postJson(QStringLiteral("/api/v1/mydata_dataset_file/"),
                                           datafileJson(QStringLiteral("chunked.bin"), content));
    QCOMPARE(reg.status, 201);
    const qint64 id = ApiId(reg.location);
    const qint64 replicaId = m_http->get(QStringLiteral("/api/v1/mydata_dataset_file/%1/?format=json").arg(id))
                                 .json()
                                 .value(QLatin1String("replicas"))
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QLatin1String("id"))
                                 .toInteger();
    const QString base = QStringLiteral("/api/v1/mydata_upload/%1/").arg(replicaId);
    QJsonObject status = m_http->get(base).json();
    QCOMPARE(status.value(QLatin1String("success")).toBool(), true);
    QCOMPARE(status.value(QLatin1String("completed")).toBool(), false);
    QCOMPARE(status.value(QLatin1String("offset")).toInt(), 0);
    QCOMPARE(status.value(QLatin1String("size")).toInt(), 10 * 1024 * 1024);
    QCOMPARE(status.value(QLatin1String("checksum")).toString(), QStringLiteral("xxh3_64"));

    auto sendChunk = [&](qint64 start, qint64 end, const QString &checksum) {
        return m_http
            ->postRaw(
                base + QStringLiteral("upload/"), content.mid(start, end - start),
                {{"Checksum", checksum.toLatin1()},
                 {"Content-Range", QStringLiteral("%1-%2/%3").arg(start).arg(end).arg(content.size()).toLatin1()}})
            .json();
    };
    auto xxh = [&](qint64 start, qint64 end) {
        const QByteArray part = content.mid(start, end - start);
        return QStringLiteral("%1").arg(XXH3_64bits(part.constData(), static_cast<size_t>(part.size())), 16, 16,
                                        QLatin1Char('0'));
    };
    QJsonObject bad = sendChunk(0, 20, QStringLiteral("0000000000000000"));
    QCOMPARE(bad.value(QLatin1String("success")).toBool(), false);
    QVERIFY(bad.value(QLatin1String("error")).toString().startsWith(QLatin1String("Checksum does not match.")));
    QCOMPARE(sendChunk(0, 20, xxh(0, 20)).value(QLatin1String("success")).toBool(), true);
    QCOMPARE(sendChunk(0, 20, xxh(0, 20)).value(QLatin1String("error")).toString(),
             QStringLiteral("Chunk already uploaded."));
    status = m_http->get(base).json();
    QCOMPARE(status.value(QLatin1String("offset")).toInt(), 20);
    QCOMPARE(sendChunk(20, content.size(), xxh(20, content.size())).value(QLatin1String("success")).toBool(), true);
    QCOMPARE(m_http->get(base).json().value(QLatin1String("completed")).toBool(), true);
    QCOMPARE(m_http->get(base + QStringLiteral("complete/")).json().value(QLatin1String("success")).toBool(), true);
    QVERIFY(waitVerified(id, 3000));
    QCOMPARE(m_http->get(base + QStringLiteral("complete/")).json().value(QLatin1String("verified")).toBool(), true);
    QFile assembled(QString::fromUtf8(reg.body));
    QVERIFY(assembled.open(QIODevice::ReadOnly));
    QCOMPARE(assembled.readAll(), content);
    QCOMPARE(
        m_http->get(QStringLiteral("/api/v1/mydata_upload/999999/")).json().value(QLatin1String("error")).toString(),
        QStringLiteral("Invalid object or access denied."));
#endif
}

void TestStandinApi::withoutMydataApp()
{
    StandinProcess plain;
    QVERIFY2(plain.start({QStringLiteral("--no-mydata-app")}), qPrintable(plain.errorString()));
    HttpHelper http(plain.url(), plain.username(), plain.apiKey());
    QCOMPARE(http.get(QStringLiteral("/api/v1/mydata_uploader/?format=json&uuid=x")).status, 404);
    QCOMPARE(http.get(QStringLiteral("/api/v1/mydata_dataset_file/?format=json")).status, 404);
    QCOMPARE(http.get(QStringLiteral("/api/v1/user/?format=json&username=testuser1")).status, 200);
    QVERIFY(!http.get(QStringLiteral("/api/v1/?format=json")).json().contains(QLatin1String("mydata_uploader")));
}

QTEST_GUILESS_MAIN(TestStandinApi)
#include "tst_standinapi.moc"
