// Small files staged in batches (issue 15, a slow network): a worker takes
// the next small files of one dataset, sends them over its connection with
// many requests in flight, hashing each, then registers them together. A
// file the batch does not finish goes on alone from what the journal says,
// so a flaky server or a kill in the middle of a batch loses nothing and
// makes nothing twice. The real tardigrade binary, the stand-in server and
// a real sshd.
#include "CatalogueCheck.h"
#include "DataTree.h"
#include "StagingWorld.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <limits>

using namespace tardigrade::test;

namespace {

// Every staged file is byte for byte the local one of the same name.
QString compareStaged(const QString &stagingRoot, const DataTree &tree)
{
    QMap<QString, QByteArray> staged; // file name -> md5 (names are unique in these trees)
    QDirIterator it(stagingRoot, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        staged.insert(QFileInfo(path).fileName(), DataTree::md5OfFile(path));
    }
    QStringList problems;
    for (auto f = tree.files().cbegin(); f != tree.files().cend(); ++f) {
        const QString name = f.key().section(QLatin1Char('/'), -1);
        if (staged.value(name) != f.value())
            problems << QStringLiteral("staged %1 differs or is missing").arg(name);
    }
    return problems.join(QLatin1Char('\n'));
}

// Staged files with all the bytes of the local file of the same name.
int wholeStagedFiles(const QString &stagingRoot, const DataTree &tree)
{
    QHash<QString, qint64> localSizes;
    for (auto f = tree.files().cbegin(); f != tree.files().cend(); ++f)
        localSizes.insert(f.key().section(QLatin1Char('/'), -1), QFileInfo(tree.root() + QLatin1Char('/') + f.key()).size());
    int n = 0;
    QDirIterator it(stagingRoot, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        n += localSizes.value(info.fileName(), -1) == info.size();
    }
    return n;
}

QJsonObject summaryOf(const CliResult &run)
{
    return QJsonDocument::fromJson(run.out).object();
}

// Small files with names a shell or a protocol line would trip on (unique
// across the tree: the checks match staged files by name).
void writeSmallFiles(DataTree &tree, const QString &datasetFolder, int count)
{
    const QString tag = datasetFolder.section(QLatin1Char('/'), 1, 1).section(QLatin1Char(' '), -1);
    for (int i = 0; i < count; ++i) {
        const QString name = i % 10 == 0   ? QStringLiteral("it's %1 %2 $x;.dat").arg(tag).arg(i)
                             : i % 10 == 1 ? QStringLiteral("Größe %1 %2 \"q\".dat").arg(tag).arg(i)
                                           : QStringLiteral("file %1 %2.dat").arg(tag).arg(i, 4, 10, QLatin1Char('0'));
        tree.write(datasetFolder + QLatin1Char('/') + name, 1 + (i * 7919) % 60000);
    }
}

} // namespace

