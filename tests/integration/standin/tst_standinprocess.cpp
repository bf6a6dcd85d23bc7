// The stand-in server as a process: its subcommands on a live catalogue
// (approve, dump), the request log, injected faults and delays, the seed
// file, and StandinProcess::writeConfig.

#include "HttpHelper.h"
#include "StandinProcess.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade::test;

class TestStandinProcess : public QObject {
    Q_OBJECT

private slots:
    void registrationApprovedBySubcommand();
    void autoApprove();
    void dumpListsTheCatalogue();
    void requestLog();
    void failRate();
    void failFirstOnPath_data();
    void failFirstOnPath();
    void latency();
    void seedFile();
    void writeConfig();
    void sqlSubcommand();
    void restartKeepsCatalogue();

private:
    static qint64 registerUploader(HttpHelper &http, const QString &uuid);
};

qint64 TestStandinProcess::registerUploader(HttpHelper &http, const QString &uuid)
{
    const HttpReply u =
        http.postJson(QStringLiteral("/api/v1/mydata_uploader/"),
                      {{QStringLiteral("uuid"), uuid}, {QStringLiteral("name"), QStringLiteral("Test Instrument")}});
    if (u.status != 201)
        return 0;
    const HttpReply r = http.postJson(QStringLiteral("/api/v1/mydata_uploaderregistrationrequest/"),
                                      {{QStringLiteral("uploader"), u.json().value(QLatin1String("resource_uri"))},
                                       {QStringLiteral("name"), QStringLiteral("Test Instrument")},
                                       {QStringLiteral("requester_name"), QStringLiteral("MyData Tester")},
                                       {QStringLiteral("requester_email"), QStringLiteral("mydata.tester@example.com")},
                                       {QStringLiteral("requester_public_key"), QStringLiteral("ssh-rsa AAAA test")},
                                       {QStringLiteral("requester_key_fingerprint"), QStringLiteral("29:bb:a2")}});
    return r.status == 201 ? r.json().value(QLatin1String("id")).toInteger() : 0;
}

void TestStandinProcess::registrationApprovedBySubcommand()
{
    StandinProcess server;
    QVERIFY2(server.start({QStringLiteral("--scp-host"), QStringLiteral("127.0.0.1"), QStringLiteral("--scp-port"),
                           QStringLiteral("2222"), QStringLiteral("--scp-user"), QStringLiteral("mydata")}),
             qPrintable(server.errorString()));
    HttpHelper http(server.url(), server.username(), server.apiKey());
    QVERIFY(registerUploader(http, server.uuid()) > 0);
    const QString query = QStringLiteral("/api/v1/mydata_uploaderregistrationrequest/?format=json&uploader__uuid=%1"
                                         "&requester_key_fingerprint=29%3Abb%3Aa2")
                              .arg(server.uuid());
    QJsonObject request = http.get(query).json().value(QLatin1String("objects")).toArray().first().toObject();
    QCOMPARE(request.value(QLatin1String("approved")).toBool(), false);
    QVERIFY(request.value(QLatin1String("approved_storage_box")).isNull());

    QVERIFY(server.approveAll());
    request = http.get(query).json().value(QLatin1String("objects")).toArray().first().toObject();
    QCOMPARE(request.value(QLatin1String("approved")).toBool(), true);
    const QJsonObject box = request.value(QLatin1String("approved_storage_box")).toObject();
    QMap<QString, QString> attributes;
    for (const QJsonValue &a : box.value(QLatin1String("attributes")).toArray())
        attributes.insert(a.toObject().value(QLatin1String("key")).toString(),
                          a.toObject().value(QLatin1String("value")).toString());
    QCOMPARE(attributes.value(QStringLiteral("scp_username")), QStringLiteral("mydata"));
    QCOMPARE(attributes.value(QStringLiteral("scp_hostname")), QStringLiteral("127.0.0.1"));
    QCOMPARE(attributes.value(QStringLiteral("scp_port")), QStringLiteral("2222"));
    const QJsonObject option = box.value(QLatin1String("options")).toArray().first().toObject();
    QCOMPARE(option.value(QLatin1String("key")).toString(), QStringLiteral("location"));
    QCOMPARE(option.value(QLatin1String("value")).toString(), server.stagingDir());
}

