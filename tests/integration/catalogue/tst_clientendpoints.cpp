// Every endpoint the client uses, against the real stand-in server process
// (tests/standin) on loopback: one normal run's calls in order, sections 1–11.
#include "StandinProcess.h"
#include "UploadedFile.h"
#include "catalogue/MyTardisClient.h"
#include "catalogue/ServerSettingsCheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;
using tardigrade::test::StandinProcess;

namespace {

const char *const kSeed = R"({
  "facilities": [{"name": "Test Facility", "manager_group": "Test Facility Managers", "account": "testfacility"},
                 {"name": "Other Facility", "manager_group": "Other Managers"}],
  "groups": ["Test Facility Managers", "Other Managers", "TestFacility-Group1"],
  "users": [
    {"username": "testfacility", "first_name": "Test", "last_name": "Facility",
     "email": "testfacility@example.com", "groups": ["Test Facility Managers"]},
    {"username": "testuser1", "first_name": "Test", "last_name": "User1",
     "email": "testuser1@example.com", "groups": ["TestFacility-Group1"]},
    {"username": "testuser2", "first_name": "Test", "last_name": "User2", "email": "testuser2@example.com"},
    {"username": "other", "first_name": "O", "last_name": "M", "email": "o@example.com", "groups": ["Other Managers"]}
  ],
  "renamed_users": {"olduser": "testuser2"}
})";

} // namespace

