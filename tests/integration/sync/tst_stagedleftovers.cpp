// Copies sent to staging ahead of their registration whose local file went
// away before it was registered (StagedLeftovers): removed with their
// journal rows when the server has no record of them, kept when it has or
// when the staging host cannot be reached. A real sshd as the staging host
// and the stand-in server as MyTardis.
#include "StandinProcess.h"
#include "catalogue/MyTardisClient.h"
#include "integration/transfer/StagingHostTest.h"
#include "sync/Journal.h"
#include "sync/StagedLeftovers.h"
#include "sync/StagingPath.h"
#include "transfer/StagingUploader.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTest>

using namespace tardigrade;
using tardigrade::test::StandinProcess;

class TestStagedLeftovers : public tardigrade::test::StagingHostTest {
    Q_OBJECT

    StandinProcess m_server;
    std::unique_ptr<MyTardisClient> m_client;
    std::unique_ptr<Journal> m_journal;
    Dataset m_dataset;

    QByteArray location() const { return QFile::encodeName(m_staging); }
    QByteArray stagingPathOf(const QString &directory, const QString &name) const
    {
        return predictedStagingPath(location(), m_dataset.description, m_dataset.id, directory, name);
    }

    // A copy on the staging host, as a send ahead of registering leaves it,
    // and the journal row FileWorker::beginStaging and sentWhole wrote for
    // it; `local` is the local file's path (there or not).
    JournalEntry staged(const QString &local, const QByteArray &stagingPath, bool copyThere = true)
    {
        if (copyThere) {
            QDir().mkpath(QFileInfo(QFile::decodeName(stagingPath)).absolutePath());
            QFile copy(QFile::decodeName(stagingPath));
            if (copy.open(QIODevice::WriteOnly))
                copy.write("bytes sent ahead of their registration\n");
        }
        JournalEntry row;
        row.path = local;
        row.size = 39;
        row.mtimeMs = QDateTime::currentMSecsSinceEpoch();
        row.md5 = QStringLiteral("0123456789abcdef0123456789abcdef");
        row.state = FileState::Failed; // its registration failed, say
        row.datasetId = m_dataset.id;
        row.stagingPath = stagingPath;
        row.offset = row.size;
        row.method = QStringLiteral("staging");
        row.error = QStringLiteral("changed while it was being sent");
        if (Status s = m_journal->put(row); !s)
            qWarning() << s.error().message;
        return row;
    }

    QString goneLocal(const QString &name) const { return m_tmp.filePath(QStringLiteral("local/") + name); }
    bool inJournal(const QString &path) const { return m_journal->entry(path).ok(); }
    static bool onStaging(const QByteArray &stagingPath) { return QFileInfo::exists(QFile::decodeName(stagingPath)); }

    LeftoverCount removeLeftovers(const SshEndpoint &host, const QString &dataDirectory = {})
    {
        StagingUploader uploader(host);
        return StagedLeftovers(
                   *m_journal, *m_client, uploader,
                   {location(), dataDirectory.isEmpty() ? m_tmp.filePath(QStringLiteral("local")) : dataDirectory})
            .removeAll();
    }

private slots:
    // Each case starts from a journal without leftovers.
    void init()
    {
        if (m_journal)
            for (const JournalEntry &row : m_journal->stagedUnregistered())
                QVERIFY(m_journal->forgetStaged(row.path, row.stagingPath).ok());
    }

