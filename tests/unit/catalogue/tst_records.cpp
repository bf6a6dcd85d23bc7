// Parsing of the typed records on the golden transcript bodies
// (mytardis-transcripts.jsonl, recorded from a stock MyTardis 4.6 + mydata),
// and the request bodies the client builds compared with the recorded ones.
#include "catalogue/CatalogueTypes.h"
#include "catalogue/Records.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace tardigrade;

namespace {

struct Exchange {
    QString method;
    QString path;
    int status = 0;
    QJsonObject requestHeaders;
    QJsonValue requestBody;
    QJsonObject responseHeaders;
    QByteArray responseBody;
};

QVector<Exchange> loadTranscripts()
{
    QVector<Exchange> out;
    QFile f(QStringLiteral(TARDIGRADE_TEST_DATA_DIR "/mytardis-transcripts.jsonl"));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        Exchange e;
        e.method = o.value(QLatin1String("method")).toString();
        e.path = o.value(QLatin1String("path")).toString();
        e.status = o.value(QLatin1String("status")).toString().section(QLatin1Char(' '), 0, 0).toInt();
        e.requestHeaders = o.value(QLatin1String("request_headers")).toObject();
        e.requestBody = o.value(QLatin1String("request_body"));
        e.responseHeaders = o.value(QLatin1String("response_headers")).toObject();
        e.responseBody = o.value(QLatin1String("response_body")).toString().toUtf8();
        out.push_back(e);
    }
    return out;
}

// The first exchange whose method and path start match, with that status.
Exchange find(const QString &method, const QString &pathStart, int status = 0)
{
    static const QVector<Exchange> all = loadTranscripts();
    for (const Exchange &e : all)
        if (e.method == method && e.path.startsWith(pathStart) && (status == 0 || e.status == status))
            return e;
    return {};
}

QJsonObject body(const Exchange &e)
{
    return QJsonDocument::fromJson(e.responseBody).object();
}

QJsonObject firstObject(const Exchange &e)
{
    return body(e).value(QLatin1String("objects")).toArray().first().toObject();
}

QJsonObject requestJson(const Exchange &e)
{
    return QJsonDocument::fromJson(e.requestBody.toString().toUtf8()).object();
}

} // namespace

class TestRecords : public QObject {
    Q_OBJECT
private slots:
    void transcriptsPresent()
    {
        QVERIFY2(loadTranscripts().size() >= 30, "mytardis-transcripts.jsonl not found or short");
    }

