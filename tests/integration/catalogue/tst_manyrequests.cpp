// A batch of small files' catalogue requests (registerManyForStaging,
// requestVerifyMany) against the real stand-in over real HTTP: many in
// flight together, so a slow server's delay is paid once per batch rather
// than once per file, through the kept connections and through Qt's stack
// alike; answered in order, each with exactly the single call's tries and
// verdicts (a POST whose answer was lost is never sent blindly again), every
// request counted, and a cancel ends the batch at once.
#include "StandinProcess.h"
#include "WorkerThreads.h"
#include "catalogue/KeepAliveClient.h"
#include "catalogue/MyTardisClient.h"
#include "catalogue/RegisterOrFind.h"
#include "util/Clock.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace tardigrade;
using tardigrade::test::runOnWorkerThread;
using tardigrade::test::StandinProcess;

namespace {

// Every request of a kind the faults hit: staging registrations and verify requests.
const QString kBatchPaths =
    QStringLiteral("^(POST /api/v1/mydata_dataset_file/|GET /api/v1/dataset_file/[0-9]+/verify/)$");

ClientConfig configFor(const StandinProcess &server, const std::atomic_bool *cancel = nullptr)
{
    ClientConfig c;
    c.url = server.urlString();
    c.username = server.username();
    c.apiKey = server.apiKey();
    c.maxTries = 8;
    c.backoffMs = 10;
    c.cancel = cancel;
    return c;
}

// TARDIGRADE_QT_HTTP=1 while it lives: clients made meanwhile send
// everything through Qt's network stack.
struct ThroughQt {
    ThroughQt() { qputenv("TARDIGRADE_QT_HTTP", "1"); }
    ~ThroughQt() { qunsetenv("TARDIGRADE_QT_HTTP"); }
};

} // namespace

class TestManyRequests : public QObject {
    Q_OBJECT

    const QString m_uuid = QStringLiteral("11111111-2222-3333-4444-555555555555");

    // A dataset to register files into (made before any fault or delay matters).
    static Result<Dataset> makeDataset(MyTardisClient &client)
    {
        auto facilities = client.facilities();
        if (!facilities)
            return facilities.error();
        if (facilities->isEmpty())
            return Error::permanent(QStringLiteral("no facility"));
        auto instrument = client.createInstrument(facilities->first(), QStringLiteral("Batch Instrument"));
        if (!instrument)
            return instrument.error();
        NewExperiment ne;
        ne.key = ExperimentKey{QStringLiteral("Batch"), QStringLiteral("Username / Dataset"),
                               QStringLiteral("testuser1"), QString()};
        ne.uploaderUuid = QStringLiteral("11111111-2222-3333-4444-555555555555"); // m_uuid
        ne.description = QStringLiteral("batch test");
        auto experiment = client.createExperiment(ne);
        if (!experiment)
            return experiment.error();
        return client.createDataset(
            NewDataset{instrument->resourceUri, QStringLiteral("Batch"), experiment->uri(), false});
    }

    static QVector<NewDataFile> files(const Dataset &dataset, int n, const QString &prefix = QStringLiteral("f"))
    {
        QVector<NewDataFile> out;
        for (int i = 0; i < n; ++i) {
            NewDataFile f;
            f.datasetUri = dataset.uri();
            f.filename = QStringLiteral("%1%2.dat").arg(prefix).arg(i, 3, 10, QLatin1Char('0'));
            f.md5sum = QStringLiteral("0123456789abcdef0123456789abcdef");
            f.size = 1000 + i;
            f.mimetype = QStringLiteral("application/octet-stream");
            f.modificationTime = QDateTime::currentDateTime();
            out.append(f);
        }
        return out;
    }

    // Datafiles of the catalogue by filename, from the stand-in's own database.
    static QHash<QString, int> recordsByName(const StandinProcess &server)
    {
        QHash<QString, int> n;
        for (const QJsonValue &d : server.dump().value(QLatin1String("datafiles")).toArray())
            ++n[d.toObject().value(QLatin1String("filename")).toString()];
        return n;
    }
    static QHash<QString, qint64> idsByName(const StandinProcess &server)
    {
        QHash<QString, qint64> ids;
        for (const QJsonValue &d : server.dump().value(QLatin1String("datafiles")).toArray())
            ids.insert(d.toObject().value(QLatin1String("filename")).toString(),
                       d.toObject().value(QLatin1String("id")).toInteger());
        return ids;
    }

    // Staging registrations the server read, from its request log.
    static int postsOf(const StandinProcess &server)
    {
        int posts = 0;
        for (const QJsonObject &r : server.requests())
            posts += r.value(QLatin1String("method")).toString() == QLatin1String("POST") &&
                     r.value(QLatin1String("path")).toString() == QLatin1String("/api/v1/mydata_dataset_file/");
        return posts;
    }

