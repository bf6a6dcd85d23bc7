// The verification stage alone, on a clock that skips its waits: files are
// done only when the server says so, asked about at once and polled while
// the uploads go on (one listing per dataset, at 100 ms doubling up to
// verification_delay), and what stays unverified past the deadline is
// reported.
#include "StageWorld.h"
#include "sync/Verifier.h"

#include <QElapsedTimer>
#include <QtTest>

#include <condition_variable>
#include <mutex>

using namespace tardigrade;
using namespace tardigrade::test;

namespace {

// The stages' clock, keeping every wait asked of it; hold() makes waits
// stand (in real time) until release(), so a test can line files up
// before the first poll.
class RecordingClock : public FakeClock {
public:
    using FakeClock::FakeClock;
    bool sleepUnlessCancelled(qint64 ms, const std::atomic_bool *cancel) const override
    {
        {
            std::unique_lock<std::mutex> lock(m_gateMutex);
            m_gate.wait(lock, [this] { return !m_held; });
            m_waits.append(ms);
        }
        return FakeClock::sleepUnlessCancelled(ms, cancel);
    }
    void hold()
    {
        std::lock_guard<std::mutex> lock(m_gateMutex);
        m_held = true;
    }
    void release()
    {
        {
            std::lock_guard<std::mutex> lock(m_gateMutex);
            m_held = false;
        }
        m_gate.notify_all();
    }
    QVector<qint64> waits() const
    {
        std::lock_guard<std::mutex> lock(m_gateMutex);
        return m_waits;
    }

private:
    mutable std::mutex m_gateMutex;
    mutable std::condition_variable m_gate;
    mutable QVector<qint64> m_waits;
    bool m_held = false;
};

struct Fixture {
    StageWorld w;
    PreparedRun prepared = w.prepared();
    Dataset dataset = w.catalogue.addDataset(1, QStringLiteral("Run"));

    PendingVerification delivered(const QString &name, qint64 size, bool complete = true)
    {
        return deliveredTo(dataset, name, size, complete);
    }
    PendingVerification deliveredTo(const Dataset &to, const QString &name, qint64 size, bool complete = true)
    {
        FakeFile &f = w.catalogue.addFile(to.id, QString(), name, size, false);
        f.bytesThere = complete ? size : size / 2;
        PendingVerification p;
        p.path = w.dataDir() + QStringLiteral("/alice/") + to.description + QLatin1Char('/') + name;
        p.dataset = to.description;
        p.datasetId = to.id;
        p.datafileId = f.id;
        p.size = size;
        JournalEntry e;
        e.path = p.path;
        e.size = size;
        e.state = FileState::Uploaded;
        (void)w.journal->put(e);
        return p;
    }
    // Sent by POST: the server starts checking it by itself.
    PendingVerification posted(const Dataset &to, const QString &name)
    {
        PendingVerification p = deliveredTo(to, name, 10);
        p.serverVerifiesItself = true;
        (void)w.catalogue.requestVerify(p.datafileId); // what the POST set off on the server
        return p;
    }
    int reportedVerified()
    {
        QMutexLocker lock(&w.sink.mutex);
        int n = 0;
        for (const FileEvent &e : std::as_const(w.sink.files))
            n += e.state == FileState::Verified;
        return n;
    }
};

// A file uploaded into dataset `datasetId` as datafile `datafileId`: all the
// polling schedule (VerificationPolls) looks at.
PendingVerification uploaded(qint64 datasetId, qint64 datafileId)
{
    PendingVerification p;
    p.datasetId = datasetId;
    p.datafileId = datafileId;
    return p;
}

} // namespace

// A verified file is kept for the whole run (every file of a first run of
// 100,000): its record stays three numbers' worth, not the waiting entry's
// 88 bytes (20 MB of that run's peak).
static_assert(sizeof(VerifiedFile) <= 3 * sizeof(qint64), "VerifiedFile is kept for every file of a run");

