// Small files staged in a batch (FileWorker::processBatch), against an
// in-process catalogue and an uploader that "sends" by hashing: what the
// batch does together, and that a file it does not finish (its send failed,
// its registration's answer was lost, it changed on the way) goes on alone
// and ends registered exactly once with the right sum.
#include "StageWorld.h"
#include "sync/FileWorker.h"

#include <QCryptographicHash>
#include <QtTest>

#include <functional>

using namespace tardigrade;
using namespace tardigrade::test;

namespace {

QByteArray md5Hex(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Md5).toHex();
}

// Staging that hashes while it "sends" (each file's sum is that of its bytes
// at the moment of sending), one at a time or many at once.
class HashingUploader : public Uploader {
public:
    int sends = 0;
    QVector<int> batches; // files per sendMany
    // Called for each file of a batch before it is "sent"; an error fails
    // that file alone.
    std::function<std::optional<Error>(int index, const Shipment &)> beforeBatchFile;
    std::function<void(int index, const Shipment &)> afterBatchFile;

    QString name() const override { return QStringLiteral("staging"); }
    bool registersFirst(qint64) const override { return true; }
    bool hashesWhileSending(qint64 size) const override { return size > 0; }
    qint64 sendsManyBelow() const override { return qint64(1) << 20; }
    Status moveStaged(const QByteArray &, const QByteArray &) override { return {}; }

    Result<Delivery> send(const Shipment &s, const Progress &progress) override
    {
        ++sends;
        return sendOne(s, progress);
    }
    QVector<Result<Delivery>> sendMany(const QVector<Shipment> &shipments, const ManyProgress &progress) override
    {
        batches << shipments.size();
        QVector<Result<Delivery>> answers;
        for (int i = 0; i < shipments.size(); ++i) {
            if (beforeBatchFile)
                if (std::optional<Error> e = beforeBatchFile(i, shipments.at(i))) {
                    answers.append(*e);
                    continue;
                }
            answers.append(sendOne(shipments.at(i), [&](qint64 done, qint64 total) { progress(i, done, total); }));
            if (afterBatchFile)
                afterBatchFile(i, shipments.at(i));
        }
        return answers;
    }

private:
    static Result<Delivery> sendOne(const Shipment &s, const Progress &progress)
    {
        progress(0, s.size);
        if (s.md5OfSent)
            *s.md5OfSent = md5Hex(s.localPath);
        progress(s.size, s.size);
        return Delivery{};
    }
};

struct Fixture {
    StageWorld w;
    PreparedRun prepared = w.prepared(UploadMethod::Staging);
    PlannedDataset dataset;
    TransferCounter counter;
    std::vector<PlannedFile> files;

    explicit Fixture(int count)
    {
        const Dataset d = w.catalogue.addDataset(1, QStringLiteral("Run"));
        dataset.datasetName = d.description;
        dataset.datasetId = d.id;
        dataset.datasetUri = d.uri();
        for (int i = 0; i < count; ++i) {
            PlannedFile f;
            f.name = QStringLiteral("f%1.dat").arg(i);
            f.size = 100 + i;
            f.absolutePath = w.write(QStringLiteral("alice/Run/") + f.name, f.size, char('a' + i));
            f.decision = FileDecision::Upload;
            files.push_back(f);
        }
    }
    QVector<FileOutcome> processBatch(Uploader &uploader)
    {
        FileWorker worker(prepared.context, w.catalogue, uploader, counter, w.sink);
        QVector<const PlannedFile *> batch;
        for (const PlannedFile &f : files)
            batch << &f;
        return worker.processBatch(dataset, batch);
    }
    // Every file registered once, with the sum of its bytes now.
    QString checkCatalogue()
    {
        QStringList problems;
        for (const PlannedFile &f : files) {
            int n = 0;
            for (const FakeFile &r : w.catalogue.state().files)
                n += r.filename == f.name;
            const FakeFile *r = w.catalogue.file(QString(), f.name);
            if (n != 1)
                problems << QStringLiteral("%1 registered %2 times").arg(f.name).arg(n);
            else if (r->md5.toLatin1() != md5Hex(f.absolutePath))
                problems << QStringLiteral("%1 registered with another sum").arg(f.name);
        }
        return problems.join(QLatin1Char('\n'));
    }
};

} // namespace