void TestStandinProcess::autoApprove()
{
    StandinProcess server;
    QVERIFY2(server.start({QStringLiteral("--auto-approve"), QStringLiteral("--scp-user"), QStringLiteral("stage")}),
             qPrintable(server.errorString()));
    HttpHelper http(server.url(), server.username(), server.apiKey());
    const qint64 id = registerUploader(http, server.uuid());
    QVERIFY(id > 0);
    const QJsonObject request =
        http.get(QStringLiteral("/api/v1/mydata_uploaderregistrationrequest/%1/?format=json").arg(id)).json();
    QCOMPARE(request.value(QLatin1String("approved")).toBool(), true);
}

void TestStandinProcess::dumpListsTheCatalogue()
{
    StandinProcess server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpHelper http(server.url(), server.username(), server.apiKey());
    QCOMPARE(server.dump().value(QLatin1String("experiments")).toArray().size(), 0);

    const HttpReply e = http.postJson(
        QStringLiteral("/api/v1/mydata_experiment/"),
        {{QStringLiteral("title"), QStringLiteral("Dumped")}, {QStringLiteral("description"), QString()}});
    QCOMPARE(e.status, 201);
    const QString experimentUri =
        QStringLiteral("/api/v1/experiment/%1/").arg(e.json().value(QLatin1String("id")).toInteger());
    QCOMPARE(http.postJson(QStringLiteral("/api/v1/objectacl/"),
                           {{QStringLiteral("pluginId"), QStringLiteral("django_user")},
                            {QStringLiteral("entityId"), QStringLiteral("2")},
                            {QStringLiteral("content_object"), experimentUri},
                            {QStringLiteral("isOwner"), false},
                            {QStringLiteral("canRead"), true}})
                 .status,
             201);
    const HttpReply d =
        http.postJson(QStringLiteral("/api/v1/dataset/"), {{QStringLiteral("description"), QStringLiteral("Set A")},
                                                           {QStringLiteral("experiments"), QJsonArray{experimentUri}}});
    QCOMPARE(d.status, 201);
    const QByteArray content = "dump me\n";
    QCOMPARE(
        http.postMultipart(QStringLiteral("/api/v1/mydata_dataset_file/"),
                           {{QStringLiteral("dataset"), d.json().value(QLatin1String("resource_uri"))},
                            {QStringLiteral("filename"), QStringLiteral("f.txt")},
                            {QStringLiteral("directory"), QStringLiteral("sub")},
                            {QStringLiteral("md5sum"),
                             QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Md5).toHex())},
                            {QStringLiteral("size"), content.size()},
                            {QStringLiteral("mimetype"), QStringLiteral("text/plain")}},
                           content, QStringLiteral("f.txt"))
            .status,
        201);

    QJsonObject dump;
    QElapsedTimer t;
    t.start();
    do { // the server verifies POSTed files in the background
        dump = server.dump();
        if (dump.value(QLatin1String("datafiles"))
                .toArray()
                .first()
                .toObject()
                .value(QLatin1String("verified"))
                .toBool())
            break;
        QTest::qWait(50);
    } while (t.elapsed() < 3000);
    const QJsonObject experiment = dump.value(QLatin1String("experiments")).toArray().first().toObject();
    QCOMPARE(experiment.value(QLatin1String("title")).toString(), QStringLiteral("Dumped"));
    const QJsonArray acls = experiment.value(QLatin1String("acls")).toArray();
    QCOMPARE(acls.size(), 2); // the creator (owner) and testuser1
    QCOMPARE(acls.at(0).toObject().value(QLatin1String("name")).toString(), QStringLiteral("testfacility"));
    QCOMPARE(acls.at(0).toObject().value(QLatin1String("isOwner")).toBool(), true);
    QCOMPARE(acls.at(1).toObject().value(QLatin1String("name")).toString(), QStringLiteral("testuser1"));
    const QJsonObject dataset = dump.value(QLatin1String("datasets")).toArray().first().toObject();
    QCOMPARE(dataset.value(QLatin1String("description")).toString(), QStringLiteral("Set A"));
    QCOMPARE(dataset.value(QLatin1String("experiments")).toArray().first().toInteger(),
             experiment.value(QLatin1String("id")).toInteger());
    const QJsonObject file = dump.value(QLatin1String("datafiles")).toArray().first().toObject();
    QCOMPARE(file.value(QLatin1String("filename")).toString(), QStringLiteral("f.txt"));
    QCOMPARE(file.value(QLatin1String("directory")).toString(), QStringLiteral("sub"));
    QCOMPARE(file.value(QLatin1String("size")).toInt(), content.size());
    QCOMPARE(file.value(QLatin1String("verified")).toBool(), true);
}