class TestVerifier : public QObject {
    Q_OBJECT

private slots:
    void doneOnlyWhenTheServerSaysSo()
    {
        Fixture x;
        x.w.catalogue.state().verifyAfterLooks = 3; // the server copies to storage first
        QVector<PendingVerification> unverified;
        QVector<VerifiedFile> verified;
        const QVector<PendingVerification> sent{x.delivered(QStringLiteral("a"), 10),
                                                x.delivered(QStringLiteral("b"), 20)};
        {
            Verifier v(x.prepared.context, 2, x.w.sink);
            for (const PendingVerification &p : sent)
                v.add(p);
            verified = v.finish(300, &unverified);
        }
        QCOMPARE(verified.size(), 2);
        QVERIFY(unverified.isEmpty());
        QCOMPARE(x.w.catalogue.count(QStringLiteral("requestVerify")), 2);
        QVERIFY(x.w.catalogue.calls().count(QStringLiteral("dataFilesOfDataset")) >= 3); // polled until verified
        QSet<qint64> verifiedIds;
        for (const VerifiedFile &v : verified)
            verifiedIds.insert(v.datafileId);
        QCOMPARE(verifiedIds, QSet<qint64>({sent.at(0).datafileId, sent.at(1).datafileId}));
        for (const PendingVerification &p : sent) {
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
        const QVector<VerifiedFile> verified = v.finish(300, &unverified);
        QVERIFY(verified.isEmpty());
        QCOMPARE(unverified.size(), 1);
        QCOMPARE(unverified.first().path, x.w.dataDir() + QStringLiteral("/alice/Run/partial"));
        QVERIFY(start.secsTo(x.w.clock.now()) >= 300); // the deadline is on the run's clock...
        QVERIFY(wall.elapsed() < 3000);                // ... so the test does not wait for it
        // The server was asked again while it stayed unverified.
        QVERIFY(x.w.catalogue.count(QStringLiteral("requestVerify")) >= 2);
        QCOMPARE(x.w.journal->entry(unverified.first().path)->state, FileState::Verifying);
    }

    // verification_delay bounds the pauses between polls; it is no sleep
    // before the request, and polls start while uploads go on: the file is
    // reported Verified before finish() is called.
    void pollsGrowFrom100msToTheDelayWhileUploadsGoOn()
    {
        Fixture x;
        RecordingClock clock(x.w.clock.now());
        x.prepared.context.clock = &clock;
        x.prepared.context.verificationDelaySecs = 3;
        x.w.catalogue.state().verifyAfterLooks = 8;
        Verifier v(x.prepared.context, 1, x.w.sink);
        const PendingVerification p = x.delivered(QStringLiteral("a"), 10);
        v.add(p);
        QTRY_COMPARE(x.w.sink.lastState(p.path), FileState::Verified);
        QCOMPARE(x.w.catalogue.count(QStringLiteral("requestVerify")), 1);
        QCOMPARE(clock.waits(), (QVector<qint64>{100, 200, 400, 800, 1600, 3000, 3000, 3000}));
        QVector<PendingVerification> unverified;
        QCOMPARE(v.finish(300, &unverified).size(), 1);
        QVERIFY(unverified.isEmpty());
        QCOMPARE(x.w.journal->entry(p.path)->state, FileState::Verified);
    }

    void aLongDelayIsNoWait()
    {
        Fixture x;
        x.prepared.context.verificationDelaySecs = 60;
        const QDateTime start = x.w.clock.now();
        Verifier v(x.prepared.context, 1, x.w.sink);
        const PendingVerification p = x.delivered(QStringLiteral("a"), 10);
        v.add(p);
        QTRY_COMPARE(x.w.sink.lastState(p.path), FileState::Verified);
        QVERIFY(start.msecsTo(x.w.clock.now()) < 1000); // asked at once, seen at the first poll
        QVector<PendingVerification> unverified;
        QCOMPARE(v.finish(300, &unverified).size(), 1);
    }

    // Each poll lists a dataset once for all of its waiting files, however
    // few; nothing is asked about POSTed files (the server checks them).
    void oneListingPerDatasetPerPoll()
    {
        Fixture x;
        RecordingClock clock(x.w.clock.now());
        x.prepared.context.clock = &clock;
        x.w.catalogue.state().verifyAfterLooks = 3;
        const Dataset other = x.w.catalogue.addDataset(1, QStringLiteral("Other"));
        Verifier v(x.prepared.context, 2, x.w.sink);
        clock.hold(); // every file is in before the first poll
        for (int i = 0; i < 5; ++i) {
            v.add(x.posted(x.dataset, QStringLiteral("f%1").arg(i)));
            v.add(x.posted(other, QStringLiteral("g%1").arg(i)));
        }
        const int askedByTheTest = x.w.catalogue.count(QStringLiteral("requestVerify"));
        QTRY_COMPARE(v.waitingFiles(), 10);
        clock.release();
        QTRY_COMPARE(x.reportedVerified(), 10); // during the uploads
        QCOMPARE(x.w.catalogue.count(QStringLiteral("dataFilesOfDataset")), 2 * 3); // 3 polls, 2 datasets
        QCOMPARE(x.w.catalogue.calls().count(QStringLiteral("dataFile")), 0); // no per-file look
        QCOMPARE(x.w.catalogue.count(QStringLiteral("requestVerify")), askedByTheTest);
        QVector<PendingVerification> unverified;
        QCOMPARE(v.finish(300, &unverified).size(), 10);
    }

    // A request thread that finds many files queued asks about them
    // together (requestVerifyMany: many requests in flight), not one round
    // trip after another; the threads stay as many as configured.
    void aRequestThreadAsksAboutTheQueuedFilesTogether()
    {
        Fixture x;
        std::mutex gateMutex;
        std::condition_variable gate;
        bool open = false;
        // The first request stands until every other file is queued.
        x.w.catalogue.state().fault = [&](const QString &call, bool *) -> std::optional<Error> {
            if (call == QLatin1String("requestVerify")) {
                std::unique_lock<std::mutex> lock(gateMutex);
                gate.wait(lock, [&] { return open; });
            }
            return std::nullopt;
        };
        Verifier v(x.prepared.context, 1, x.w.sink);
        v.add(x.delivered(QStringLiteral("first"), 10));
        QTRY_COMPARE(x.w.catalogue.count(QStringLiteral("requestVerify")), 1);
        for (int i = 0; i < 40; ++i)
            v.add(x.delivered(QStringLiteral("f%1").arg(i), 10));
        {
            std::lock_guard<std::mutex> lock(gateMutex);
            open = true;
        }
        gate.notify_all();
        QVector<PendingVerification> unverified;
        QCOMPARE(v.finish(300, &unverified).size(), 41);
        QVERIFY(unverified.isEmpty());
        QCOMPARE(x.w.catalogue.count(QStringLiteral("requestVerify")), 41); // each asked once
        // 40 queued: a batch of 32, then the 8 left.
        const QStringList calls = x.w.catalogue.calls();
        QCOMPARE(calls.filter(QStringLiteral("verifyMany:")),
                 (QStringList{QStringLiteral("verifyMany:32"), QStringLiteral("verifyMany:8")}));
    }

    // After the uploads the schedule starts again at 100 ms, so the last
    // files of a long run are not left to the longest pause.
    void theLastFilesAreSeenSoonAfterTheUploads()
    {
        VerificationPolls polls(60000);
        const PendingVerification early = uploaded(1, 10);
        QVERIFY(polls.add(early, 0));
        qint64 now = 0;
        for (int i = 0; i < 12; ++i) { // the pause grows to its cap while uploads go on
            now = *polls.nextDueMs();
            polls.listed(1, {}, now);
        }
        QCOMPARE(*polls.nextDueMs() - now, 60000);
        QVERIFY(!polls.add(uploaded(1, 11), now + 10)); // same dataset: already waiting
        polls.restart(now + 20);
        QCOMPARE(*polls.nextDueMs(), now + 20 + 100);
        const VerificationPolls::Listed seen = polls.listed(1, {10, 11}, now + 120);
        QCOMPARE(seen.verified.size(), 2);
        QVERIFY(polls.isEmpty());
    }

    // While uploads go on, a dataset of thousands of files (a listing of
    // many pages) is listed seldom; once they are over, on the schedule.
    void aBigDatasetIsListedSeldomWhileUploadsGoOn()
    {
        VerificationPolls polls(3000);
        polls.add(uploaded(1, 10), 0);
        polls.listed(1, {}, 100, 20000);
        QCOMPARE(*polls.nextDueMs(), 100 + 20000);
        polls.restart(200);
        QCOMPARE(*polls.nextDueMs(), 300);
        polls.listed(1, {}, 300, 20000);
        QCOMPARE(*polls.nextDueMs(), 300 + 125);
    }

    // Once the uploads are over, someone waits for the run to end: the
    // pause grows by a quarter, so a file is seen at most about a quarter of
    // its wait after the server verified it (doubling: up to half).
    void afterTheUploadsThePauseGrowsByAQuarter()
    {
        VerificationPolls polls(3000);
        polls.add(uploaded(1, 10), 0);
        polls.restart(0);
        QVector<qint64> pauses;
        qint64 now = 0;
        for (int i = 0; i < 18; ++i) {
            const qint64 due = *polls.nextDueMs();
            pauses << due - now;
            now = due;
            polls.listed(1, {}, now);
        }
        QCOMPARE(pauses, (QVector<qint64>{100, 125, 156, 195, 243, 303, 378, 472, 590, 737, 921, 1151, 1438, 1797,
                                          2246, 2807, 3000, 3000}));
    }

    // A replica that stays unverified is asked about again after 30 s.
    void askedAgainAfterThirtySeconds()
    {
        VerificationPolls polls(3000);
        polls.add(uploaded(1, 10), 0);
        QVERIFY(polls.listed(1, {}, 29999).askAgain.isEmpty());
        QCOMPARE(polls.listed(1, {}, 30000).askAgain.size(), 1);
        QVERIFY(polls.listed(1, {}, 31000).askAgain.isEmpty());
        QCOMPARE(polls.waiting().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestVerifier)
#include "tst_verifier.moc"