    // 40 registrations at a 200 ms slower server: in order, right ids and
    // paths, in well under 40 x 200 ms.
    void registersTogether(bool throughQt)
    {
        std::unique_ptr<ThroughQt> qt(throughQt ? new ThroughQt : nullptr);
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--latency-ms"), QStringLiteral("200")}),
                 qPrintable(server.errorString()));
        MyTardisClient client(configFor(server));
        QCOMPARE(client.transport().keptConnectionsOpened() == -1, throughQt);
        auto dataset = makeDataset(client);
        QVERIFY2(dataset.ok(), qPrintable(dataset.error().message));
        const QVector<NewDataFile> batch = files(*dataset, 40);
        const int before = client.requestCount();

        QElapsedTimer timer;
        timer.start();
        const auto answers = client.registerManyForStaging(batch, m_uuid, QStringLiteral("aa:bb"));
        const qint64 ms = timer.elapsed();
        qInfo("40 registrations at 200 ms latency: %lld ms", ms);

        QCOMPARE(answers.size(), 40);
        QCOMPARE(client.requestCount() - before, 40);
        const QHash<QString, qint64> recorded = idsByName(server);
        QCOMPARE(recorded.size(), 40);
        for (int i = 0; i < 40; ++i) {
            QVERIFY2(answers[i].ok(), qPrintable(answers[i].error().message));
            QVERIFY(!answers[i]->alreadyExists);
            const QByteArray tail = "/" + batch[i].filename.toUtf8();
            QVERIFY2(answers[i]->stagingPath.endsWith(tail), answers[i]->stagingPath.constData());
            QCOMPARE(answers[i]->datafileId, recorded.value(batch[i].filename)); // each answer is its own file's
        }
        QVERIFY2(ms < 3000, qPrintable(QStringLiteral("%1 ms: the requests went one after another").arg(ms)));
        if (!throughQt)
            QVERIFY(client.transport().keptConnectionsOpened() <= 1 + KeepAliveClient::kMaxInFlight);

