// The upload stage for one file, against an in-process catalogue: POST,
// chunked and (with a staging uploader that writes into the fake) staging;
// what is journalled and counted; which failures are tried again.
#include "StageWorld.h"
#include "sync/FileWorker.h"
#include "transfer/ChunkedUploader.h"
#include "transfer/PostUploader.h"

#include <QCryptographicHash>
#include <QtTest>

using namespace tardigrade;
using namespace tardigrade::test;

namespace {

// Staging without SSH: the bytes "arrive" in the fake catalogue's replica.
// Can fail part way with an SSH-like (local, transient) error.
class FakeStagingUploader : public Uploader {
public:
    explicit FakeStagingUploader(FakeCatalogue &catalogue) : m_catalogue(catalogue) {}

    int sends = 0, resets = 0;
    int failuresLeft = 0;           // sends that break off half way
    QVector<qint64> startedAt;      // where each send began
    QVector<QByteArray> paths;

    QString name() const override { return QStringLiteral("staging"); }
    bool registersFirst(qint64) const override { return true; }
    void reset() override { ++resets; }
    Result<Delivery> send(const Shipment &s, const Progress &progress) override
    {
        ++sends;
        paths << s.stagingPath;
        FakeFile *target = nullptr;
        for (FakeFile &f : m_catalogue.state().files)
            if (f.id == s.datafileId)
                target = &f;
        if (!target)
            return Error::internal(QStringLiteral("not registered"));
        const qint64 from = s.resumeOffset < 0 ? target->bytesThere : s.resumeOffset;
        startedAt << from;
        progress(from, s.size);
        if (failuresLeft > 0) {
            --failuresLeft;
            target->bytesThere = from + (s.size - from) / 2;
            progress(target->bytesThere, s.size);
            return Error::transient(QStringLiteral("The staging host closed the connection; tried again."));
        }
        target->bytesThere = s.size;
        progress(s.size, s.size);
        return Delivery{s.datafileId, false};
    }

private:
    FakeCatalogue &m_catalogue;
};

struct Fixture {
    StageWorld w;
    PreparedRun prepared;
    PlannedDataset dataset;
    TransferCounter counter;

    explicit Fixture(UploadMethod method = UploadMethod::Post)
    {
        prepared = w.prepared(method);
        const Dataset d = w.catalogue.addDataset(1, QStringLiteral("Run"));
        dataset.datasetName = d.description;
        dataset.datasetId = d.id;
        dataset.datasetUri = d.uri();
    }
    PlannedFile planned(const QString &name, qint64 size)
    {
        PlannedFile f;
        f.absolutePath = w.write(QStringLiteral("alice/Run/") + name, size);
        f.name = name;
        f.size = size;
        f.decision = FileDecision::Upload;
        return f;
    }
    FileOutcome process(Uploader &uploader, const PlannedFile &file)
    {
        FileWorker worker(prepared.context, w.catalogue, uploader, counter, w.sink);
        return worker.process(dataset, file);
    }
};

} // namespace

class TestFileWorker : public QObject {
    Q_OBJECT

private slots:
    void postHashesSendsAndJournals()
    {
        Fixture x;
        PostUploader post(x.w.catalogue);
        const PlannedFile f = x.planned(QStringLiteral("a.dat"), 1000);
        const FileOutcome o = x.process(post, f);
        QVERIFY2(o.delivered, o.error ? qPrintable(o.error->message) : "");
        QVERIFY(o.datafileId > 0);
        QCOMPARE(o.bytesSent, 1000);
        QCOMPARE(x.counter.sent.load(), 1000);
        QCOMPARE(x.counter.hashed.load(), 1000);
        QCOMPARE(x.w.catalogue.count(QStringLiteral("registerForStaging")), 0); // POST registers with the bytes
        const FakeFile *server = x.w.catalogue.file(QString(), QStringLiteral("a.dat"));
        QCOMPARE(server->md5, QString::fromLatin1(QCryptographicHash::hash(QByteArray(1000, 'x'),
                                                                           QCryptographicHash::Md5)
                                                      .toHex()));
        auto entry = x.w.journal->entry(f.absolutePath);
        QCOMPARE(entry->state, FileState::Uploaded);
        QCOMPARE(entry->datafileId, o.datafileId);
        QCOMPARE(entry->method, QStringLiteral("post"));
        QCOMPARE(x.w.sink.lastState(f.absolutePath), FileState::Uploaded);
    }

