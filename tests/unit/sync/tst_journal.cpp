#include "sync/Journal.h"
#include "sync/RunEventSink.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTest>

using namespace tardigrade;

class TestJournal : public QObject {
    Q_OBJECT
private slots:
    void roundTripsEveryField()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("journal.sqlite"));
        JournalEntry e;
        e.path = QStringLiteral("/data/usér/ds 1/a'b$c;.txt");
        e.size = 123;
        e.mtimeMs = 1700000000123;
        e.md5 = QStringLiteral("0123456789abcdef0123456789abcdef");
        e.state = FileState::Transferring;
        e.datasetId = 7;
        e.datafileId = 42;
        e.replicaId = 43;
        e.stagingPath = QByteArray("/var/staging/Dataset%202-7/a'b$c;.txt");
        e.offset = 64;
        e.method = QStringLiteral("staging");
        e.attempts = 2;
        e.error = QStringLiteral("timeout");
        {
            auto journal = Journal::open(file, QStringLiteral("http://server"));
            QVERIFY(journal.ok());
            QVERIFY((*journal)->put(e).ok());
        }
        auto journal = Journal::open(file, QStringLiteral("http://server"));
        QVERIFY(journal.ok());
        auto back = (*journal)->entry(e.path);
        QVERIFY(back.ok());
        QCOMPARE(back->path, e.path);
        QCOMPARE(back->size, e.size);
        QCOMPARE(back->mtimeMs, e.mtimeMs);
        QCOMPARE(back->md5, e.md5);
        QCOMPARE(back->state, e.state);
        QCOMPARE(back->datasetId, e.datasetId);
        QCOMPARE(back->datafileId, e.datafileId);
        QCOMPARE(back->replicaId, e.replicaId);
        QCOMPARE(back->stagingPath, e.stagingPath);
        QCOMPARE(back->offset, e.offset);
        QCOMPARE(back->method, e.method);
        QCOMPARE(back->attempts, e.attempts);
        QCOMPARE(back->error, e.error);

        // Another server's journal does not see it.
        auto other = Journal::open(file, QStringLiteral("http://other"));
        QVERIFY(other.ok());
        QVERIFY(!(*other)->entry(e.path).ok());
        QVERIFY((*other)->loadAll().isEmpty());
    }

    void statesUpdate()
    {
        QTemporaryDir dir;
        auto journal = Journal::open(dir.filePath(QStringLiteral("j.sqlite")), QStringLiteral("s"));
        QVERIFY(journal.ok());
        Journal &j = **journal;
        QVector<JournalEntry> many;
        for (int i = 0; i < 1000; ++i) {
            JournalEntry e;
            e.path = QStringLiteral("/f%1").arg(i);
            e.size = i;
            many.append(e);
        }
        QVERIFY(j.putAll(many).ok());
        QCOMPARE(j.loadAll().size(), 1000);
        QVERIFY(j.setState(QStringLiteral("/f5"), FileState::Failed, QStringLiteral("gone")).ok());
        QCOMPARE(j.entry(QStringLiteral("/f5"))->state, FileState::Failed);
        QCOMPARE(j.entry(QStringLiteral("/f5"))->error, QStringLiteral("gone"));
        QCOMPARE(j.entry(QStringLiteral("/f6"))->state, FileState::Found);
    }

    // A batch is one transaction: all of it or none, and other threads'
    // writes wait for its COMMIT (putAll holds the journal's lock).
    void batchFromManyThreads()
    {
        QTemporaryDir dir;
        auto journal = Journal::open(dir.filePath(QStringLiteral("j.sqlite")), QStringLiteral("s"));
        QVERIFY(journal.ok());
        Journal &j = **journal;
        QVector<JournalEntry> many;
        for (int i = 0; i < 5000; ++i) {
            JournalEntry e;
            e.path = QStringLiteral("/batch%1").arg(i);
            many.append(e);
        }
        std::atomic_int failures{0};
        QThread *other = QThread::create([&] {
            for (int i = 0; i < 200; ++i) {
                JournalEntry e;
                e.path = QStringLiteral("/other%1").arg(i);
                failures += !j.put(e).ok();
            }
        });
        other->start();
        QVERIFY(j.putAll(many).ok());
        other->wait();
        delete other;
        QCOMPARE(failures.load(), 0);
        QCOMPARE(j.loadAll().size(), 5200);
    }

    // Staged ahead of their registration and never registered: those rows
    // only (StagedLeftovers); one is forgotten only while it is still that.
    void stagedUnregisteredRows()
    {
        QTemporaryDir dir;
        auto journal = Journal::open(dir.filePath(QStringLiteral("j.sqlite")), QStringLiteral("s"));
        QVERIFY(journal.ok());
        Journal &j = **journal;
        auto row = [](const char *path, qint64 datafileId, const QByteArray &stagingPath) {
            JournalEntry e;
            e.path = QString::fromLatin1(path);
            e.datasetId = 3;
            e.datafileId = datafileId;
            e.stagingPath = stagingPath;
            e.method = QStringLiteral("staging");
            return e;
        };
        QVERIFY(j.putAll({row("/staged", 0, "/st/D-3/staged"), row("/registered", 9, "/st/D-3/registered"),
                          row("/hashed", 0, QByteArray())})
                    .ok());
        auto other = Journal::open(dir.filePath(QStringLiteral("j.sqlite")), QStringLiteral("other server"));
        QVERIFY(other.ok() && (*other)->put(row("/elsewhere", 0, "/st/D-3/elsewhere")).ok());

        const QVector<JournalEntry> staged = j.stagedUnregistered();
        QCOMPARE(staged.size(), 1);
        QCOMPARE(staged.first().path, QStringLiteral("/staged"));
        QCOMPARE(staged.first().stagingPath, QByteArray("/st/D-3/staged"));

        // Registered meanwhile, or sent elsewhere since: kept.
        QVERIFY(j.forgetStaged(QStringLiteral("/registered"), "/st/D-3/registered").ok());
        QVERIFY(j.entry(QStringLiteral("/registered")).ok());
        QVERIFY(j.forgetStaged(QStringLiteral("/staged"), "/st/D-3/another").ok());
        QVERIFY(j.entry(QStringLiteral("/staged")).ok());
        QVERIFY(j.forgetStaged(QStringLiteral("/staged"), "/st/D-3/staged").ok());
        QVERIFY(!j.entry(QStringLiteral("/staged")).ok());
        QVERIFY(j.stagedUnregistered().isEmpty());
        QCOMPARE(j.loadAll().size(), 2);
    }

    // A failed write is told once; the rest only reach the log.
    void failuresAreReportedOnce()
    {
        QTemporaryDir dir;
        auto journal = Journal::open(dir.filePath(QStringLiteral("j.sqlite")), QStringLiteral("s"));
        QVERIFY(journal.ok());
        struct Sink : RunEventSink {
            QStringList said;
            void message(const QString &m) override { said << m; }
        } sink;
        (*journal)->reportFailure(Error::internal(QStringLiteral("disk full")), sink);
        (*journal)->reportFailure(Error::internal(QStringLiteral("disk full")), sink);
        QCOMPARE(sink.said, QStringList{QStringLiteral("disk full")});
    }

    void stateNamesRoundTrip()
    {
        for (FileState s : {FileState::Found, FileState::Hashing, FileState::Hashed, FileState::Registered,
                            FileState::Transferring, FileState::Uploaded, FileState::Verifying, FileState::Verified,
                            FileState::Failed})
            QCOMPARE(fileStateFromName(fileStateName(s)), s);
    }

    void unwritableLocationIsAClearError()
    {
        auto journal = Journal::open(QStringLiteral("/nonexistent-dir/x/journal.sqlite"), QStringLiteral("s"));
        QVERIFY(!journal.ok());
        QVERIFY(journal.error().message.contains(QStringLiteral("could not be opened")));
    }

    void damagedFileIsMovedAsideAndMadeAfresh()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("journal.sqlite"));
        {
            auto journal = Journal::open(file, QStringLiteral("s"));
            QVERIFY(journal.ok());
            JournalEntry e;
            e.path = QStringLiteral("/data/a");
            e.size = 1;
            QVERIFY((*journal)->put(e).ok());
            QVERIFY((*journal)->damageNote().isEmpty());
        }
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QByteArray(5000, 'x'));
        f.close();
        auto journal = Journal::open(file, QStringLiteral("s"));
        QVERIFY2(journal.ok(), qPrintable(journal.error().message));
        QVERIFY((*journal)->loadAll().isEmpty()); // rebuilt from the server, not from the damaged file
        QVERIFY((*journal)->damageNote().contains(QStringLiteral("was damaged")));
        const QStringList kept = QDir(dir.path()).entryList({QStringLiteral("journal.sqlite.damaged-*")});
        QCOMPARE(kept.size(), 1);
        QVERIFY((*journal)->damageNote().contains(kept.first()));
        QFile aside(dir.filePath(kept.first()));
        QVERIFY(aside.open(QIODevice::ReadOnly));
        QCOMPARE(aside.readAll(), QByteArray(5000, 'x')); // the evidence, untouched
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
