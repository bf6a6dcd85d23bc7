// The verification stage alone, on a clock that skips its waits: files are
// done only when the server says so, asked no earlier than they are ready,
// and what stays unverified past the deadline is reported.
#include "StageWorld.h"
#include "sync/Verifier.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace tardigrade;
using namespace tardigrade::test;

namespace {

struct Fixture {
    StageWorld w;
    PreparedRun prepared = w.prepared();
    Dataset dataset = w.catalogue.addDataset(1, QStringLiteral("Run"));

    PendingVerification delivered(const QString &name, qint64 size, bool complete = true, qint64 readyInMs = 0)
    {
        FakeFile &f = w.catalogue.addFile(dataset.id, QString(), name, size, false);
        f.bytesThere = complete ? size : size / 2;
        PendingVerification p;
        p.path = w.dataDir() + QStringLiteral("/alice/Run/") + name;
        p.dataset = dataset.description;
        p.datasetId = dataset.id;
        p.datafileId = f.id;
        p.size = size;
        p.readyAtMs = w.clock.now().toMSecsSinceEpoch() + readyInMs;
        JournalEntry e;
        e.path = p.path;
        e.size = size;
        e.state = FileState::Uploaded;
        (void)w.journal->put(e);
        return p;
    }
};

} // namespace

class TestVerifier : public QObject {
    Q_OBJECT

private slots:
    void doneOnlyWhenTheServerSaysSo()
    {
        Fixture x;
        x.w.catalogue.state().verifyAfterLooks = 3; // the server copies to storage first
        QVector<PendingVerification> unverified;
        QVector<PendingVerification> verified;
        {
            Verifier v(x.prepared.context, 2, x.w.sink);
            v.add(x.delivered(QStringLiteral("a"), 10));
            v.add(x.delivered(QStringLiteral("b"), 20));
            verified = v.finish(300, &unverified);
        }
        QCOMPARE(verified.size(), 2);
        QVERIFY(unverified.isEmpty());
        QCOMPARE(x.w.catalogue.count(QStringLiteral("requestVerify")), 2);
        QVERIFY(x.w.catalogue.calls().count(QStringLiteral("dataFile")) >= 2 * 3); // polled until verified
        for (const PendingVerification &p : verified) {
            QCOMPARE(x.w.journal->entry(p.path)->state, FileState::Verified);
            QCOMPARE(x.w.sink.lastState(p.path), FileState::Verified);
        }
    }

    void unverifiedPastTheDeadlineIsReported()
    {
        Fixture x;
        QElapsedTimer wall;
        wall.start();
        const QDateTime start = x.w.clock.now();
        QVector<PendingVerification> unverified;
        Verifier v(x.prepared.context, 1, x.w.sink);
        v.add(x.delivered(QStringLiteral("partial"), 100, false)); // bytes missing: never verified
        const QVector<PendingVerification> verified = v.finish(300, &unverified);
        QVERIFY(verified.isEmpty());
        QCOMPARE(unverified.size(), 1);
        QCOMPARE(unverified.first().path, x.w.dataDir() + QStringLiteral("/alice/Run/partial"));
        QVERIFY(start.secsTo(x.w.clock.now()) >= 300); // the deadline is on the run's clock...
        QVERIFY(wall.elapsed() < 3000);                // ... so the test does not wait for it
        // The server was asked again while it stayed unverified.
        QVERIFY(x.w.catalogue.count(QStringLiteral("requestVerify")) >= 2);
        QCOMPARE(x.w.journal->entry(unverified.first().path)->state, FileState::Verifying);
    }

    void askedNoEarlierThanReady()
    {
        Fixture x;
        const QDateTime start = x.w.clock.now();
        QVector<PendingVerification> unverified;
        Verifier v(x.prepared.context, 1, x.w.sink);
        v.add(x.delivered(QStringLiteral("later"), 10, true, 3000)); // verification_delay
        QCOMPARE(v.finish(300, &unverified).size(), 1);
        QVERIFY(start.msecsTo(x.w.clock.now()) >= 3000);
    }

    void aBusyDatasetIsListedNotAskedFileByFile()
    {
        Fixture x;
        x.w.catalogue.state().verifyAfterLooks = 2;
        QVector<PendingVerification> unverified;
        Verifier v(x.prepared.context, 2, x.w.sink);
        for (int i = 0; i < 40; ++i)
            v.add(x.delivered(QStringLiteral("f%1").arg(i), 10));
        QCOMPARE(v.finish(300, &unverified).size(), 40);
        QCOMPARE(x.w.catalogue.calls().count(QStringLiteral("dataFile")), 0);
        QVERIFY(x.w.catalogue.count(QStringLiteral("dataFilesOfDataset")) <= 3);
    }
};

QTEST_GUILESS_MAIN(TestVerifier)
#include "tst_verifier.moc"