    void initTestCase()
    {
        const QString host = startHost();
        QVERIFY2(host.isEmpty(), qPrintable(host));
        QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("local"))));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        ClientConfig config;
        config.url = m_server.urlString();
        config.username = m_server.username();
        config.apiKey = m_server.apiKey();
        config.timeoutSecs = 5;
        config.backoffMs = 50;
        m_client = std::make_unique<MyTardisClient>(config);

        NewExperiment experiment;
        experiment.key = {QStringLiteral("Test Instrument - Test User1"), QStringLiteral("Username / Dataset"),
                          QStringLiteral("testuser1"), QString()};
        auto made = m_client->createExperiment(experiment);
        QVERIFY2(made.ok(), qPrintable(made.error().message));
        auto dataset = m_client->createDataset({QString(), QStringLiteral("Run 2"), made->uri(), false});
        QVERIFY2(dataset.ok(), qPrintable(dataset.error().message));
        m_dataset = *dataset;

        auto journal = Journal::open(m_tmp.filePath(QStringLiteral("journal.sqlite")), m_server.urlString());
        QVERIFY2(journal.ok(), qPrintable(journal.error().message));
        m_journal = std::move(journal).value();
    }

    void aCopyOfADeletedFileWithNoRecordIsRemoved()
    {
        // Names no shell may see: the removal goes by SFTP, no quoting needed.
        const JournalEntry gone =
            staged(goneLocal(QStringLiteral("it's gone $(x).raw")),
                   stagingPathOf(QStringLiteral("sub dir"), QStringLiteral("it's gone $(x).raw")));
        // Its copy went already (an earlier pass removed it, then could not
        // write the journal): removed all the same.
        const JournalEntry copyGone = staged(goneLocal(QStringLiteral("earlier.raw")),
                                             stagingPathOf(QString(), QStringLiteral("earlier.raw")), false);
        // Still there (changed, say): sent again to the same path, so left alone.
        const QString present = makeLocal(QStringLiteral("present.raw"), 64);
        const JournalEntry kept = staged(present, stagingPathOf(QString(), QStringLiteral("present.raw")));
        QVERIFY(onStaging(gone.stagingPath) && onStaging(kept.stagingPath));

        const LeftoverCount count = removeLeftovers(endpoint());
        QCOMPARE(count.removed, 2);
        QCOMPARE(count.failed, 0);
        QVERIFY(!onStaging(gone.stagingPath));
        QVERIFY(!inJournal(gone.path));
        QVERIFY(!inJournal(copyGone.path));
        QVERIFY(onStaging(kept.stagingPath));
        QVERIFY(inJournal(present));
        // The dataset's folder stays: it is the server's.
        QVERIFY(QFileInfo(QFileInfo(QFile::decodeName(gone.stagingPath)).absolutePath()).isDir());
    }

    void aCopyWhoseRecordTheServerHoldsIsKept()
    {
        // Registered after all, its answer lost: the copy is the record's
        // and stays; the row of a file that is gone is forgotten (kept, it
        // would be looked up again in every run).
        NewDataFile record;
        record.datasetUri = m_dataset.uri();
        record.directory = QStringLiteral("sub dir");
        record.filename = QStringLiteral("held.raw");
        record.md5sum = QStringLiteral("0123456789abcdef0123456789abcdef");
        record.size = 39;
        record.mimetype = QStringLiteral("application/octet-stream");
        record.modificationTime = QDateTime::currentDateTime();
        auto registered = m_client->registerForStaging(record, m_server.uuid(), QStringLiteral("aa:bb"));
        QVERIFY2(registered.ok(), qPrintable(registered.error().message));
        const JournalEntry held =
            staged(goneLocal(QStringLiteral("held.raw")), stagingPathOf(record.directory, record.filename));

        const LeftoverCount count = removeLeftovers(endpoint());
        QCOMPARE(count.removed, 0);
        QCOMPARE(count.kept, 1);
        QVERIFY(onStaging(held.stagingPath));
        QVERIFY(!inJournal(held.path));
        QCOMPARE(removeLeftovers(endpoint()).kept, 0); // not asked about again
    }

    void anUnreachableStagingHostKeepsTheRowForTheNextRun()
    {
        const JournalEntry gone =
            staged(goneLocal(QStringLiteral("later.raw")), stagingPathOf(QString(), QStringLiteral("later.raw")));
        const JournalEntry second =
            staged(goneLocal(QStringLiteral("later2.raw")), stagingPathOf(QString(), QStringLiteral("later2.raw")));
        QTcpServer closed; // a port nothing listens on
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const int port = closed.serverPort();
        closed.close();

        // The first failure ends the pass: the second row would only wait
        // out the same connection timeout.
        const LeftoverCount count = removeLeftovers(endpoint(port));
        QCOMPARE(count.failed, 1);
        QCOMPARE(count.removed, 0);
        QVERIFY(inJournal(gone.path) && inJournal(second.path));
        QVERIFY(onStaging(gone.stagingPath) && onStaging(second.stagingPath));

        // The next run, with the host back, removes them.
        const LeftoverCount next = removeLeftovers(endpoint());
        QCOMPARE(next.removed, 2);
        QVERIFY(!inJournal(gone.path) && !inJournal(second.path));
        QVERIFY(!onStaging(gone.stagingPath) && !onStaging(second.stagingPath));
    }

    // Without an answer from the server nothing is removed: the name may
    // have a record.
    void anUnreachableServerKeepsCopyAndRow()
    {
        const JournalEntry gone =
            staged(goneLocal(QStringLiteral("unasked.raw")), stagingPathOf(QString(), QStringLiteral("unasked.raw")));
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        ClientConfig config = m_client->config();
        config.url = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        config.maxTries = 1;
        closed.close();
        MyTardisClient down(config);
        StagingUploader uploader(endpoint());
        const LeftoverCount count =
            StagedLeftovers(*m_journal, down, uploader, {location(), m_tmp.filePath(QStringLiteral("local"))})
                .removeAll();
        QCOMPARE(count.failed, 1);
        QCOMPARE(count.removed, 0);
        QVERIFY(inJournal(gone.path));
        QVERIFY(onStaging(gone.stagingPath));
    }

    // A drive unplugged: every file looks deleted, so nothing is touched.
    void nothingIsRemovedWhileTheDataDirectoryIsGone()
    {
        const JournalEntry gone = staged(goneLocal(QStringLiteral("unplugged.raw")),
                                         stagingPathOf(QString(), QStringLiteral("unplugged.raw")));
        const LeftoverCount count = removeLeftovers(endpoint(), m_tmp.filePath(QStringLiteral("unplugged-drive")));
        QCOMPARE(count.removed + count.kept + count.failed, 0);
        QVERIFY(onStaging(gone.stagingPath));
        QVERIFY(inJournal(gone.path));
    }

    // The same name in the same dataset from another local folder, still
    // on its way there: the copy is its own too.
    void aCopyAnotherLocalFileCountsOnIsKept()
    {
        const QByteArray path = stagingPathOf(QString(), QStringLiteral("shared.raw"));
        const JournalEntry gone = staged(goneLocal(QStringLiteral("a/shared.raw")), path);
        const JournalEntry other = staged(makeLocal(QStringLiteral("b/shared.raw"), 39), path);
        const LeftoverCount count = removeLeftovers(endpoint());
        QCOMPARE(count.removed, 0);
        QCOMPARE(count.kept, 1);
        QVERIFY(onStaging(path));
        QVERIFY(inJournal(gone.path) && inJournal(other.path));
    }
};

QTEST_GUILESS_MAIN(TestStagedLeftovers)
#include "tst_stagedleftovers.moc"