    void stagingRegistersFirstThenSends()
    {
        Fixture x(UploadMethod::Staging);
        FakeStagingUploader staging(x.w.catalogue);
        const PlannedFile f = x.planned(QStringLiteral("s.dat"), 5000);
        const FileOutcome o = x.process(staging, f);
        QVERIFY2(o.delivered, o.error ? qPrintable(o.error->message) : "");
        QCOMPARE(x.w.catalogue.count(QStringLiteral("registerForStaging")), 1);
        QCOMPARE(staging.paths, QVector<QByteArray>{"/staging/DS-" + QByteArray::number(x.dataset.datasetId) +
                                                    "/s.dat"});
        auto entry = x.w.journal->entry(f.absolutePath);
        QCOMPARE(entry->state, FileState::Uploaded);
        QCOMPARE(entry->stagingPath, staging.paths.first());
        QCOMPARE(entry->method, QStringLiteral("staging"));
        QCOMPARE(x.counter.sent.load(), 5000);
    }

    void aLostRegistrationIsLookedUpNotRepeated()
    {
        Fixture x(UploadMethod::Staging);
        FakeStagingUploader staging(x.w.catalogue);
        bool lost = false;
        x.w.catalogue.state().fault = [&lost](const QString &call, bool *acted) -> std::optional<Error> {
            if (call == QLatin1String("registerForStaging") && !lost) {
                lost = true;
                *acted = true;
                return lostAnswer();
            }
            return std::nullopt;
        };
        const PlannedFile f = x.planned(QStringLiteral("r.dat"), 3000);
        const FileOutcome o = x.process(staging, f);
        QVERIFY2(o.delivered, o.error ? qPrintable(o.error->message) : "");
        QVERIFY(lost);
        QCOMPARE(x.w.catalogue.state().files.size(), 1); // one record, not two
        QCOMPARE(x.w.catalogue.count(QStringLiteral("registerForStaging")), 1);
        QCOMPARE(staging.sends, 1);
        QCOMPARE(o.datafileId, x.w.catalogue.state().files.first().id);
    }

    void anSshFailureIsTriedAgainFromWhereItStopped()
    {
        Fixture x(UploadMethod::Staging);
        x.prepared.context.maxUploadRetries = 1;
        FakeStagingUploader staging(x.w.catalogue);
        staging.failuresLeft = 1;
        const QDateTime before = x.w.clock.now();
        const PlannedFile f = x.planned(QStringLiteral("t.dat"), 4000);
        const FileOutcome o = x.process(staging, f);
        QVERIFY2(o.delivered, o.error ? qPrintable(o.error->message) : "");
        QCOMPARE(staging.sends, 2);
        QCOMPARE(staging.resets, 1);             // a fresh connection for the retry
        QCOMPARE(staging.startedAt.last(), 2000); // the registered file, continued
        // The retry's registration is answered "exists": the record is continued, not made again.
        QCOMPARE(x.w.catalogue.state().files.size(), 1);
        // Bytes counted once: the broken attempt's were taken back.
        QCOMPARE(x.counter.sent.load(), 2000);
        QCOMPARE(o.bytesSent, 2000);
        QVERIFY(before.msecsTo(x.w.clock.now()) >= 1500); // waited on the clock before retrying
    }

