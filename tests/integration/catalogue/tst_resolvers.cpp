// OwnerResolver and ExperimentDatasetResolver against the real stand-in:
// owner folders to users/groups (invalid ones to the facility account or
// skipped, with the reason), experiments and datasets found or created with
// their ACLs, dry runs that POST nothing, and concurrent find-or-create from
// two threads and from two processes creating exactly one experiment, and
// the datasets an experiment lacks made together.
#include "StandinProcess.h"
#include "WorkerThreads.h"
#include "catalogue/ExperimentDatasetResolver.h"
#include "catalogue/MyTardisClient.h"
#include "catalogue/OwnerResolver.h"
#include "catalogue/RecordingCatalogueWriter.h"
#include "catalogue/ServerSettingsCheck.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>
#include <memory>

using namespace tardigrade;
using tardigrade::test::runOnWorkerThreads;
using tardigrade::test::StandinProcess;

namespace {

ClientConfig configFor(const QString &url, const QString &key)
{
    ClientConfig c;
    c.url = url;
    c.username = QStringLiteral("testfacility");
    c.apiKey = key;
    c.backoffMs = 50;
    return c;
}

ScannedDataset userDataset(const QString &root, const QString &user, const QString &name)
{
    ScannedDataset ds;
    ds.owner = user;
    ds.ownerKind = OwnerKind::Username;
    ds.userFolder = user;
    ds.datasetName = name;
    ds.path = root + QLatin1Char('/') + user + QLatin1Char('/') + name;
    return ds;
}

struct Prepared {
    User account;
    Facility facility;
    Instrument instrument;
};

Prepared prepare(MyTardisClient &client, const QString &lockFile = QString())
{
    const ServerCheckResult r = ServerSettingsCheck(client, client).run(
        {QStringLiteral("Test Facility"), QStringLiteral("Test Instrument"), QString(), lockFile});
    Prepared c;
    if (r.account)
        c.account = *r.account;
    if (r.facility)
        c.facility = *r.facility;
    if (r.instrument)
        c.instrument = *r.instrument;
    return c;
}

ExperimentDatasetContext contextFor(const Prepared &c, const QString &lockFile)
{
    ExperimentDatasetContext ctx;
    ctx.folderStructure = QStringLiteral("Username / Dataset");
    ctx.facility = c.facility;
    ctx.instrument = c.instrument;
    ctx.facilityAccount = c.account;
    ctx.uploaderUuid = QStringLiteral("11111111-2222-3333-4444-555555555555");
    ctx.hostname = QStringLiteral("testhost");
    ctx.lockFile = lockFile;
    return ctx;
}

// A stand-in that answers 50 ms late, a client of it, the settings'
// objects found or made on it, and an owner resolver.
struct SlowCatalogue {
    static constexpr int kLatencyMs = 50;
    StandinProcess server;
    std::unique_ptr<MyTardisClient> client;
    Prepared prepared;
    std::unique_ptr<OwnerResolver> owners;

    QString start()
    {
        if (!server.start({QStringLiteral("--latency-ms"), QString::number(kLatencyMs)}))
            return server.errorString();
        client = std::make_unique<MyTardisClient>(configFor(server.urlString(), server.apiKey()));
        prepared = prepare(*client);
        owners = std::make_unique<OwnerResolver>(*client, OwnerResolverOptions{true, prepared.account});
        return {};
    }
};

// testuser1's datasets "Run <from>" to "Run <to - 1>".
QVector<ScannedDataset> runs(int from, int to)
{
    QVector<ScannedDataset> scanned;
    for (int i = from; i < to; ++i)
        scanned << userDataset(QStringLiteral("/data"), QStringLiteral("testuser1"), QStringLiteral("Run %1").arg(i));
    return scanned;
}

// One find-or-create in a child process (the cross-process test): prints
// "<experiment id> <dataset id> <experiment action>".
int childMain()
{
    const QString url = qEnvironmentVariable("TST_URL");
    const QString key = qEnvironmentVariable("TST_KEY");
    const QString lock = qEnvironmentVariable("TST_LOCK");
    MyTardisClient client(configFor(url, key));
    const Prepared c = prepare(client, lock);
    OwnerResolver owners(client, {true, c.account});
    const ScannedDataset ds =
        userDataset(QStringLiteral("/data"), QStringLiteral("testuser1"), QStringLiteral("Raced"));
    auto owner = owners.resolve(ds);
    if (!owner)
        return 3;
    ExperimentDatasetResolver resolver(client, client, contextFor(c, lock));
    auto t = resolver.resolve(ds, *owner);
    if (!t) {
        std::fprintf(stderr, "%s\n", qPrintable(t.error().message));
        return 4;
    }
    std::printf("%lld %lld %s\n", static_cast<long long>(t->experiment.id), static_cast<long long>(t->dataset.id),
                qPrintable(lookupActionName(t->experimentAction)));
    return 0;
}

} // namespace