        // The same again: each answered as the single call answers it.
        const auto again = client.registerManyForStaging(batch.mid(0, 3), m_uuid, QStringLiteral("aa:bb"));
        for (const auto &a : again)
            QVERIFY(a.ok() && a->alreadyExists);
        QCOMPARE(recordsByName(server).size(), 40);
    }

    // As the run's threads send them: blocking on the sockets of a worker
    // thread, the client made there.
    void registersTogetherOnAWorkerThread()
    {
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--latency-ms"), QStringLiteral("200")}),
                 qPrintable(server.errorString()));
        MyTardisClient setup(configFor(server));
        auto dataset = makeDataset(setup);
        QVERIFY2(dataset.ok(), qPrintable(dataset.error().message));
        const QVector<NewDataFile> batch = files(*dataset, 40);
        QVector<Result<StagingRegistration>> answers;
        qint64 ms = 0;
        int requests = 0;
        int opened = 0;
        QVERIFY(runOnWorkerThread(
            [&] {
                MyTardisClient client(configFor(server));
                QElapsedTimer timer;
                timer.start();
                answers = client.registerManyForStaging(batch, m_uuid, QStringLiteral("aa:bb"));
                ms = timer.elapsed();
                requests = client.requestCount();
                opened = client.transport().keptConnectionsOpened();
            },
            60000));
        qInfo("40 registrations at 200 ms latency on a worker thread: %lld ms", ms);
        QCOMPARE(answers.size(), 40);
        const QHash<QString, qint64> recorded = idsByName(server);
        for (int i = 0; i < 40; ++i) {
            QVERIFY2(answers[i].ok(), qPrintable(answers[i].error().message));
            QCOMPARE(answers[i]->datafileId, recorded.value(batch[i].filename));
        }
        QCOMPARE(requests, 40);
        QVERIFY(opened >= 2 && opened <= KeepAliveClient::kMaxInFlight);
        QVERIFY2(ms < 3000, qPrintable(QStringLiteral("%1 ms: the requests went one after another").arg(ms)));
    }

    void verifiesTogether(bool throughQt)
    {
        std::unique_ptr<ThroughQt> qt(throughQt ? new ThroughQt : nullptr);
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--latency-ms"), QStringLiteral("200")}),
                 qPrintable(server.errorString()));
        MyTardisClient client(configFor(server));
        auto dataset = makeDataset(client);
        QVERIFY2(dataset.ok(), qPrintable(dataset.error().message));
        const auto registered = client.registerManyForStaging(files(*dataset, 39), m_uuid, QStringLiteral("aa:bb"));
        QVector<qint64> ids;
        for (const auto &r : registered) {
            QVERIFY2(r.ok(), qPrintable(r.error().message));
            ids.append(r->datafileId);
        }
        ids.insert(20, 999999); // no such datafile: its own answer, in its place
        const int before = client.requestCount();

        QElapsedTimer timer;
        timer.start();
        const QVector<Status> asked = client.requestVerifyMany(ids);
        const qint64 ms = timer.elapsed();
        qInfo("40 verify requests at 200 ms latency: %lld ms", ms);

        QCOMPARE(asked.size(), 40);
        const Status single = client.requestVerify(999999);
        for (int i = 0; i < 40; ++i) {
            if (i == 20) {
                QVERIFY(!asked[i].ok());
                QCOMPARE(asked[i].error().httpStatus, 404);
                QCOMPARE(asked[i].error().message, single.error().message);
            } else {
                QVERIFY2(asked[i].ok(), qPrintable(asked[i].error().message));
            }
        }
        QCOMPARE(client.requestCount() - before, 40 + 1);
        QVERIFY2(ms < 3000, qPrintable(QStringLiteral("%1 ms: the requests went one after another").arg(ms)));
    }

    // A third of the batch's requests fail (500s, answers broken off, and
    // answers lost after the server acted): every file ends registered
    // exactly once, lost answers are looked up as after the single call
    // (registerForStagingOrFind), and the client counted every request the
    // server saw.
    void faultsLeaveEachFileRegisteredOnce(bool throughQt, bool onWorker = false)
    {
        std::unique_ptr<ThroughQt> qt(throughQt ? new ThroughQt : nullptr);
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--fail-rate"), QStringLiteral("0.3"), QStringLiteral("--fail-mode"),
                               QStringLiteral("mixed-lost"), QStringLiteral("--fail-seed"), QStringLiteral("11"),
                               QStringLiteral("--fail-path"), kBatchPaths, QStringLiteral("--latency-ms"),
                               QStringLiteral("5")}),
                 qPrintable(server.errorString()));
        MyTardisClient client(configFor(server));
        auto dataset = makeDataset(client);
        QVERIFY2(dataset.ok(), qPrintable(dataset.error().message));
        const QVector<NewDataFile> batch = files(*dataset, 60);

        QVector<Result<StagingRegistration>> answers;
        int workerRequests = 0; // of the worker's own client
        if (onWorker) {
            QVERIFY(runOnWorkerThread([&] {
                MyTardisClient own(configFor(server));
                answers = own.registerManyForStaging(batch, m_uuid, QStringLiteral("aa:bb"));
                workerRequests = own.requestCount();
            }));
        } else {
            answers = client.registerManyForStaging(batch, m_uuid, QStringLiteral("aa:bb"));
        }
        QCOMPARE(answers.size(), 60);
        // The batch sent each registration once, never again blindly: a
        // lost answer may mean the server made the record (mixed-lost has no
        // failure that says it surely did not). (At most: a request cut
        // before the server read it is a lost answer too, and never reaches
        // its log.)
        const int batchPosts = postsOf(server);
        QVERIFY2(batchPosts <= 60, qPrintable(QStringLiteral("%1 POSTs for 60 files").arg(batchPosts)));
        int lost = 0;
        QVector<qint64> ids;
        for (int i = 0; i < 60; ++i) {
            Result<StagingRegistration> r = answers[i];
            if (!r) {
                // The only failure a POST may end in here: its answer lost,
                // so it is looked up before it is sent again, as a worker
                // does after the single call.
                QVERIFY2(r.error().outcomeUnknown, qPrintable(r.error().message));
                ++lost;
                r = registerForStagingOrFind(client, dataset->id, batch[i], m_uuid, QStringLiteral("aa:bb"),
                                             Clock::system(), nullptr);
            }
            QVERIFY2(r.ok(), qPrintable(r.error().message));
            QVERIFY(r->datafileId > 0 || r->alreadyExists); // 409: registered by the lost try
            auto record = client.findDataFile(dataset->id, QString(), batch[i].filename);
            QVERIFY(record.ok() && record->has_value());
            if (r->datafileId > 0)
                QCOMPARE((*record)->id, r->datafileId);
            ids.append((*record)->id);
        }
        QVERIFY2(lost > 5, "the faults did not hit the batch");
        QVERIFY(postsOf(server) >= 60);
        const QHash<QString, int> records = recordsByName(server);
        QCOMPARE(records.size(), 60);
        for (auto it = records.cbegin(); it != records.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(it.key() + QStringLiteral(" registered twice")));

        // Verify requests may be sent again: every one ends answered.
        const QVector<Status> asked = client.requestVerifyMany(ids);
        for (const Status &s : asked)
            QVERIFY2(s.ok(), qPrintable(s.error().message));
        // Every try the server saw, the client counted: nothing was sent
        // behind its back (a try cut before the server read it is counted
        // by the client alone).
        QTRY_VERIFY2(int(server.requests().size()) <= client.requestCount() + workerRequests,
                     qPrintable(QStringLiteral("the server saw %1 requests, the client counted %2")
                                    .arg(server.requests().size())
                                    .arg(client.requestCount() + workerRequests)));
        const StandinProcess::InjectedFaults faults = server.injectedFaults();
        QVERIFY(faults.failed > 20);
    }

    // Stop during a batch at a server 3 s slow: the batch ends within a
    // second, every unanswered request reported cancelled.
    void cancelEndsTheBatch(bool throughQt, bool onWorker = false)
    {
        std::unique_ptr<ThroughQt> qt(throughQt ? new ThroughQt : nullptr);
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--latency-ms"), QStringLiteral("3000")}),
                 qPrintable(server.errorString()));
        std::atomic_bool cancel{false};
        MyTardisClient client(configFor(server, &cancel));
        QVector<qint64> ids;
        for (int i = 1; i <= 40; ++i)
            ids.append(i);
        QThread *stopper = QThread::create([&cancel] {
            QThread::msleep(300);
            cancel = true;
        });
        stopper->start();
        QElapsedTimer timer;
        timer.start();
        QVector<Status> asked;
        if (onWorker) {
            QVERIFY(runOnWorkerThread(
                [&] {
                    MyTardisClient own(configFor(server, &cancel));
                    asked = own.requestVerifyMany(ids);
                },
                60000));
        } else {
            asked = client.requestVerifyMany(ids);
        }
        const qint64 ms = timer.elapsed();
        stopper->wait();
        delete stopper;
        QCOMPARE(asked.size(), 40);
        for (const Status &s : asked)
            QVERIFY(!s.ok() && s.error().kind == ErrorKind::Cancelled);
        QVERIFY2(ms < 1500, qPrintable(QStringLiteral("cancel took %1 ms").arg(ms)));
    }