class TestStagingBatch : public QObject {
    Q_OBJECT
private slots:
    void smallFilesGoInBatchesAndArriveWhole()
    {
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error), qPrintable(error));
        DataTree tree(world.server.dataDir());
        writeSmallFiles(tree, QStringLiteral("testuser1/Batch one"), 150);
        writeSmallFiles(tree, QStringLiteral("testuser1/Batch two/sub folder"), 90);
        tree.write(QStringLiteral("testuser1/Batch two/large.raw"), qint64(6) << 20); // alone: too big for a batch

        const CliResult run = world.upload();
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject summary = summaryOf(run);
        QCOMPARE(summary.value(QStringLiteral("verified")).toInt(), 241);
        // Every small file went in a batch; the large one did not.
        QCOMPARE(summary.value(QStringLiteral("sent_in_batches")).toInt(), 240);
        // One pass: each byte read once, batch or not.
        qint64 total = 0;
        for (auto f = tree.files().cbegin(); f != tree.files().cend(); ++f)
            total += QFileInfo(tree.root() + QLatin1Char('/') + f.key()).size();
        QCOMPARE(summary.value(QStringLiteral("bytes_read_local")).toInteger(), total);
        const QString problems = checkCatalogue(world.server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        const QString staged = compareStaged(world.stagingRoot, tree);
        QVERIFY2(staged.isEmpty(), qPrintable(staged));
    }

    void aWorkerSendsItsNextBatchWhileTheLastIsRegistered()
    {
        // One worker, two batches, a catalogue that answers 100 ms late:
        // the second batch is on staging before the first one's last
        // registration has even arrived (16 at a time, 20 to make).
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error, {{QStringLiteral("max_upload_threads"), QStringLiteral("1")}},
                             {QStringLiteral("--latency-ms"), QStringLiteral("100")}),
                 qPrintable(error));
        DataTree tree(world.server.dataDir());
        writeSmallFiles(tree, QStringLiteral("testuser1/Overlap A"), 20);
        writeSmallFiles(tree, QStringLiteral("testuser1/Overlap B"), 20);

        const CliResult run = world.upload();
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(summaryOf(run).value(QStringLiteral("sent_in_batches")).toInt(), 40);
        QVector<qint64> registered; // when each registration arrived; the first batch's come first
        for (const QJsonObject &r : world.server.requests())
            if (r.value(QLatin1String("method")).toString() == QLatin1String("POST") &&
                r.value(QLatin1String("path")).toString() == QLatin1String("/api/v1/mydata_dataset_file/"))
                registered << r.value(QLatin1String("ms")).toInteger();
        QCOMPARE(registered.size(), 40);
        std::sort(registered.begin(), registered.end());
        qint64 secondStaged = std::numeric_limits<qint64>::max(); // the second batch's first file written
        for (QDirIterator it(world.stagingRoot, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
            it.next();
            if (it.fileName().contains(QLatin1String(" B ")))
                secondStaged = qMin(secondStaged, it.fileInfo().lastModified().toMSecsSinceEpoch());
        }
        QVERIFY2(secondStaged < registered.at(19),
                 qPrintable(QStringLiteral("the second batch was staged %1 ms after the first batch's last "
                                           "registration arrived")
                                .arg(secondStaged - registered.at(19))));
        const QString problems = checkCatalogue(world.server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void aFlakyServerLosesNoFileOfABatchAndMakesNoneTwice()
    {
#ifdef TARDIGRADE_PORTABLE_IO
        QSKIP("retries and batches are engine code both variants share: the POSIX variant runs this");
#endif
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error, {{QStringLiteral("max_upload_retries"), QStringLiteral("5")}},
                             {QStringLiteral("--fail-rate"), QStringLiteral("0.2"), QStringLiteral("--fail-mode"),
                              QStringLiteral("mixed-lost"), QStringLiteral("--fail-seed"), QStringLiteral("15")}),
                 qPrintable(error));
        DataTree tree(world.server.dataDir());
        writeSmallFiles(tree, QStringLiteral("testuser1/Flaky"), 24);

        // A file whose tries all met faults is left for the next run, as a
        // facility's schedule would run it: at most one more run.
        CliResult run = world.upload();
        if (run.exitCode != 0)
            run = world.upload();
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(world.server.injectedFaults().failed > 5, "the server was flaky");
        const QString problems = checkCatalogue(world.server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        const QString staged = compareStaged(world.stagingRoot, tree);
        QVERIFY2(staged.isEmpty(), qPrintable(staged));
    }

    void aRunKilledWhileItsBatchIsRegisteredLosesNothingAndMakesNothingTwice()
    {
#ifdef TARDIGRADE_PORTABLE_IO
        QSKIP("retries and batches are engine code both variants share: the POSIX variant runs this");
#endif
        // The server answers slowly (100 ms), so the run is caught with a
        // batch's bytes whole on staging and its registrations in flight.
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error, {{QStringLiteral("max_upload_threads"), QStringLiteral("2")}},
                             {QStringLiteral("--latency-ms"), QStringLiteral("100")}),
                 qPrintable(error));
        DataTree tree(world.server.dataDir());
        writeSmallFiles(tree, QStringLiteral("testuser1/Killed"), 40);

        std::unique_ptr<QProcess> upload(startUpload(world));
        QElapsedTimer t;
        t.start();
        while (wholeStagedFiles(world.stagingRoot, tree) < 12 && t.elapsed() < 60000)
            QThread::msleep(5);
        upload->kill(); // SIGKILL: no chance to tidy up
        upload->waitForFinished();
        const int wholeAtKill = wholeStagedFiles(world.stagingRoot, tree);
        QVERIFY2(wholeAtKill >= 12, "the run was caught with whole files on staging");
        const QJsonArray registeredAtKill = world.server.dump().value(QStringLiteral("datafiles")).toArray();
        qInfo() << wholeAtKill << "whole files on staging," << registeredAtKill.size() << "registered at the kill";
        // One staged but not registered is deleted locally before the next
        // run: its copy on staging is nobody's, and that run removes it.
        QSet<QString> registeredNames;
        for (const QJsonValue &d : registeredAtKill)
            registeredNames.insert(d.toObject().value(QStringLiteral("filename")).toString());
        QString orphan;
        for (QDirIterator it(world.stagingRoot, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
            it.next();
            if (!registeredNames.contains(it.fileName()) && it.fileName().contains(QLatin1String("Killed"))) {
                orphan = it.filePath();
                break;
            }
        }
        QVERIFY2(!orphan.isEmpty(), "the run was caught with a file staged and not registered");
        tree.remove(QStringLiteral("testuser1/Killed/") + QFileInfo(orphan).fileName());

        const CliResult run = world.upload();
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QString problems = checkCatalogue(world.server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        const QString staged = compareStaged(world.stagingRoot, tree);
        QVERIFY2(staged.isEmpty(), qPrintable(staged));
        QVERIFY2(!QFileInfo::exists(orphan), qPrintable(orphan + QStringLiteral(" is still on staging")));
    }
};

QTEST_GUILESS_MAIN(TestStagingBatch)
#include "tst_stagingbatch.moc"