class TestFileWorkerBatch : public QObject {
    Q_OBJECT

private slots:
    void aBatchIsSentTogetherThenRegistered()
    {
        Fixture x(5);
        HashingUploader uploader;
        const QVector<FileOutcome> outcomes = x.processBatch(uploader);
        QCOMPARE(outcomes.size(), 5);
        for (const FileOutcome &o : outcomes) {
            QVERIFY2(o.delivered && o.batched, o.error ? qPrintable(o.error->message) : "not batched");
            QVERIFY(o.datafileId > 0);
        }
        QCOMPARE(uploader.batches, QVector<int>{5});
        QCOMPARE(uploader.sends, 0);
        QCOMPARE(x.w.catalogue.count(QStringLiteral("registerForStaging")), 5);
        const QString problems = x.checkCatalogue();
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        for (const PlannedFile &f : x.files) {
            const auto entry = x.w.journal->entry(f.absolutePath);
            QCOMPARE(entry->state, FileState::Uploaded);
            QCOMPARE(entry->md5.toLatin1(), md5Hex(f.absolutePath));
            QCOMPARE(x.w.sink.lastState(f.absolutePath), FileState::Uploaded);
        }
        qint64 total = 0;
        for (const PlannedFile &f : x.files)
            total += f.size;
        QCOMPARE(x.counter.sent.load(), total);
    }

    void aFileTheBatchCouldNotSendGoesOnAlone()
    {
        Fixture x(5);
        HashingUploader uploader;
        uploader.beforeBatchFile = [](int i, const Shipment &) -> std::optional<Error> {
            if (i == 1)
                return Error::transient(QStringLiteral("The staging host closed the connection; tried again."));
            return std::nullopt;
        };
        const QVector<FileOutcome> outcomes = x.processBatch(uploader);
        for (int i = 0; i < outcomes.size(); ++i) {
            QVERIFY2(outcomes.at(i).delivered, qPrintable(QString::number(i)));
            QCOMPARE(outcomes.at(i).batched, i != 1);
        }
        QCOMPARE(uploader.sends, 1);
        const QString problems = x.checkCatalogue();
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void aLostRegistrationAnswerIsFoundNotMadeTwice()
    {
        Fixture x(5);
        HashingUploader uploader;
        int registrations = 0;
        x.w.catalogue.state().fault = [&](const QString &call, bool *acted) -> std::optional<Error> {
            if (call == QLatin1String("registerForStaging") && ++registrations == 3) {
                *acted = true; // made on the server, the answer lost
                return lostAnswer();
            }
            return std::nullopt;
        };
        const QVector<FileOutcome> outcomes = x.processBatch(uploader);
        for (int i = 0; i < outcomes.size(); ++i)
            QVERIFY2(outcomes.at(i).delivered, qPrintable(QString::number(i)));
        QVERIFY(!outcomes.at(2).batched);
        // Found, not made again; the bytes go again (a small file is not
        // continued but sent whole).
        QCOMPARE(uploader.sends, 1);
        const QString problems = x.checkCatalogue();
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void aFileThatChangedOnTheWayIsNotRegisteredFromTheBatch()
    {
        Fixture x(4);
        HashingUploader uploader;
        uploader.afterBatchFile = [&](int i, const Shipment &s) {
            if (i != 2)
                return;
            QTest::qWait(20); // a later modification time
            QFile f(s.localPath);
            f.open(QIODevice::Append);
            f.write("more");
        };
        const QVector<FileOutcome> outcomes = x.processBatch(uploader);
        for (int i = 0; i < outcomes.size(); ++i)
            QVERIFY2(outcomes.at(i).delivered, qPrintable(QString::number(i)));
        QVERIFY(!outcomes.at(2).batched);
        QCOMPARE(uploader.sends, 1); // sent again as it is now
        const QString problems = x.checkCatalogue();
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }
};

QTEST_GUILESS_MAIN(TestFileWorkerBatch)
#include "tst_fileworkerbatch.moc"