void TestStandinProcess::requestLog()
{
    StandinProcess server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpHelper http(server.url(), server.username(), server.apiKey());
    http.get(QStringLiteral("/api/v1/user/?format=json&username=testuser1"));
    http.get(QStringLiteral("/api/v1/user/?format=json"), QByteArray("ApiKey testfacility:wrong"));
    http.postJson(QStringLiteral("/api/v1/instrument/"),
                  {{QStringLiteral("facility"), QStringLiteral("/api/v1/facility/1/")},
                   {QStringLiteral("name"), QStringLiteral("Logged")}});
    const QList<QJsonObject> log = server.requests();
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.at(0).value(QLatin1String("method")).toString(), QStringLiteral("GET"));
    QCOMPARE(log.at(0).value(QLatin1String("path")).toString(), QStringLiteral("/api/v1/user/"));
    QCOMPARE(log.at(0).value(QLatin1String("query")).toString(), QStringLiteral("format=json&username=testuser1"));
    QCOMPARE(log.at(0).value(QLatin1String("status")).toInt(), 200);
    QCOMPARE(log.at(1).value(QLatin1String("status")).toInt(), 401);
    QCOMPARE(log.at(2).value(QLatin1String("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(log.at(2).value(QLatin1String("status")).toInt(), 201);
}

void TestStandinProcess::failRate()
{
    StandinProcess server;
    QVERIFY2(server.start({QStringLiteral("--fail-rate"), QStringLiteral("0.5")}), qPrintable(server.errorString()));
    HttpHelper http(server.url(), server.username(), server.apiKey());
    int ok = 0, serverErrors = 0, dropped = 0;
    for (int i = 0; i < 60; ++i) {
        const HttpReply r = http.get(QStringLiteral("/api/v1/group/?format=json"));
        if (r.status == 500)
            ++serverErrors;
        else if (r.error != QNetworkReply::NoError)
            ++dropped; // the answer broke off
        else if (r.status == 200)
            ++ok;
    }
    QVERIFY2(ok > 5 && serverErrors > 0 && dropped > 0,
             qPrintable(QStringLiteral("ok %1, 500s %2, dropped %3").arg(ok).arg(serverErrors).arg(dropped)));
    QCOMPARE(ok + serverErrors + dropped, 60);
    // Every request is logged, the dropped ones with status 0.
    int loggedDrops = 0;
    for (const QJsonObject &line : server.requests())
        loggedDrops += line.value(QLatin1String("status")).toInt() == 0;
    QVERIFY(loggedDrops >= dropped);
}

void TestStandinProcess::failFirstOnPath_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("status");
    QTest::newRow("503") << QStringLiteral("503") << 503;
    QTest::newRow("drop") << QStringLiteral("drop") << 0;
}

void TestStandinProcess::failFirstOnPath()
{
    QFETCH(QString, mode);
    QFETCH(int, status);
    StandinProcess server;
    QVERIFY2(server.start({QStringLiteral("--fail-first"), QStringLiteral("2"), QStringLiteral("--fail-path"),
                           QStringLiteral("^GET /api/v1/group/$"), QStringLiteral("--fail-mode"), mode}),
             qPrintable(server.errorString()));
    HttpHelper http(server.url(), server.username(), server.apiKey());
    QCOMPARE(http.get(QStringLiteral("/api/v1/user/?format=json")).status, 200); // another path: untouched
    for (int i = 0; i < 2; ++i) {
        const HttpReply r = http.get(QStringLiteral("/api/v1/group/?format=json"));
        QVERIFY(r.error != QNetworkReply::NoError);
        if (status)
            QCOMPARE(r.status, status);
    }
    const HttpReply third = http.get(QStringLiteral("/api/v1/group/?format=json"));
    QCOMPARE(third.status, 200);
    QCOMPARE(third.error, QNetworkReply::NoError);
}

void TestStandinProcess::latency()
{
    StandinProcess server;
    QVERIFY2(server.start({QStringLiteral("--latency-ms"), QStringLiteral("300")}), qPrintable(server.errorString()));
    HttpHelper http(server.url(), server.username(), server.apiKey());
    QElapsedTimer t;
    t.start();
    QCOMPARE(http.get(QStringLiteral("/api/v1/group/?format=json")).status, 200);
    QVERIFY2(t.elapsed() >= 290, qPrintable(QString::number(t.elapsed())));
}

void TestStandinProcess::seedFile()
{
    QTemporaryDir dir;
    const QString seedPath = dir.filePath(QStringLiteral("seed.json"));
    QFile seed(seedPath);
    QVERIFY(seed.open(QIODevice::WriteOnly));
    seed.write(R"({
      "facility": {"name": "Microscopy", "manager_group": "microscopy-managers", "account": "scope",
                   "instruments": ["Scope 1"]},
      "groups": ["lab-a"],
      "users": [
        {"username": "scope", "first_name": "Scope", "last_name": "Account", "email": "scope@example.org",
         "groups": ["microscopy-managers"]},
        {"username": "alice", "first_name": "Alice", "last_name": "Smith", "email": "Alice@Example.org",
         "groups": ["lab-a"], "api_key": "alicekey"}
      ],
      "renamed_users": {"asmith": "alice"}
    })");
    seed.close();
    StandinProcess server;
    QVERIFY2(server.start({QStringLiteral("--seed"), seedPath}), qPrintable(server.errorString()));
    HttpHelper scope(server.url(), QStringLiteral("scope"), server.apiKey());
    const QJsonArray facilities =
        scope.get(QStringLiteral("/api/v1/facility/?format=json")).json().value(QLatin1String("objects")).toArray();
    QCOMPARE(facilities.size(), 1);
    QCOMPARE(facilities.first().toObject().value(QLatin1String("name")).toString(), QStringLiteral("Microscopy"));
    QCOMPARE(facilities.first()
                 .toObject()
                 .value(QLatin1String("manager_group"))
                 .toObject()
                 .value(QLatin1String("name"))
                 .toString(),
             QStringLiteral("microscopy-managers"));
    QCOMPARE(scope.get(QStringLiteral("/api/v1/instrument/?format=json&facility__id=1&name=Scope%201"))
                 .json()
                 .value(QLatin1String("meta"))
                 .toObject()
                 .value(QLatin1String("total_count"))
                 .toInt(),
             1);
    QCOMPARE(scope.get(QStringLiteral("/api/v1/user/?format=json&email__iexact=alice%40example.org"))
                 .json()
                 .value(QLatin1String("objects"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("username"))
                 .toString(),
             QStringLiteral("alice"));
    const QJsonObject renamed = scope.get(QStringLiteral("/api/v1/mydata_user/?username=asmith")).json();
    QCOMPARE(renamed.value(QLatin1String("success")).toBool(), true);
    QCOMPARE(renamed.value(QLatin1String("username")).toString(), QStringLiteral("alice"));
    QCOMPARE(scope.get(QStringLiteral("/api/v1/mydata_user/?username=alice"))
                 .json()
                 .value(QLatin1String("success"))
                 .toBool(),
             false);
    // A user who manages no facility sees none, and no user records.
    HttpHelper alice(server.url(), QStringLiteral("alice"), QStringLiteral("alicekey"));
    const HttpReply none = alice.get(QStringLiteral("/api/v1/facility/?format=json"));
    QCOMPARE(none.status, 200);
    QCOMPARE(none.json().value(QLatin1String("meta")).toObject().value(QLatin1String("total_count")).toInt(), 0);
    // Groups: only their own; instruments: only of facilities they manage.
    const QJsonArray groups =
        alice.get(QStringLiteral("/api/v1/group/?format=json")).json().value(QLatin1String("objects")).toArray();
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups.first().toObject().value(QLatin1String("name")).toString(), QStringLiteral("lab-a"));
    QCOMPARE(alice.get(QStringLiteral("/api/v1/instrument/?format=json"))
                 .json()
                 .value(QLatin1String("meta"))
                 .toObject()
                 .value(QLatin1String("total_count"))
                 .toInt(),
             0);
    QCOMPARE(scope.get(QStringLiteral("/api/v1/group/?format=json"))
                 .json()
                 .value(QLatin1String("meta"))
                 .toObject()
                 .value(QLatin1String("total_count"))
                 .toInt(),
             2);
    // Users: everyone's record, but username and email only of oneself.
    const QJsonObject self = alice.get(QStringLiteral("/api/v1/user/?format=json&username=alice"))
                                 .json()
                                 .value(QLatin1String("objects"))
                                 .toArray()
                                 .first()
                                 .toObject();
    QCOMPARE(self.value(QLatin1String("email")).toString(), QStringLiteral("Alice@Example.org"));
    const QJsonObject other = alice.get(QStringLiteral("/api/v1/user/?format=json&username=scope"))
                                  .json()
                                  .value(QLatin1String("objects"))
                                  .toArray()
                                  .first()
                                  .toObject();
    QCOMPARE(other.value(QLatin1String("first_name")).toString(), QStringLiteral("Scope"));
    QVERIFY(!other.contains(QLatin1String("username")));
    QVERIFY(!other.contains(QLatin1String("email")));
    QCOMPARE(alice.get(QStringLiteral("/api/v1/mydata_uploader/?format=json"))
                 .json()
                 .value(QLatin1String("meta"))
                 .toObject()
                 .value(QLatin1String("total_count"))
                 .toInt(),
             0);
}