class TestClientEndpoints : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    StandinProcess m_server;
    std::unique_ptr<MyTardisClient> m_client;
    const QString m_uuid = QStringLiteral("11111111-2222-3333-4444-555555555555");
    Facility m_facility;
    Instrument m_instrument;
    Experiment m_experiment;
    Dataset m_dataset;

    ClientConfig config() const
    {
        ClientConfig c;
        c.url = m_server.urlString();
        c.username = m_server.username();
        c.apiKey = m_server.apiKey();
        c.backoffMs = 50;
        return c;
    }

    bool waitVerified(qint64 datafileId) { return test::waitVerified(*m_client, datafileId, 15000); }

    int countRequests(const QString &method, const QString &pathPattern) const
    {
        const QRegularExpression re(QLatin1Char('^') + pathPattern + QLatin1Char('$'));
        int n = 0;
        for (const QJsonObject &r : m_server.requests())
            if (r.value(QLatin1String("method")).toString() == method &&
                re.match(r.value(QLatin1String("path")).toString()).hasMatch())
                ++n;
        return n;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const QString seed = m_tmp.filePath(QStringLiteral("seed.json"));
        QFile f(seed);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kSeed);
        f.close();
        QVERIFY2(m_server.start({QStringLiteral("--seed"), seed}), qPrintable(m_server.errorString()));
        m_client = std::make_unique<MyTardisClient>(config());
    }

    void serverAndCredentials()
    {
        const Status s = m_client->checkServer();
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        auto me = m_client->checkCredentials();
        QVERIFY2(me.ok(), qPrintable(me.error().message));
        QCOMPARE(me->username, QStringLiteral("testfacility"));
        bool manager = false;
        for (const Group &g : me->groups)
            manager = manager || g.name == QLatin1String("Test Facility Managers");
        QVERIFY(manager);
    }

    void facility()
    {
        auto f = ServerSettingsCheck::facilityByName(*m_client, QStringLiteral("Test Facility"));
        QVERIFY2(f.ok(), qPrintable(f.error().message));
        QVERIFY(f->id > 0);
        QCOMPARE(f->managerGroup.name, QStringLiteral("Test Facility Managers"));
        m_facility = *f;

        auto missing = ServerSettingsCheck::facilityByName(*m_client, QStringLiteral("Nope"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind, ErrorKind::User);
        // Lists the facilities the account does manage, and only those.
        QVERIFY2(missing.error().message.contains(QStringLiteral("\"Test Facility\"")),
                 qPrintable(missing.error().message));
        QVERIFY(!missing.error().message.contains(QStringLiteral("Other Facility")));
    }

    void instrument()
    {
        const int postsBefore = countRequests(QStringLiteral("POST"), QStringLiteral("/api/v1/instrument/"));
        auto none = m_client->findInstrument(m_facility.id, QStringLiteral("Test Instrument"));
        QVERIFY2(none.ok(), qPrintable(none.error().message));
        QVERIFY(!none->has_value());

        auto made = m_client->createInstrument(m_facility, QStringLiteral("Test Instrument"));
        QVERIFY2(made.ok(), qPrintable(made.error().message));
        QVERIFY(made->id > 0);
        QCOMPARE(countRequests(QStringLiteral("POST"), QStringLiteral("/api/v1/instrument/")), postsBefore + 1);

        auto again = m_client->findInstrument(m_facility.id, QStringLiteral("Test Instrument"));
        QVERIFY(again.ok() && again->has_value());
        QCOMPARE((*again)->id, made->id);
        m_instrument = **again;
        QCOMPARE(m_instrument.resourceUri, QStringLiteral("/api/v1/instrument/%1/").arg(m_instrument.id));
        QCOMPARE(made->resourceUri, m_instrument.resourceUri); // from Location when the body has none
    }

    // Renamed in place: the same record under the new name, no second one.
    void renameInstrument()
    {
        auto made = m_client->createInstrument(m_facility, QStringLiteral("Old Microscope"));
        QVERIFY2(made.ok(), qPrintable(made.error().message));
        const QString countSql = QStringLiteral("SELECT COUNT(*) FROM instruments");
        const QString before = m_server.sql(countSql).trimmed();

        auto renamed = m_client->renameInstrument(made->id, QStringLiteral("New Microscope"));
        QVERIFY2(renamed.ok(), qPrintable(renamed.error().message));
        QCOMPARE(renamed->id, made->id);
        QCOMPARE(renamed->name, QStringLiteral("New Microscope"));
        QCOMPARE(countRequests(QStringLiteral("PUT"), QStringLiteral("/api/v1/instrument/%1/").arg(made->id)), 1);
        QCOMPARE(m_server.sql(countSql).trimmed(), before);
        auto found = m_client->findInstrument(m_facility.id, QStringLiteral("New Microscope"));
        QVERIFY(found.ok() && found->has_value());
        QCOMPARE((*found)->id, made->id);
        auto old = m_client->findInstrument(m_facility.id, QStringLiteral("Old Microscope"));
        QVERIFY(old.ok() && !old->has_value());

        auto missing = m_client->renameInstrument(999999, QStringLiteral("Nobody"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().httpStatus, 404);
    }

    void uploaderRecord()
    {
        auto none = m_client->findUploader(m_uuid);
        QVERIFY2(none.ok(), qPrintable(none.error().message));
        QVERIFY(!none->has_value());

        UploaderFields fields;
        fields.uuid = m_uuid;
        fields.name = QStringLiteral("Test Instrument");
        fields.contactName = QStringLiteral("MyData Tester");
        fields.contactEmail = QStringLiteral("mydata.tester@example.com");
        fields.userAgentVersion = QStringLiteral(TARDIGRADE_VERSION);
        fields.hostname = QStringLiteral("vm");
        fields.cpus = 2;
        fields.instruments << m_instrument.resourceUri;
        auto created = m_client->createUploader(fields);
        QVERIFY2(created.ok(), qPrintable(created.error().message));
        QVERIFY(created->id > 0);

        auto found = m_client->findUploader(m_uuid);
        QVERIFY(found.ok() && found->has_value());
        QCOMPARE((*found)->id, created->id);

        fields.contactName = QStringLiteral("Someone Else");
        auto updated = m_client->updateUploader(created->id, fields);
        QVERIFY2(updated.ok(), qPrintable(updated.error().message));

        QCOMPARE(updated->id, created->id);
    }

    void registrationRequest()
    {
        const QString fp = QStringLiteral("29:bb:a2:3f:ec:19:7c:cc:c5:42:80:29:12:60:65:e8");
        auto none = m_client->findRegistrationRequest(m_uuid, fp);
        QVERIFY2(none.ok(), qPrintable(none.error().message));
        QVERIFY(!none->has_value());
        auto uploader = m_client->findUploader(m_uuid);
        QVERIFY(uploader.ok() && uploader->has_value());
        NewRegistrationRequest n;
        n.uploaderUri = (*uploader)->resourceUri;
        n.name = QStringLiteral("Test Instrument");
        n.requesterName = QStringLiteral("MyData Tester");
        n.requesterEmail = QStringLiteral("mydata.tester@example.com");
        n.publicKey = QStringLiteral("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 test@host");
        n.fingerprint = fp;
        auto created = m_client->createRegistrationRequest(n);
        QVERIFY2(created.ok(), qPrintable(created.error().message));
        QVERIFY(!created->approved);

        QVERIFY(m_server.approveAll());
        auto approved = m_client->findRegistrationRequest(m_uuid, fp);
        QVERIFY(approved.ok() && approved->has_value());
        QVERIFY((*approved)->approved);
        QVERIFY((*approved)->hasStorageBox);
        QVERIFY(!(*approved)->scpHostname.isEmpty());
        QVERIFY((*approved)->scpPort > 0);
        QCOMPARE(QDir((*approved)->location).absolutePath(), QDir(m_server.stagingDir()).absolutePath());
    }

    void people()
    {
        auto u = m_client->userByUsername(QStringLiteral("testuser1"));
        QVERIFY2(u.ok() && u->has_value(), u.ok() ? "no user" : qPrintable(u.error().message));
        QCOMPARE((*u)->email, QStringLiteral("testuser1@example.com"));
        QCOMPARE((*u)->fullName(), QStringLiteral("Test User1"));

        // Renamed on migration: found through mydata_user.
        auto renamed = m_client->userByUsername(QStringLiteral("olduser"));
        QVERIFY2(renamed.ok() && renamed->has_value(), "olduser not resolved through mydata_user");
        QCOMPARE((*renamed)->username, QStringLiteral("testuser2"));
        QVERIFY(countRequests(QStringLiteral("GET"), QStringLiteral("/api/v1/mydata_user/")) >= 1);

        auto nobody = m_client->userByUsername(QStringLiteral("nobody"));
        QVERIFY(nobody.ok());
        QVERIFY(!nobody->has_value());

        auto byEmail = m_client->userByEmail(QStringLiteral("TESTUSER1@Example.COM"));
        QVERIFY(byEmail.ok() && byEmail->has_value());
        QCOMPARE((*byEmail)->username, QStringLiteral("testuser1"));
        auto noEmail = m_client->userByEmail(QStringLiteral("none@example.com"));
        QVERIFY(noEmail.ok() && !noEmail->has_value());

        auto g = m_client->groupByName(QStringLiteral("TestFacility-Group1"));
        QVERIFY(g.ok() && g->has_value());
        QVERIFY((*g)->id > 0);
        auto noGroup = m_client->groupByName(QStringLiteral("Group1"));
        QVERIFY(noGroup.ok() && !noGroup->has_value());
    }

    void experimentAndDataset()
    {
        ExperimentKey key{QStringLiteral("Test Instrument - Test User1"), QStringLiteral("Username / Dataset"),
                          QStringLiteral("testuser1"), QString()};
        auto none = m_client->findExperiment(key);
        QVERIFY2(none.ok(), qPrintable(none.error().message));
        QVERIFY(!none->has_value());

        NewExperiment ne;
        ne.key = key;
        ne.uploaderUuid = m_uuid;
        ne.description = experimentDescription(QStringLiteral("Test Instrument"), QStringLiteral("testuser1"),
                                               QString(), QStringLiteral("vm"), QStringLiteral("/data/testuser1"));
        auto created = m_client->createExperiment(ne);
        QVERIFY2(created.ok(), qPrintable(created.error().message));
        QVERIFY(created->id > 0);
        m_experiment = *created;

        ObjectAcl acl;
        acl.isGroup = true;
        acl.entityId = m_facility.managerGroup.id;
        acl.experimentId = m_experiment.id;
        acl.isOwner = true;
        const Status s = m_client->addObjectAcl(acl);
        QVERIFY2(s.ok(), qPrintable(s.error().message));

        auto found = m_client->findExperiment(key);
        QVERIFY(found.ok() && found->has_value());
        QCOMPARE((*found)->id, m_experiment.id);
        // A different user folder is a different experiment.
        ExperimentKey other = key;
        other.userFolderName = QStringLiteral("testuser2");
        auto notThat = m_client->findExperiment(other);
        QVERIFY(notThat.ok() && !notThat->has_value());

        const QJsonArray exps = m_server.dump().value(QLatin1String("experiments")).toArray();
        QCOMPARE(exps.size(), 1);
        QCOMPARE(exps[0].toObject().value(QLatin1String("description")).toString(), ne.description);
        // (the server adds the creator's own ACL besides ours)
        bool managersShare = false;
        for (const QJsonValue &a : exps[0].toObject().value(QLatin1String("acls")).toArray())
            managersShare = managersShare || (a.toObject().value(QLatin1String("pluginId")).toString() ==
                                                  QLatin1String("django_group") &&
                                              a.toObject().value(QLatin1String("entityId")).toString() ==
                                                  QString::number(m_facility.managerGroup.id) &&
                                              a.toObject().value(QLatin1String("isOwner")).toBool());
        QVERIFY(managersShare);

        auto noDs = m_client->findDataset(m_experiment.id, QStringLiteral("Dataset 2"), m_instrument.id);
        QVERIFY2(noDs.ok(), qPrintable(noDs.error().message));
        QVERIFY(!noDs->has_value());
        NewDataset nd{m_instrument.resourceUri, QStringLiteral("Dataset 2"), m_experiment.uri(), false};
        auto ds = m_client->createDataset(nd);
        QVERIFY2(ds.ok(), qPrintable(ds.error().message));
        QVERIFY(ds->id > 0);
        m_dataset = *ds;
        auto foundDs = m_client->findDataset(m_experiment.id, QStringLiteral("Dataset 2"), m_instrument.id);
        QVERIFY(foundDs.ok() && foundDs->has_value());
        QCOMPARE((*foundDs)->id, m_dataset.id);
    }

    void stagingRegistrationAndVerify()
    {
        const QByteArray content("hello, staging\n");
        NewDataFile f;
        f.datasetUri = m_dataset.uri();
        f.filename = QStringLiteral("readme.txt");
        f.md5sum = QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Md5).toHex());
        f.size = content.size();
        f.mimetype = QStringLiteral("text/plain");
        f.modificationTime = QDateTime::currentDateTime();
        auto reg =
            m_client->registerForStaging(f, m_uuid, QStringLiteral("29:bb:a2:3f:ec:19:7c:cc:c5:42:80:29:12:60:65:e8"));
        QVERIFY2(reg.ok(), qPrintable(reg.error().message));
        QVERIFY(!reg->alreadyExists);
        QVERIFY(reg->datafileId > 0);
        // Byte for byte: the %20 is part of the folder name on disk.
        const QByteArray expectedTail = "/Dataset%202-" + QByteArray::number(m_dataset.id) + "/readme.txt";
        QVERIFY2(reg->stagingPath.endsWith(expectedTail), reg->stagingPath.constData());

        auto record = m_client->dataFile(reg->datafileId);
        QVERIFY(record.ok());
        QVERIFY(!record->isVerified());
        QCOMPARE(record->replicas.size(), 1);
        auto partial = m_client->replicaSize(record->replicas[0].id);
        QVERIFY2(partial.ok(), qPrintable(partial.error().message));
        QCOMPARE(*partial, 0);

        // Write the file where staging would have put it, then ask for verification.
        const QString path = QString::fromUtf8(reg->stagingPath);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(content);
        out.close();
        auto size = m_client->replicaSize(record->replicas[0].id);
        QVERIFY(size.ok());
        QCOMPARE(*size, content.size());
        const Status v = m_client->requestVerify(reg->datafileId);
        QVERIFY2(v.ok(), qPrintable(v.error().message));
        QVERIFY(waitVerified(reg->datafileId));

        auto again = m_client->registerForStaging(f, m_uuid, QStringLiteral("x"));
        QVERIFY(again.ok());
        QVERIFY(again->alreadyExists);

        auto one = m_client->findDataFile(m_dataset.id, QString(), QStringLiteral("readme.txt"));
        QVERIFY(one.ok() && one->has_value());
        QCOMPARE((*one)->id, reg->datafileId);
        auto none = m_client->findDataFile(m_dataset.id, QStringLiteral("sub"), QStringLiteral("readme.txt"));
        QVERIFY(none.ok() && !none->has_value());
    }

    void postUploadAndVerify()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("data file \"1\".bin"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray content(100000, 'x');
        for (int i = 0; i < content.size(); ++i)
            content[i] = static_cast<char>(i * 7);
        f.write(content);
        f.close();
        NewDataFile nf;
        nf.datasetUri = m_dataset.uri();
        nf.filename = QFileInfo(path).fileName();
        nf.directory = QStringLiteral("sub/dir");
        nf.md5sum = QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Md5).toHex());
        nf.size = content.size();
        nf.modificationTime = QFileInfo(path).lastModified();
        qint64 lastSent = 0;
        auto up = m_client->uploadFile(nf, path, [&lastSent](qint64 sent, qint64) { lastSent = sent; });
        QVERIFY2(up.ok(), qPrintable(up.error().message));
        QVERIFY(!up->alreadyExists);
        QVERIFY(up->datafileId > 0);
        QVERIFY2(lastSent >= content.size(), qPrintable(QString::number(lastSent)));
        QVERIFY(waitVerified(up->datafileId));
        auto record = m_client->dataFile(up->datafileId);
        QCOMPARE(record->filename, nf.filename);
        QCOMPARE(record->directory, QStringLiteral("sub/dir"));
        QCOMPARE(record->size, content.size());

        auto again = m_client->uploadFile(nf, path);
        QVERIFY(again.ok());
        QVERIFY(again->alreadyExists);

        auto gone = m_client->uploadFile(nf, dir.filePath(QStringLiteral("missing")));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().kind, ErrorKind::Permanent);
    }

    void listingAndPaging()
    {
        auto all = m_client->dataFilesOfDataset(m_dataset.id);
        QVERIFY2(all.ok(), qPrintable(all.error().message));
        QCOMPARE(all->size(), 2);
        // Small pages: getAll follows `next` to the end.
        const int before = m_server.requests().size();
        auto paged =
            m_client->transport().getAll(QStringLiteral("/api/v1/user/"), {{QStringLiteral("limit"), QStringLiteral("1")}});
        QVERIFY(paged.ok());
        QCOMPARE(paged->size(), 4);
        QCOMPARE(m_server.requests().size() - before, 4);
    }

    void everyEndpointSeen()
    {
        // The request log shows each endpoint of the normal run answered 2xx.
        QSet<QString> seen;
        static const QRegularExpression ids(QStringLiteral("/\\d+/"));
        for (const QJsonObject &r : m_server.requests()) {
            const int status = r.value(QLatin1String("status")).toInt();
            if (status >= 200 && status < 300)
                seen << r.value(QLatin1String("method")).toString() + QLatin1Char(' ') +
                            r.value(QLatin1String("path")).toString().replace(ids, QStringLiteral("/N/"));
        }
        const QStringList expected{QStringLiteral("GET /api/v1/"),
                                   QStringLiteral("GET /api/v1/user/"),
                                   QStringLiteral("GET /api/v1/facility/"),
                                   QStringLiteral("GET /api/v1/instrument/"),
                                   QStringLiteral("POST /api/v1/instrument/"),
                                   QStringLiteral("GET /api/v1/mydata_uploader/"),
                                   QStringLiteral("POST /api/v1/mydata_uploader/"),
                                   QStringLiteral("PUT /api/v1/mydata_uploader/N/"),
                                   QStringLiteral("GET /api/v1/mydata_uploaderregistrationrequest/"),
                                   QStringLiteral("POST /api/v1/mydata_uploaderregistrationrequest/"),
                                   QStringLiteral("GET /api/v1/mydata_user/"),
                                   QStringLiteral("GET /api/v1/group/"),
                                   QStringLiteral("GET /api/v1/mydata_experiment/"),
                                   QStringLiteral("POST /api/v1/mydata_experiment/"),
                                   QStringLiteral("POST /api/v1/objectacl/"),
                                   QStringLiteral("GET /api/v1/dataset/"),
                                   QStringLiteral("POST /api/v1/dataset/"),
                                   QStringLiteral("GET /api/v1/mydata_dataset_file/"),
                                   QStringLiteral("POST /api/v1/mydata_dataset_file/"),
                                   QStringLiteral("GET /api/v1/mydata_dataset_file/N/"),
                                   QStringLiteral("GET /api/v1/mydata_replica/N/"),
                                   QStringLiteral("GET /api/v1/dataset_file/N/verify/")};
        for (const QString &e : expected)
            QVERIFY2(seen.contains(e), qPrintable(e + QStringLiteral(" not seen; seen: ") +
                                                  QStringList(seen.values()).join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TestClientEndpoints)
#include "tst_clientendpoints.moc"