    void httpFailuresAreLeftToTheRequestLayer()
    {
        Fixture x;
        x.prepared.context.maxUploadRetries = 3;
        PostUploader post(x.w.catalogue);
        x.w.catalogue.state().fault = [](const QString &call, bool *) -> std::optional<Error> {
            if (call != QLatin1String("uploadFile"))
                return std::nullopt;
            Error e = Error::transient(QStringLiteral("The MyTardis server failed (HTTP 503) while uploading."), 503);
            e.origin = ErrorOrigin::Http;
            return e;
        };
        const PlannedFile f = x.planned(QStringLiteral("h.dat"), 100);
        const FileOutcome o = x.process(post, f);
        QVERIFY(!o.delivered);
        QCOMPARE(x.w.catalogue.count(QStringLiteral("uploadFile")), 1); // not 4: the request layer retried
        QVERIFY(o.error->message.contains(QStringLiteral("HTTP 503")));
        auto entry = x.w.journal->entry(f.absolutePath);
        QCOMPARE(entry->state, FileState::Failed);
        QCOMPARE(entry->attempts, 1);
        QCOMPARE(x.w.sink.lastState(f.absolutePath), FileState::Failed);
    }

    void aFileThePostFoundThereIsTakenFromTheServer()
    {
        Fixture x;
        PostUploader post(x.w.catalogue);
        x.w.catalogue.addFile(x.dataset.datasetId, QString(), QStringLiteral("dup.dat"), 100, false).bytesThere = 100;
        const PlannedFile f = x.planned(QStringLiteral("dup.dat"), 100);
        const FileOutcome o = x.process(post, f);
        QVERIFY(o.delivered);
        QCOMPARE(o.datafileId, x.w.catalogue.state().files.first().id);
        QCOMPARE(x.counter.sent.load(), 0); // nothing new went over the wire
        QCOMPARE(x.w.catalogue.state().files.size(), 1);
    }

    void aChunkedUploadResumesWhereTheServerHasIt()
    {
        Fixture x(UploadMethod::Chunked);
        ChunkedUploader chunked(x.w.catalogue, 4096);
        PlannedFile f = x.planned(QStringLiteral("big.dat"), 10000);
        // An earlier run registered it and sent 3 chunks.
        FakeFile &there = x.w.catalogue.addFile(x.dataset.datasetId, QString(), QStringLiteral("big.dat"), 10000, false);
        there.bytesThere = 3 * FakeCatalogue::ChunkSize;
        f.decision = FileDecision::Resume;
        f.datafileId = there.id;
        const FileOutcome o = x.process(chunked, f);
        QVERIFY2(o.delivered, o.error ? qPrintable(o.error->message) : "");
        QCOMPARE(x.w.catalogue.count(QStringLiteral("sendChunk")), 7); // 10000 bytes = 10 chunks, 3 were there
        QCOMPARE(o.bytesSent, 10000 - 3 * FakeCatalogue::ChunkSize);
        QVERIFY(x.w.catalogue.state().files.first().verified);
    }

    void aFileThatChangesWhileSentIsNotTakenAsDone()
    {
        Fixture x(UploadMethod::Staging);
        FakeStagingUploader staging(x.w.catalogue);
        const PlannedFile f = x.planned(QStringLiteral("c.dat"), 100);
        x.w.catalogue.state().fault = [&f](const QString &call, bool *) -> std::optional<Error> {
            if (call == QLatin1String("registerForStaging")) { // the instrument writes on
                QFile out(f.absolutePath);
                if (out.open(QIODevice::Append))
                    out.write("more");
            }
            return std::nullopt;
        };
        const FileOutcome o = x.process(staging, f);
        QVERIFY(!o.delivered);
        QCOMPARE(o.error->kind, ErrorKind::Permanent);
        QVERIFY2(o.error->message.contains(QStringLiteral("changed while it was being uploaded")),
                 qPrintable(o.error->message));
        QCOMPARE(x.w.journal->entry(f.absolutePath)->state, FileState::Failed);
    }
};

QTEST_GUILESS_MAIN(TestFileWorker)
#include "tst_fileworker.moc"
