// The whole pipeline (SyncRun) wired to an in-process catalogue: a run
// uploads and verifies everything, the next finds it all verified, and a
// Test Run changes nothing. Milliseconds, not a server.
#include "StageWorld.h"
#include "settings/SettingsFile.h"
#include "sync/SyncRun.h"
#include "transfer/Md5Hasher.h"

#include <QtTest>

using namespace tardigrade;
using namespace tardigrade::test;

namespace {

SyncSummary runOnce(StageWorld &w, bool testRun = false)
{
    SyncRun::Options options;
    options.testRun = testRun;
    options.makeCatalogue = w.catalogue.factory();
    options.chunkedAbove = 4096;
    SyncRun run(w.configFile(), options, w.clock);
    const SyncSummary summary = run.run();
    if (run.fatalError())
        qWarning("%s", qPrintable(run.fatalError()->message));
    return summary;
}

} // namespace

class TestPipeline : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qputenv("TARDIGRADE_SECRET_STORE", "file"); }

    void uploadsVerifiesThenFindsItAllThere()
    {
        StageWorld w;
        w.installKey();
        w.write(QStringLiteral("alice/Run 1/a.dat"), 10);
        w.write(QStringLiteral("alice/Run 1/sub/b.dat"), 20);
        w.write(QStringLiteral("alice/Run 2/big.dat"), 10000); // by the chunk API
        Settings s = w.settings();
        s.setRawValue(SettingKey::MaxUploadThreads, QStringLiteral("2"));
        QVERIFY(SettingsFile::save(s, w.configFile()).ok());

        const SyncSummary first = runOnce(w);
        QVERIFY2(first.ok(), first.failed.isEmpty() ? "" : qPrintable(first.failed.first().reason));
        QCOMPARE(first.found, 3);
        QCOMPARE(first.uploaded, 3);
        QCOMPARE(first.verified, 3);
        QCOMPARE(first.bytesUploaded, 10030);
        QCOMPARE(w.catalogue.count(QStringLiteral("uploadFile")), 2);
        QCOMPARE(w.catalogue.count(QStringLiteral("sendChunk")), 10);
        for (const FakeFile &f : w.catalogue.state().files)
            QVERIFY(f.verified);

        w.catalogue.state().calls.clear();
        const SyncSummary second = runOnce(w);
        QVERIFY(second.ok());
        QCOMPARE(second.alreadyVerified, 3);
        QCOMPARE(second.uploaded, 0);
        QCOMPARE(w.catalogue.count(QStringLiteral("uploadFile")), 0);
        QCOMPARE(w.catalogue.count(QStringLiteral("registerForStaging")), 0);
        QCOMPARE(w.catalogue.count(QStringLiteral("dataFilesOfDataset")), 0); // the lookup cache knew
    }

    // The Folders tab's Verified count rises as each file verifies, not
    // only when the run ends; every file's look-up reaches the Verifications
    // tab in one batch per dataset.
    void foldersCountFilesAsTheyVerify()
    {
        StageWorld w;
        w.installKey();
        for (int i = 0; i < 4; ++i)
            w.write(QStringLiteral("alice/Run/f%1.dat").arg(i), 10 + i);
        Settings s = w.settings();
        s.setRawValue(SettingKey::MaxUploadThreads, QStringLiteral("1"));
        QVERIFY(SettingsFile::save(s, w.configFile()).ok());

        SyncRun::Options options;
        options.makeCatalogue = w.catalogue.factory();
        SyncRun run(w.configFile(), options, w.clock);
        QVector<int> counts; // the folder's Verified, event by event
        QVector<QVector<LookupEvent>> lookups;
        connect(
            &run, &SyncRun::datasetChanged, this, [&](const DatasetEvent &e) { counts << e.verified; },
            Qt::DirectConnection);
        connect(
            &run, &SyncRun::filesLookedUp, this, [&](const QVector<LookupEvent> &e) { lookups << e; },
            Qt::DirectConnection);
        const SyncSummary summary = run.run();
        QVERIFY(summary.ok());
        QCOMPARE(summary.verified, 4);
        QStringList seen;
        for (int n : std::as_const(counts))
            seen << QString::number(n);
        for (int n = 0; n <= 4; ++n)
            QVERIFY2(counts.contains(n), qPrintable(seen.join(QLatin1Char(','))));
        QVERIFY(std::is_sorted(counts.begin(), counts.end()));
        QCOMPARE(lookups.size(), 1);
        QCOMPARE(lookups.first().size(), 4);
    }

    void aTestRunChangesNothing()
    {
        StageWorld w;
        w.installKey();
        w.write(QStringLiteral("alice/Run/a.dat"), 10);
        QVERIFY(SettingsFile::save(w.settings(), w.configFile()).ok());
        const SyncSummary summary = runOnce(w, true);
        QVERIFY(summary.testRun);
        QCOMPARE(summary.wouldUpload, 1);
        for (const QString &call : w.catalogue.calls())
            QVERIFY2(!call.startsWith(QLatin1String("create")) && !call.startsWith(QLatin1String("update")) &&
                         !call.startsWith(QLatin1String("add")) && call != QLatin1String("uploadFile") &&
                         call != QLatin1String("registerForStaging") && call != QLatin1String("requestVerify"),
                     qPrintable(call));
        QVERIFY(!QFileInfo::exists(QFileInfo(w.configFile()).absolutePath() + QStringLiteral("/journal.sqlite")));
    }

    // A run's bytes_read_local counts what the run's own readers read, not
    // the process: a file hashed elsewhere in the same process while the
    // run goes on (the GUI's cleanup, say) is not the run's.
    void aRunCountsOnlyItsOwnReads()
    {
        StageWorld w;
        w.installKey();
        w.write(QStringLiteral("alice/Run/a.dat"), 10);      // hashed, then POSTed (the fake reads nothing)
        w.write(QStringLiteral("alice/Run/big.dat"), 10000); // hashed, then read again for its chunks
        QTemporaryDir outside;
        const QString elsewhere = outside.filePath(QStringLiteral("other.dat"));
        {
            QFile f(elsewhere);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(QByteArray(50000, 'o')) == 50000);
        }
        QVERIFY(SettingsFile::save(w.settings(), w.configFile()).ok());
        int readElsewhere = 0;
        w.catalogue.state().fault = [&](const QString &call, bool *) -> std::optional<Error> {
            if ((call == QLatin1String("uploadFile") || call == QLatin1String("sendChunk")) &&
                Md5Hasher().hashFile(elsewhere)) // no tally: not the run's read
                ++readElsewhere;
            return std::nullopt;
        };

        const SyncSummary summary = runOnce(w);
        QVERIFY2(summary.ok(), summary.failed.isEmpty() ? "" : qPrintable(summary.failed.first().reason));
        QCOMPARE(summary.uploaded, 2);
        QVERIFY(readElsewhere > 0);
        QCOMPARE(summary.bytesReadLocal, 10 + 2 * 10000);
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