class TestResolvers : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    StandinProcess m_server;
    std::unique_ptr<MyTardisClient> m_client;
    Prepared m_cat;

    int posts() const
    {
        int n = 0;
        for (const QJsonObject &r : m_server.requests())
            n += r.value(QLatin1String("method")).toString() == QLatin1String("POST");
        return n;
    }
    QJsonArray experimentsTitled(const StandinProcess &server, const QString &title) const
    {
        QJsonArray out;
        for (const QJsonValue &e : server.dump().value(QLatin1String("experiments")).toArray())
            if (e.toObject().value(QLatin1String("title")).toString() == title)
                out.append(e);
        return out;
    }

    int instrumentCount(const StandinProcess &server) const
    {
        MyTardisClient client(configFor(server.urlString(), server.apiKey()));
        auto all = client.transport().getAll(QStringLiteral("/api/v1/instrument/"),
                                 {{QStringLiteral("name"), QStringLiteral("Test Instrument")}});
        return all ? all->size() : -1;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_client = std::make_unique<MyTardisClient>(configFor(m_server.urlString(), m_server.apiKey()));
        m_cat = prepare(*m_client);
        QVERIFY(m_cat.instrument.id > 0);
        QCOMPARE(m_cat.account.username, QStringLiteral("testfacility"));
    }

    void owners_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("owner");
        QTest::addColumn<bool>("uploadInvalid");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("skipped");
        QTest::addColumn<QString>("resolved");
        QTest::addColumn<QString>("reason");
        QTest::newRow("username") << int(OwnerKind::Username) << QStringLiteral("testuser1") << true << true << false
                                  << QStringLiteral("testuser1") << QString();
        QTest::newRow("email, any case") << int(OwnerKind::Email) << QStringLiteral("TestUser2@EXAMPLE.com") << true
                                         << true << false << QStringLiteral("testuser2") << QString();
        QTest::newRow("group") << int(OwnerKind::Group) << QStringLiteral("TestFacility-Group1") << true << true
                               << false << QStringLiteral("TestFacility-Group1") << QString();
        QTest::newRow("none") << int(OwnerKind::None) << QString() << true << true << false
                              << QStringLiteral("testfacility (facility account)") << QString();
        QTest::newRow("unknown user → facility")
            << int(OwnerKind::Username) << QStringLiteral("ghost") << true << false << false
            << QStringLiteral("testfacility (facility account)")
            << QStringLiteral("User folder \"ghost\" matches no MyTardis username: its datasets go to the facility "
                              "account \"testfacility\"");
        QTest::newRow("unknown user → skipped")
            << int(OwnerKind::Username) << QStringLiteral("ghost") << false << false << true << QString()
            << QStringLiteral("User folder \"ghost\" matches no MyTardis username: its datasets are skipped");
        QTest::newRow("not an email") << int(OwnerKind::Email) << QStringLiteral("nobody") << false << false << true
                                      << QString() << QStringLiteral("Folder \"nobody\" is not an email address");
        QTest::newRow("unknown group") << int(OwnerKind::Group) << QStringLiteral("Nope-Group") << true << false
                                       << false << QStringLiteral("testfacility (facility account)")
                                       << QStringLiteral("Group folder \"Nope-Group\" matches no MyTardis group");
    }

    void owners()
    {
        QFETCH(int, kind);
        QFETCH(QString, owner);
        QFETCH(bool, uploadInvalid);
        QFETCH(bool, valid);
        QFETCH(bool, skipped);
        QFETCH(QString, resolved);
        QFETCH(QString, reason);
        OwnerResolver resolver(*m_client, {uploadInvalid, m_cat.account});
        auto r = resolver.resolve(static_cast<OwnerKind>(kind), owner);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->valid, valid);
        QCOMPARE(r->skipped, skipped);
        QCOMPARE(r->resolvedName(), resolved);
        QVERIFY2(r->reason.startsWith(reason), qPrintable(r->reason));
        if (!reason.isEmpty())
            QVERIFY(r->reason.endsWith(QLatin1Char('.')));
    }

    void ownersMemoised()
    {
        OwnerResolver resolver(*m_client, {true, m_cat.account});
        QVERIFY(resolver.resolve(OwnerKind::Username, QStringLiteral("ghost")).ok());
        QVERIFY(resolver.resolve(OwnerKind::Username, QStringLiteral("testuser1")).ok());
        const int before = m_client->requestCount();
        QVERIFY(resolver.resolve(OwnerKind::Username, QStringLiteral("ghost")).ok());
        QVERIFY(resolver.resolve(OwnerKind::Username, QStringLiteral("testuser1")).ok());
        QCOMPARE(m_client->requestCount(), before);
        QCOMPARE(resolver.cachedCount(), 2);
    }

    // MyData titled the experiments of a user folder that matched nobody
    // "<instrument> - <folder> (USER NOT FOUND IN MYTARDIS)"; migrated data
    // must land in those, not in new ones.
    void unknownUserFolderKeepsMyDataTitle()
    {
        OwnerResolver owners(*m_client, {true, m_cat.account});
        ExperimentDatasetResolver resolver(*m_client, *m_client,
                                           contextFor(m_cat, m_tmp.filePath(QStringLiteral("catalogue.lock"))));
        const ScannedDataset ds = userDataset(m_tmp.path(), QStringLiteral("INVALID_USER"), QStringLiteral("Birds"));
        auto owner = owners.resolve(ds);
        QVERIFY(owner.ok());
        QVERIFY(!owner->valid);
        auto t = resolver.resolve(ds, *owner);
        QVERIFY2(t.ok(), qPrintable(t.error().message));
        QCOMPARE(t->experimentTitle, QStringLiteral("Test Instrument - INVALID_USER (USER NOT FOUND IN MYTARDIS)"));
        QCOMPARE(experimentsTitled(m_server, t->experimentTitle).size(), 1);
    }

    void createsWithAcls()
    {
        OwnerResolver owners(*m_client, {true, m_cat.account});
        ExperimentDatasetResolver resolver(*m_client, *m_client,
                                           contextFor(m_cat, m_tmp.filePath(QStringLiteral("catalogue.lock"))));
        const ScannedDataset ds1 = userDataset(m_tmp.path(), QStringLiteral("testuser1"), QStringLiteral("Dataset 1"));
        auto owner = owners.resolve(ds1);
        QVERIFY(owner.ok());
        auto t1 = resolver.resolve(ds1, *owner);
        QVERIFY2(t1.ok(), qPrintable(t1.error().message));
        QCOMPARE(t1->experimentTitle, QStringLiteral("Test Instrument - Test User1"));
        QCOMPARE(t1->experimentAction, LookupAction::Created);
        QCOMPARE(t1->datasetAction, LookupAction::Created);
        QVERIFY(t1->experiment.id > 0 && t1->dataset.id > 0);

        const QJsonArray exps = experimentsTitled(m_server, QStringLiteral("Test Instrument - Test User1"));
        QCOMPARE(exps.size(), 1);
        const QJsonObject e = exps[0].toObject();
        QCOMPARE(e.value(QLatin1String("description")).toString(),
                 QStringLiteral(
                     "Instrument: Test Instrument\nUser folder name: testuser1\nUploaded from: testhost:%1/testuser1")
                     .arg(m_tmp.path()));
        QStringList acls;
        for (const QJsonValue &a : e.value(QLatin1String("acls")).toArray())
            acls << a.toObject().value(QLatin1String("pluginId")).toString() + QLatin1Char(':') +
                        a.toObject().value(QLatin1String("entityId")).toString() +
                        (a.toObject().value(QLatin1String("isOwner")).toBool() ? QStringLiteral(":owner") : QString());
        QVERIFY2(acls.contains(QStringLiteral("django_group:%1:owner").arg(m_cat.facility.managerGroup.id)),
                 qPrintable(acls.join(QLatin1Char(' '))));
        QVERIFY2(acls.contains(QStringLiteral("django_user:%1:owner").arg(owner->user->id)),
                 qPrintable(acls.join(QLatin1Char(' '))));

        // Same owner, another dataset: the experiment is remembered, the dataset made.
        const int before = m_client->requestCount();
        auto t2 = resolver.resolve(userDataset(m_tmp.path(), QStringLiteral("testuser1"), QStringLiteral("Dataset 2")),
                                   *owner);
        QVERIFY(t2.ok());
        QCOMPARE(t2->experimentAction, LookupAction::Found);
        QCOMPARE(t2->experiment.id, t1->experiment.id);
        QCOMPARE(t2->datasetAction, LookupAction::Created);
        QVERIFY(m_client->requestCount() - before <= 4); // lookup, lock re-lookup, create

        // A new run finds both.
        ExperimentDatasetResolver again(*m_client, *m_client, contextFor(m_cat, m_tmp.filePath(QStringLiteral("catalogue.lock"))));
        auto t3 = again.resolve(ds1, *owner);
        QVERIFY(t3.ok());
        QCOMPARE(t3->experimentAction, LookupAction::Found);
        QCOMPARE(t3->datasetAction, LookupAction::Found);
        QCOMPARE(t3->dataset.id, t1->dataset.id);
    }

    void groupExperimentSharedWithGroup()
    {
        OwnerResolver owners(*m_client, {true, m_cat.account});
        ExperimentDatasetContext ctx = contextFor(m_cat, QString());
        ctx.folderStructure = QStringLiteral("User Group / Dataset");
        ExperimentDatasetResolver resolver(*m_client, *m_client, ctx);
        ScannedDataset ds;
        ds.owner = QStringLiteral("TestFacility-Group1");
        ds.ownerKind = OwnerKind::Group;
        ds.groupFolder = QStringLiteral("Group1");
        ds.datasetName = QStringLiteral("G Data");
        ds.path = m_tmp.path() + QStringLiteral("/Group1/G Data");
        auto owner = owners.resolve(ds);
        QVERIFY(owner.ok() && owner->valid);
        auto t = resolver.resolve(ds, *owner);
        QVERIFY2(t.ok(), qPrintable(t.error().message));
        QCOMPARE(t->experimentTitle, QStringLiteral("Group1"));
        const QJsonArray exps = experimentsTitled(m_server, QStringLiteral("Group1"));
        QCOMPARE(exps.size(), 1);
        QCOMPARE(exps[0].toObject().value(QLatin1String("group_folder_name")).toString(), QStringLiteral("Group1"));
        bool groupAcl = false;
        for (const QJsonValue &a : exps[0].toObject().value(QLatin1String("acls")).toArray())
            groupAcl = groupAcl ||
                       (a.toObject().value(QLatin1String("pluginId")).toString() == QLatin1String("django_group") &&
                        a.toObject().value(QLatin1String("entityId")).toString() == QString::number(owner->group->id));
        QVERIFY(groupAcl);
    }

    void recordingWriterPostsNothing()
    {
        const int before = posts();
        OwnerResolver owners(*m_client, {true, m_cat.account});
        RecordingCatalogueWriter recorder;
        ExperimentDatasetResolver resolver(*m_client, recorder, contextFor(m_cat, QString()));
        const ScannedDataset ds = userDataset(m_tmp.path(), QStringLiteral("testuser2"), QStringLiteral("Dry"));
        auto owner = owners.resolve(ds);
        QVERIFY(owner.ok());
        auto t = resolver.resolve(ds, *owner);
        QVERIFY2(t.ok(), qPrintable(t.error().message));
        QCOMPARE(t->experimentAction, LookupAction::WouldCreate);
        QCOMPARE(t->datasetAction, LookupAction::WouldCreate);
        QCOMPARE(t->experimentTitle, QStringLiteral("Test Instrument - Test User2"));
        QCOMPARE(t->experiment.id, 0);
        // An existing experiment with a new dataset: the dataset would be created.
        auto t2 = resolver.resolve(userDataset(m_tmp.path(), QStringLiteral("testuser1"), QStringLiteral("New")),
                                   *owners.resolve(OwnerKind::Username, QStringLiteral("testuser1")));
        QVERIFY(t2.ok());
        QCOMPARE(t2->experimentAction, LookupAction::Found);
        QCOMPARE(t2->datasetAction, LookupAction::WouldCreate);
        QCOMPARE(posts(), before);
        QCOMPARE(recorder.recorded(),
                 QStringList({QStringLiteral("experiment \"Test Instrument - Test User2\""),
                              QStringLiteral("dataset \"Dry\""), QStringLiteral("dataset \"New\"")}));
    }

    void skippedOwnerIsAnError()
    {
        OwnerResolver owners(*m_client, {false, m_cat.account});
        RecordingCatalogueWriter recorder;
        ExperimentDatasetResolver resolver(*m_client, recorder, contextFor(m_cat, QString()));
        const ScannedDataset ds = userDataset(m_tmp.path(), QStringLiteral("ghost"), QStringLiteral("X"));
        auto owner = owners.resolve(ds);
        QVERIFY(owner.ok() && owner->skipped);
        auto t = resolver.resolve(ds, *owner);
        QVERIFY(!t.ok());
        QCOMPARE(t.error().message, owner->reason);
    }

    void twoThreadsCreateOne()
    {
        // A slow server widens the window between look-up and create.
        StandinProcess slow;
        QVERIFY2(slow.start({QStringLiteral("--latency-ms"), QStringLiteral("40")}), qPrintable(slow.errorString()));
        const QString lock = m_tmp.filePath(QStringLiteral("threads.lock"));
        QVector<qint64> ids(2, -1);
        auto work = [&](int i) {
            MyTardisClient client(configFor(slow.urlString(), slow.apiKey()));
            const Prepared c = prepare(client, lock);
            OwnerResolver owners(client, {true, c.account});
            const ScannedDataset ds =
                userDataset(QStringLiteral("/data"), QStringLiteral("testuser1"), QStringLiteral("Raced"));
            auto owner = owners.resolve(ds);
            if (!owner)
                return;
            ExperimentDatasetResolver resolver(client, client, contextFor(c, lock));
            auto t = resolver.resolve(ds, *owner);
            if (t)
                ids[i] = t->dataset.id;
        };
        QVERIFY(runOnWorkerThreads({[&] { work(0); }, [&] { work(1); }}, 60000));
        QVERIFY(ids[0] > 0);
        if (ids[0] != ids[1])
            for (const QJsonObject &r : slow.requests())
                qWarning() << r;
        QCOMPARE(ids[0], ids[1]);
        QCOMPARE(experimentsTitled(slow, QStringLiteral("Test Instrument - Test User1")).size(), 1);
        QCOMPARE(slow.dump().value(QLatin1String("datasets")).toArray().size(), 1);
        QCOMPARE(instrumentCount(slow), 1);
    }

    void prefetchOverlapsTheLookUps()
    {
        // Existing datasets on a server that answers in 50 ms: found on 4
        // threads at once they take a fraction of the kDatasets x 50 ms one
        // look-up after another would, each asked once, and resolve() then
        // asks nothing more.
        constexpr int kDatasets = 16;
        constexpr int kLatencyMs = SlowCatalogue::kLatencyMs;
        SlowCatalogue w;
        const QString failed = w.start();
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        StandinProcess &slow = w.server;
        MyTardisClient &client = *w.client;
        OwnerResolver &owners = *w.owners;
        const Prepared &c = w.prepared;
        const QVector<ScannedDataset> scanned = runs(0, kDatasets);
        auto owner = owners.resolve(scanned.first());
        QVERIFY(owner.ok());
        {
            ExperimentDatasetResolver maker(client, client, contextFor(c, QString()));
            for (const ScannedDataset &ds : std::as_const(scanned))
                QVERIFY(maker.resolve(ds, *owner).ok());
        }

        ExperimentDatasetResolver resolver(client, client, contextFor(c, QString()));
        QVector<ExperimentDatasetResolver::Upcoming> upcoming;
        for (const ScannedDataset &ds : std::as_const(scanned))
            upcoming.append({&ds, *owner});
        const auto before = slow.requests().size();
        QElapsedTimer took;
        took.start();
        resolver.prefetch(upcoming, client, &MyTardisClient::make, client.config(), 4);
        for (const ScannedDataset &ds : std::as_const(scanned)) {
            auto t = resolver.resolve(ds, *owner);
            QVERIFY(t.ok());
            QCOMPARE(t->datasetAction, LookupAction::Found);
            QCOMPARE(t->dataset.description, ds.datasetName);
        }
        const qint64 elapsed = took.elapsed();
        QCOMPARE(slow.requests().size() - before, 1 + kDatasets); // the experiment, then each dataset once
        QVERIFY2(elapsed < kDatasets * kLatencyMs,
                 qPrintable(QStringLiteral("%1 ms for %2 datasets").arg(elapsed).arg(kDatasets)));
    }

    void missingDatasetsAreMadeTogether()
    {
        // A first run of many datasets: the experiment's missing datasets
        // are looked for again and made on several threads under one hold of
        // the lock, not one after another (2 round trips each); each is
        // still reported once, as created, by its own resolve(), and made
        // once. Then a later run with some of them and some new ones.
        constexpr int kDatasets = 16;
        SlowCatalogue w;
        QVERIFY2(w.start().isEmpty(), "the slow stand-in started");
        MyTardisClient &client = *w.client;
        ExperimentDatasetContext ctx = contextFor(w.prepared, m_tmp.filePath(QStringLiteral("together.lock")));
        ctx.makeTogether = true;
        const auto run = [&](const QVector<ScannedDataset> &scanned, QVector<LookupAction> &actions) {
            auto owner = w.owners->resolve(scanned.first());
            QVERIFY(owner.ok());
            ExperimentDatasetResolver resolver(client, client, ctx);
            QVector<ExperimentDatasetResolver::Upcoming> upcoming;
            for (const ScannedDataset &ds : scanned)
                upcoming.append({&ds, *owner});
            resolver.prefetch(upcoming, client, &MyTardisClient::make, client.config(), 8);
            for (const ScannedDataset &ds : scanned) {
                auto t = resolver.resolve(ds, *owner);
                QVERIFY2(t.ok(), qPrintable(t.error().message));
                QVERIFY(t->dataset.id > 0);
                QCOMPARE(t->dataset.description, ds.datasetName);
                actions << t->datasetAction;
            }
        };
        const auto datasetsNamed = [&](const QString &name) {
            int n = 0;
            for (const QJsonValue &d : w.server.dump().value(QLatin1String("datasets")).toArray())
                n += d.toObject().value(QLatin1String("description")).toString() == name;
            return n;
        };

        const QVector<ScannedDataset> first = runs(0, kDatasets);
        QVector<LookupAction> actions;
        run(first, actions);
        QCOMPARE(actions, QVector<LookupAction>(kDatasets, LookupAction::Created));
        for (const ScannedDataset &ds : std::as_const(first))
            QCOMPARE(datasetsNamed(ds.datasetName), 1);

        // Half of them again, and as many new ones, in an experiment that exists.
        const QVector<ScannedDataset> second = runs(kDatasets / 2, 2 * kDatasets);
        actions.clear();
        QElapsedTimer took;
        took.start();
        run(second, actions);
        const qint64 elapsed = took.elapsed();
        QCOMPARE(actions.mid(0, kDatasets / 2), QVector<LookupAction>(kDatasets / 2, LookupAction::Found));
        QCOMPARE(actions.mid(kDatasets / 2), QVector<LookupAction>(kDatasets, LookupAction::Created));
        for (const ScannedDataset &ds : std::as_const(second))
            QCOMPARE(datasetsNamed(ds.datasetName), 1);
        QCOMPARE(w.server.dump().value(QLatin1String("datasets")).toArray().size(), 2 * kDatasets);
        // One after another the new ones alone would take 2 x 16 x 50 ms.
        QVERIFY2(elapsed < kDatasets * SlowCatalogue::kLatencyMs,
                 qPrintable(QStringLiteral("%1 ms for %2 new datasets").arg(elapsed).arg(kDatasets)));
    }

    void twoProcessesCreateOne()
    {
        StandinProcess slow;
        QVERIFY2(slow.start({QStringLiteral("--latency-ms"), QStringLiteral("40")}), qPrintable(slow.errorString()));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TST_RESOLVE_CHILD"), QStringLiteral("1"));
        env.insert(QStringLiteral("TST_URL"), slow.urlString());
        env.insert(QStringLiteral("TST_KEY"), slow.apiKey());
        env.insert(QStringLiteral("TST_LOCK"), m_tmp.filePath(QStringLiteral("processes.lock")));
        QProcess p1, p2;
        for (QProcess *p : {&p1, &p2}) {
            p->setProcessEnvironment(env);
            p->start(QCoreApplication::applicationFilePath(), {});
        }
        QStringList outs;
        for (QProcess *p : {&p1, &p2}) {
            QVERIFY(p->waitForFinished(60000));
            QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
            outs << QString::fromUtf8(p->readAllStandardOutput()).trimmed();
        }
        QCOMPARE(outs[0].section(QLatin1Char(' '), 0, 1), outs[1].section(QLatin1Char(' '), 0, 1));
        QVERIFY2(outs.filter(QStringLiteral("created")).size() == 1, qPrintable(outs.join(QLatin1Char('|'))));
        QCOMPARE(experimentsTitled(slow, QStringLiteral("Test Instrument - Test User1")).size(), 1);
        QCOMPARE(slow.dump().value(QLatin1String("datasets")).toArray().size(), 1);
        QCOMPARE(instrumentCount(slow), 1);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("TST_RESOLVE_CHILD"))
        return childMain();
    TestResolvers tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "tst_resolvers.moc"