private slots:
    void registersTogetherOverKeptConnections() { registersTogether(false); }
    void registersTogetherOnAWorkerThreadOverKeptConnections() { registersTogetherOnAWorkerThread(); }
    void registersTogetherThroughQt() { registersTogether(true); }
    void verifiesTogetherOverKeptConnections() { verifiesTogether(false); }
    void verifiesTogetherThroughQt() { verifiesTogether(true); }
    void faultsLeaveEachFileRegisteredOnceOverKeptConnections() { faultsLeaveEachFileRegisteredOnce(false); }
    void faultsLeaveEachFileRegisteredOnceThroughQt() { faultsLeaveEachFileRegisteredOnce(true); }
    void faultsLeaveEachFileRegisteredOnceOnAWorkerThread() { faultsLeaveEachFileRegisteredOnce(false, true); }
    void cancelEndsTheBatchOverKeptConnections() { cancelEndsTheBatch(false); }
    void cancelEndsTheBatchThroughQt() { cancelEndsTheBatch(true); }
    void cancelEndsTheBatchOnAWorkerThread() { cancelEndsTheBatch(false, true); }

    // A registration whose answer is lost after the server made the record
    // (the first two tries of the POST): it is looked up and found, never
    // sent again, and answered as the 409 would be, with the record's id.
    void aLostRegistrationIsFoundNotSentAgain()
    {
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--fail-first"), QStringLiteral("2"), QStringLiteral("--fail-mode"),
                               QStringLiteral("lost"), QStringLiteral("--fail-path"),
                               QStringLiteral("^POST /api/v1/mydata_dataset_file/$")}),
                 qPrintable(server.errorString()));
        MyTardisClient client(configFor(server));
        auto dataset = makeDataset(client);
        QVERIFY2(dataset.ok(), qPrintable(dataset.error().message));
        const NewDataFile file = files(*dataset, 1).first();

        const auto r = registerForStagingOrFind(client, dataset->id, file, m_uuid, QStringLiteral("aa:bb"),
                                                Clock::system(), nullptr);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QVERIFY(r->alreadyExists);
        QCOMPARE(postsOf(server), 1);
        const QHash<QString, qint64> recorded = idsByName(server);
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(r->datafileId, recorded.value(file.filename));
    }
};

QTEST_GUILESS_MAIN(TestManyRequests)
#include "tst_manyrequests.moc"