    void everyJsonBodyParses()
    {
        // Every JSON answer of the transcripts is a JSON object the records
        // can read; list answers carry meta and objects.
        int json = 0;
        for (const Exchange &e : loadTranscripts()) {
            if (!e.responseHeaders.value(QLatin1String("Content-Type"))
                     .toString()
                     .startsWith(QLatin1String("application/json")))
                continue;
            QJsonParseError err{};
            const QJsonDocument doc = QJsonDocument::fromJson(e.responseBody, &err);
            QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(e.path));
            QVERIFY(doc.isObject());
            const QJsonObject o = doc.object();
            if (o.contains(QLatin1String("meta"))) {
                const ListMeta m = ListMeta::fromJson(o.value(QLatin1String("meta")).toObject());
                QVERIFY(m.limit > 0);
                QCOMPARE(m.totalCount >= o.value(QLatin1String("objects")).toArray().size(), true);
            }
            ++json;
        }
        QVERIFY(json >= 20);
    }

    void user()
    {
        const User u = User::fromJson(
            firstObject(find(QStringLiteral("GET"), QStringLiteral("/api/v1/user/?format=json&username=mydata"), 200)));
        QCOMPARE(u.id, 2);
        QCOMPARE(u.username, QStringLiteral("mydata"));
        QCOMPARE(u.email, QStringLiteral("mydata@example.com"));
        QCOMPARE(u.groups.size(), 2);
        QCOMPARE(u.groups[1].id, 2);
        QCOMPARE(u.groups[1].name, QStringLiteral("test-facility-managers"));
        QCOMPARE(u.resourceUri, QStringLiteral("/api/v1/user/2/"));
        QCOMPARE(u.fullName(), QStringLiteral("Mydata "));

        const User byEmail = User::fromJson(
            firstObject(find(QStringLiteral("GET"), QStringLiteral("/api/v1/user/?format=json&email__iexact="))));
        QCOMPARE(byEmail.id, 3);
        QCOMPARE(byEmail.username, QStringLiteral("testuser1"));
        QVERIFY(byEmail.groups.isEmpty());
    }

    void emptyListsAndMigratedUser()
    {
        const QJsonObject groups = body(find(QStringLiteral("GET"), QStringLiteral("/api/v1/group/")));
        QCOMPARE(groups.value(QLatin1String("objects")).toArray().size(), 0);
        QCOMPARE(ListMeta::fromJson(groups.value(QLatin1String("meta")).toObject()).next, QString());
        const MigratedUser m =
            MigratedUser::fromJson(body(find(QStringLiteral("GET"), QStringLiteral("/api/v1/mydata_user/"))));
        QVERIFY(!m.success);
        const MigratedUser ok = MigratedUser::fromJson(
            QJsonDocument::fromJson(R"({"success": true, "id": 7, "username": "alice2"})").object());
        QVERIFY(ok.success);
        QCOMPARE(ok.id, 7);
        QCOMPARE(ok.username, QStringLiteral("alice2"));
    }

    void facilityAndInstrument()
    {
        const Facility f =
            Facility::fromJson(firstObject(find(QStringLiteral("GET"), QStringLiteral("/api/v1/facility/"))));
        QCOMPARE(f.id, 1);
        QCOMPARE(f.name, QStringLiteral("Test Facility"));
        QCOMPARE(f.resourceUri, QStringLiteral("/api/v1/facility/1/"));
        QCOMPARE(f.managerGroup.id, 2);
        QCOMPARE(f.managerGroup.name, QStringLiteral("test-facility-managers"));

        const Instrument i =
            Instrument::fromJson(firstObject(find(QStringLiteral("GET"), QStringLiteral("/api/v1/instrument/"))));
        QCOMPARE(i.id, 1);
        QCOMPARE(i.name, QStringLiteral("Test Instrument"));
        QCOMPARE(i.resourceUri, QStringLiteral("/api/v1/instrument/1/"));
        QCOMPARE(i.facilityId, 1);
        QCOMPARE(i.facilityName, QStringLiteral("Test Facility"));
    }

    void uploader()
    {
        const Exchange created = find(QStringLiteral("POST"), QStringLiteral("/api/v1/mydata_uploader/"), 201);
        const UploaderRecord u = UploaderRecord::fromJson(body(created));
        QCOMPARE(u.id, 1);
        QCOMPARE(u.resourceUri, QStringLiteral("/api/v1/mydata_uploader/1/"));
        QVERIFY(u.settings.isEmpty());
        QVERIFY(!u.settingsUpdated.isValid());
        QCOMPARE(created.responseHeaders.value(QLatin1String("Location")).toString(),
                 QStringLiteral("/api/v1/mydata_uploader/1/"));

        const UploaderRecord withSettings = UploaderRecord::fromJson(
            QJsonDocument::fromJson(
                R"({"id": 4, "settings": [{"key": "contact_name", "value": "Ann"}, {"key": "locked", "value": true}],
                "settings_updated": "2026-11-22T13:12:34.834394", "settings_downloaded": null})")
                .object());
        QCOMPARE(withSettings.id, 4);
        QCOMPARE(withSettings.settings.size(), 2);
        QCOMPARE(withSettings.settings[0].value, QStringLiteral("Ann"));
        QCOMPARE(withSettings.settings[1].value, QStringLiteral("True"));
        QCOMPARE(withSettings.settingsUpdated, QDateTime(QDate(2026, 11, 22), QTime(13, 12, 34, 834)));
    }

    void uploaderFieldsMatchTranscript()
    {
        // Same keys as the real client sends, nothing more, nothing less.
        const QJsonObject recorded =
            requestJson(find(QStringLiteral("POST"), QStringLiteral("/api/v1/mydata_uploader/")));
        UploaderFields f;
        f.instruments << QStringLiteral("/api/v1/instrument/1/");
        QStringList ours = f.toJson().keys();
        QStringList theirs = recorded.keys();
        ours.sort();
        theirs.sort();
        QCOMPARE(ours, theirs);
        QVERIFY(f.toJson().value(QLatin1String("cpus")).isDouble());
    }

    void registrationRequest()
    {
        const Exchange created =
            find(QStringLiteral("POST"), QStringLiteral("/api/v1/mydata_uploaderregistrationrequest/"));
        const RegistrationRequest r = RegistrationRequest::fromJson(body(created));
        QCOMPARE(r.id, 1);
        QVERIFY(!r.approved);
        QVERIFY(!r.hasStorageBox);
        QCOMPARE(r.scpPort, 22);
        QCOMPARE(r.uploader, QStringLiteral("/api/v1/mydata_uploader/1/"));
        QCOMPARE(r.requesterKeyFingerprint, QStringLiteral("29:bb:a2:3f:ec:19:7c:cc:c5:42:80:29:12:60:65:e8"));

        // The request body the client builds equals the recorded one.
        const QJsonObject recorded = requestJson(created);
        NewRegistrationRequest n;
        n.uploaderUri = recorded.value(QLatin1String("uploader")).toString();
        n.name = recorded.value(QLatin1String("name")).toString();
        n.requesterName = recorded.value(QLatin1String("requester_name")).toString();
        n.requesterEmail = recorded.value(QLatin1String("requester_email")).toString();
        n.publicKey = recorded.value(QLatin1String("requester_public_key")).toString();
        n.fingerprint = recorded.value(QLatin1String("requester_key_fingerprint")).toString();
        QCOMPARE(n.toJson(), recorded);
    }

    void approvedRegistration_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("port");
        QTest::newRow("port as string") << QByteArray(R"({"scp_port": {"key": "scp_port", "value": "2222"}})") << 2222;
        QTest::newRow("no port: 22") << QByteArray() << 22;
        QTest::newRow("bad port: 22") << QByteArray(R"({"scp_port": {"key": "scp_port", "value": "x"}})") << 22;
    }

    void approvedRegistration()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, port);
        QJsonArray attrs{QJsonObject{{QStringLiteral("key"), QStringLiteral("scp_username")},
                                     {QStringLiteral("value"), QStringLiteral("mydata")}},
                         QJsonObject{{QStringLiteral("key"), QStringLiteral("scp_hostname")},
                                     {QStringLiteral("value"), QStringLiteral("staging.example.org")}}};
        if (!json.isEmpty())
            attrs.append(QJsonDocument::fromJson(json).object().value(QLatin1String("scp_port")));
        QJsonObject box{{QStringLiteral("name"), QStringLiteral("staging")},
                        {QStringLiteral("attributes"), attrs},
                        {QStringLiteral("options"),
                         QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("location")},
                                                {QStringLiteral("value"), QStringLiteral("/var/staging")}}}}};
        QJsonObject o{{QStringLiteral("id"), 3},
                      {QStringLiteral("approved"), true},
                      {QStringLiteral("approved_storage_box"), box}};
        const RegistrationRequest r = RegistrationRequest::fromJson(o);
        QVERIFY(r.approved);
        QVERIFY(r.hasStorageBox);
        QCOMPARE(r.scpUsername, QStringLiteral("mydata"));
        QCOMPARE(r.scpHostname, QStringLiteral("staging.example.org"));
        QCOMPARE(r.scpPort, port);
        QCOMPARE(r.location, QStringLiteral("/var/staging"));
    }

    void experiment()
    {
        const Exchange created = find(QStringLiteral("POST"), QStringLiteral("/api/v1/mydata_experiment/"));
        const Experiment e = Experiment::fromJson(body(created));
        QCOMPARE(e.id, 1);
        QCOMPARE(e.title, QStringLiteral("Test Instrument - Testuser1 "));
        QCOMPARE(e.uri(), QStringLiteral("/api/v1/experiment/1/"));
        QCOMPARE(e.resourceUri, QStringLiteral("/api/v1/mydata_experiment/1/"));

        // The body the client sends equals the recorded one, description included.
        const QJsonObject recorded = requestJson(created);
        NewExperiment n;
        n.key.title = QStringLiteral("Test Instrument - Testuser1 ");
        n.key.folderStructure = QStringLiteral("Username / Dataset");
        n.key.userFolderName = QStringLiteral("testuser1");
        n.uploaderUuid = QStringLiteral("11111111-2222-3333-4444-555555555555");
        n.description = experimentDescription(QStringLiteral("Test Instrument"), QStringLiteral("testuser1"), QString(),
                                              QStringLiteral("vm"), QStringLiteral("/var/lib/mytardis/data/testuser1"));
        QCOMPARE(n.toJson(), recorded);

        n.key.groupFolderName = QStringLiteral("Team A");
        const QJsonArray params = n.toJson()
                                      .value(QLatin1String("parameter_sets"))
                                      .toArray()
                                      .first()
                                      .toObject()
                                      .value(QLatin1String("parameters"))
                                      .toArray();
        QCOMPARE(params.size(), 3);
        QCOMPARE(params[2].toObject().value(QLatin1String("value")).toString(), QStringLiteral("Team A"));
        QVERIFY(experimentDescription(QStringLiteral("I"), QStringLiteral("u"), QStringLiteral("g"),
                                      QStringLiteral("h"), QStringLiteral("/d"))
                    .endsWith(QStringLiteral("\nGroup folder name: g")));
    }

    void objectAcl()
    {
        const QJsonObject recorded = requestJson(find(QStringLiteral("POST"), QStringLiteral("/api/v1/objectacl/")));
        ObjectAcl acl;
        acl.isGroup = true;
        acl.entityId = 2;
        acl.experimentId = 1;
        acl.isOwner = true;
        QCOMPARE(acl.toJson(), recorded);
    }

    void dataset()
    {
        const Exchange created = find(QStringLiteral("POST"), QStringLiteral("/api/v1/dataset/"));
        const Dataset d = Dataset::fromJson(body(created));
        QCOMPARE(d.id, 1);
        QCOMPARE(d.description, QStringLiteral("Dataset 2"));
        QCOMPARE(d.instrumentId, 1);
        QCOMPARE(d.experiments, QStringList{QStringLiteral("/api/v1/experiment/1/")});
        QCOMPARE(d.uri(), QStringLiteral("/api/v1/dataset/1/"));

        NewDataset n;
        n.instrumentUri = QStringLiteral("/api/v1/instrument/1/");
        n.description = QStringLiteral("Dataset 2");
        n.experimentUri = QStringLiteral("/api/v1/experiment/1/");
        QCOMPARE(n.toJson(), requestJson(created));
    }

    void datafileListing()
    {
        const QJsonObject listing = body(find(
            QStringLiteral("GET"), QStringLiteral("/api/v1/mydata_dataset_file/?format=json&dataset__id=1&limit=0")));
        const ListMeta meta = ListMeta::fromJson(listing.value(QLatin1String("meta")).toObject());
        QCOMPARE(meta.limit, 1000);
        QVERIFY(meta.next.isEmpty());
        const DataFile f = DataFile::fromJson(listing.value(QLatin1String("objects")).toArray().first().toObject());
        QCOMPARE(f.id, 1);
        QCOMPARE(f.filename, QStringLiteral("readme.txt"));
        QCOMPARE(f.directory, QString());
        QCOMPARE(f.relativePath(), QStringLiteral("readme.txt"));
        QCOMPARE(f.size, 15);
        QCOMPARE(f.md5sum, QStringLiteral("2a43deef1aea340c806c24a5dda02648"));
        QCOMPARE(f.dataset, QStringLiteral("/api/v1/dataset/1/"));
        QCOMPARE(f.version, 1);
        QCOMPARE(f.modificationTime, QDateTime(QDate(2026, 11, 22), QTime(13, 12, 34, 834)));
        QCOMPARE(f.replicas.size(), 1);
        QVERIFY(f.isVerified());
        QCOMPARE(f.replicas[0].id, 1);
        QCOMPARE(f.replicas[0].uri, QStringLiteral("Dataset%202-1/readme.txt"));
        QCOMPARE(f.replicas[0].location, QStringLiteral("staging"));
        QVERIFY(f.replicas[0].lastVerifiedTime.isValid());

        const DataFile detail =
            DataFile::fromJson(body(find(QStringLiteral("GET"), QStringLiteral("/api/v1/mydata_dataset_file/1/"))));
        QCOMPARE(detail.id, 1);
        QVERIFY(detail.isVerified());
    }

    void pagedListing()
    {
        const QJsonObject page = body(find(
            QStringLiteral("GET"), QStringLiteral("/api/v1/mydata_dataset_file/?format=json&dataset__id=3&limit=2")));
        const ListMeta meta = ListMeta::fromJson(page.value(QLatin1String("meta")).toObject());
        QCOMPARE(meta.limit, 2);
        QCOMPARE(meta.offset, 2);
        QCOMPARE(meta.totalCount, 250);
        QCOMPARE(meta.next, QStringLiteral("/api/v1/mydata_dataset_file/?format=json&dataset__id=3&limit=2&offset=4"));
        const QJsonArray objects = page.value(QLatin1String("objects")).toArray();
        QCOMPARE(objects.size(), 2);
        QCOMPARE(DataFile::fromJson(objects[0].toObject()).filename, QStringLiteral("t0002.dat"));
        QCOMPARE(DataFile::fromJson(objects[1].toObject()).size, 4096);
    }

    void sizeAsNumberOrString_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("size");
        QTest::newRow("number") << QByteArray(R"({"id": 1, "size": 15})") << qint64(15);
        QTest::newRow("string") << QByteArray(R"({"id": 1, "size": "15"})") << qint64(15);
        QTest::newRow("big string") << QByteArray(R"({"id": 1, "size": "21474836480"})") << qint64(21474836480LL);
        QTest::newRow("big number") << QByteArray(R"({"id": 1, "size": 21474836480})") << qint64(21474836480LL);
        QTest::newRow("missing") << QByteArray(R"({"id": 1})") << qint64(-1);
        QTest::newRow("garbage") << QByteArray(R"({"id": 1, "size": "n/a"})") << qint64(-1);
        // Found by fuzz_records: a number beyond qint64 was converted anyway
        // (undefined behaviour; on x86 a size of -9223372036854775808).
        QTest::newRow("beyond qint64") << QByteArray(R"({"id": 1, "size": 1e20})") << qint64(-1);
        QTest::newRow("beyond qint64, negative") << QByteArray(R"({"id": 1, "size": -1e20})") << qint64(-1);
        QTest::newRow("exactly 2^63") << QByteArray(R"({"id": 1, "size": 9223372036854775808})") << qint64(-1);
        QTest::newRow("largest double below 2^63")
            << QByteArray(R"({"id": 1, "size": 9223372036854774784})") << qint64(9223372036854774784LL);
    }

    void sizeAsNumberOrString()
    {
        QFETCH(QByteArray, json);
        QFETCH(qint64, size);
        QCOMPARE(DataFile::fromJson(QJsonDocument::fromJson(json).object()).size, size);
    }

    void replica()
    {
        const Replica r =
            Replica::fromJson(body(find(QStringLiteral("GET"), QStringLiteral("/api/v1/mydata_replica/1/"))));
        QCOMPARE(r.id, 1);
        QCOMPARE(r.size, 15);
        QVERIFY(r.verified);
        QCOMPARE(r.datafile, QStringLiteral("/api/v1/dataset_file/1/"));
    }

    // Every record takes its id from its resource URI when the answer has no
    // "id" (some resources answer only the URI): one json::idOf for all.
    void everyRecordFallsBackToItsResourceUri()
    {
        const QJsonObject onlyUri{{QStringLiteral("resource_uri"), QStringLiteral("/api/v1/anything/42/")}};
        QCOMPARE(Group::fromJson(onlyUri).id, 42);
        QCOMPARE(User::fromJson(onlyUri).id, 42);
        QCOMPARE(Facility::fromJson(onlyUri).id, 42);
        QCOMPARE(Instrument::fromJson(onlyUri).id, 42);
        QCOMPARE(Experiment::fromJson(onlyUri).id, 42);
        QCOMPARE(Dataset::fromJson(onlyUri).id, 42);
        QCOMPARE(Replica::fromJson(onlyUri).id, 42);
        QCOMPARE(DataFile::fromJson(onlyUri).id, 42);
        QCOMPARE(UploaderRecord::fromJson(onlyUri).id, 42);
        QCOMPARE(RegistrationRequest::fromJson(onlyUri).id, 42);
        QCOMPARE(MigratedUser::fromJson(onlyUri).id, 42);
        // An "id" wins over the URI, as a number or a string.
        QJsonObject both = onlyUri;
        both.insert(QStringLiteral("id"), QStringLiteral("7"));
        QCOMPARE(Dataset::fromJson(both).id, 7);
    }

    void stagingRegistrationBody()
    {
        // The staging answer is plain text, to be used byte for byte; the
        // request JSON equals what the client builds.
        const Exchange e = find(QStringLiteral("POST"), QStringLiteral("/api/v1/mydata_dataset_file/"), 201);
        QCOMPARE(e.responseBody, QByteArray("/var/lib/mytardis/var/staging/Dataset%202-1/readme.txt"));
        QCOMPARE(json::idFromUri(e.responseHeaders.value(QLatin1String("Location")).toString()), 1);

        const QJsonObject recorded = requestJson(e);
        NewDataFile f;
        f.datasetUri = QStringLiteral("/api/v1/dataset/1/");
        f.filename = QStringLiteral("readme.txt");
        f.md5sum = QStringLiteral("2a43deef1aea340c806c24a5dda02648");
        f.size = 15;
        f.mimetype = QStringLiteral("text/plain");
        f.modificationTime = QDateTime(QDate(2026, 11, 22), QTime(13, 12, 34, 834));
        f.createdTime = f.modificationTime;
        QJsonObject ours = f.toJson();
        ours.insert(QStringLiteral("uploader_uuid"), QStringLiteral("11111111-2222-3333-4444-555555555555"));
        ours.insert(QStringLiteral("requester_key_fingerprint"),
                    QStringLiteral("29:bb:a2:3f:ec:19:7c:cc:c5:42:80:29:12:60:65:e8"));
        QStringList a = ours.keys(), b = recorded.keys();
        a.sort();
        b.sort();
        QCOMPARE(a, b);
        for (const QString &k : {QStringLiteral("dataset"), QStringLiteral("filename"), QStringLiteral("directory"),
                                 QStringLiteral("md5sum"), QStringLiteral("size"), QStringLiteral("mimetype")})
            QCOMPARE(ours.value(k), recorded.value(k));
        QCOMPARE(ours.value(QLatin1String("modification_time")).toString(),
                 QStringLiteral("2026-11-22T13:12:34.834000"));
    }

    void idFromUri_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<qint64>("id");
        QTest::newRow("trailing slash") << QStringLiteral("/api/v1/dataset/12/") << qint64(12);
        QTest::newRow("absolute") << QStringLiteral("http://h:9000/api/v1/mydata_dataset_file/506/") << qint64(506);
        QTest::newRow("no slash") << QStringLiteral("/api/v1/dataset/7") << qint64(7);
        QTest::newRow("none") << QStringLiteral("/api/v1/dataset/") << qint64(0);
        QTest::newRow("empty") << QString() << qint64(0);
    }

    void idFromUri()
    {
        QFETCH(QString, uri);
        QFETCH(qint64, id);
        QCOMPARE(json::idFromUri(uri), id);
    }
};

QTEST_GUILESS_MAIN(TestRecords)
#include "tst_records.moc"