void TestStandinProcess::writeConfig()
{
    StandinProcess server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("MyData.cfg"));
    QVERIFY(server.writeConfig(path, {{QStringLiteral("folder_structure"), QStringLiteral("Email / Dataset")},
                                      {QStringLiteral("verification_delay"), QStringLiteral("0")}}));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY(text.startsWith(QLatin1String("[MyData]\n")));
    QVERIFY(text.contains(QStringLiteral("mytardis_url = http://127.0.0.1:%1\n").arg(server.port())));
    QVERIFY(text.contains(QStringLiteral("api_key = ") + server.apiKey() + QLatin1Char('\n')));
    QVERIFY(text.contains(QLatin1String("username = testfacility\n")));
    QVERIFY(text.contains(QLatin1String("instrument_name = Test Instrument\n")));
    QVERIFY(text.contains(QLatin1String("facility_name = Test Facility\n")));
    QVERIFY(text.contains(QStringLiteral("uuid = ") + server.uuid() + QLatin1Char('\n')));
    QVERIFY(text.contains(QLatin1String("folder_structure = Email / Dataset\n")));
    QVERIFY(!text.contains(QLatin1String("Username / Dataset")));
    QVERIFY(text.contains(QLatin1String("verification_delay = 0\n")));
    // The key it writes is the one the server accepts.
    HttpHelper http(server.url(), QStringLiteral("testfacility"), server.apiKey());
    QCOMPARE(http.get(QStringLiteral("/api/v1/facility/?format=json"))
                 .json()
                 .value(QLatin1String("meta"))
                 .toObject()
                 .value(QLatin1String("total_count"))
                 .toInt(),
             1);
}

void TestStandinProcess::sqlSubcommand()
{
    StandinProcess server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    bool ok = false;
    QCOMPARE(server.sql(QStringLiteral("SELECT username, email FROM users WHERE username = 'testuser2'"), &ok),
             QStringLiteral("testuser2\ttestuser2@example.com\n"));
    QVERIFY(ok);
    server.sql(QStringLiteral("UPDATE users SET first_name = 'Changed' WHERE username = 'testuser2'"), &ok);
    QVERIFY(ok);
    HttpHelper http(server.url(), server.username(), server.apiKey());
    QCOMPARE(http.get(QStringLiteral("/api/v1/user/?format=json&username=testuser2"))
                 .json()
                 .value(QLatin1String("objects"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("first_name"))
                 .toString(),
             QStringLiteral("Changed"));
    server.sql(QStringLiteral("SELECT nonsense FROM nowhere"), &ok);
    QVERIFY(!ok);
    // Django's APPEND_SLASH keeps the query.
    const HttpReply r = http.get(QStringLiteral("/api/v1/user?format=json"));
    QCOMPARE(r.status, 301);
    QCOMPARE(r.location, QByteArray("/api/v1/user/?format=json"));
}

void TestStandinProcess::restartKeepsCatalogue()
{
    StandinProcess server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    {
        HttpHelper http(server.url(), server.username(), server.apiKey());
        QCOMPARE(http.postJson(QStringLiteral("/api/v1/instrument/"),
                               {{QStringLiteral("facility"), QStringLiteral("/api/v1/facility/1/")},
                                {QStringLiteral("name"), QStringLiteral("Kept")}})
                     .status,
                 201);
    }
    server.stop();
    QVERIFY(!server.isRunning());
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpHelper http(server.url(), server.username(), server.apiKey());
    const HttpReply r = http.get(QStringLiteral("/api/v1/instrument/?format=json&name=Kept"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("meta")).toObject().value(QLatin1String("total_count")).toInt(), 1);
    QCOMPARE(http.get(QStringLiteral("/api/v1/user/?format=json"))
                 .json()
                 .value(QLatin1String("meta"))
                 .toObject()
                 .value(QLatin1String("total_count"))
                 .toInt(),
             3); // seeded once
}

QTEST_GUILESS_MAIN(TestStandinProcess)
#include "tst_standinprocess.moc"
