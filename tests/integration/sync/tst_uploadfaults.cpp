// Nothing is lost: a staging host that goes away mid-transfer, and a
// process killed with SIGKILL at random points, still end with every file
// verified exactly once.
#include "StagingFolder.h"
#include "CatalogueCheck.h"
#include "DataTree.h"
#include "StagingWorld.h"

#include <QElapsedTimer>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>
#include <QThread>

using namespace tardigrade::test;

class TestUploadFaults : public QObject {
    Q_OBJECT
private slots:
    void stagingHostGoesAwayMidTransferAndTheUploadResumes()
    {
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error, {{QStringLiteral("max_upload_retries"), QStringLiteral("5")}}), qPrintable(error));
        DataTree tree(world.server.dataDir());
        const qint64 size = qint64(400) << 20;
        tree.write(QStringLiteral("testuser1/Run/big.raw"), size);

        std::unique_ptr<QProcess> upload(startUpload(world));
        QElapsedTimer t;
        t.start();
        while (largestStagedFile(world.stagingRoot) < (qint64(32) << 20) && t.elapsed() < 60000)
            QThread::msleep(20);
        const qint64 before = largestStagedFile(world.stagingRoot);
        QVERIFY2(before >= (qint64(32) << 20) && before < size, "the transfer was caught mid-way");
        world.sshd.stop();
        QThread::msleep(1500);
        QVERIFY2(world.sshd.restart(&error), qPrintable(error));

        QVERIFY(upload->waitForFinished(240000));
        const QByteArray out = upload->readAllStandardOutput();
        const QByteArray err = upload->readAllStandardError();
        QVERIFY2(upload->exitCode() == 0, err.right(1500).constData());
        const QJsonObject summary = QJsonDocument::fromJson(out).object();
        QCOMPARE(summary.value(QStringLiteral("verified")).toInt(), 1);
        // The attempt that succeeded sent only what was missing.
        const qint64 sent = summary.value(QStringLiteral("bytes_uploaded")).toInteger();
        QVERIFY2(sent > 0 && sent <= size - (qint64(16) << 20),
                 qPrintable(QStringLiteral("sent %1 of %2 bytes after the drop").arg(sent).arg(size)));
        const QString problems = checkCatalogue(world.server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void killedAtRandomFiveTimesEndsVerifiedExactlyOnce()
    {
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error, {{QStringLiteral("max_upload_threads"), QStringLiteral("3")}}), qPrintable(error));
        DataTree tree = DataTree::hostile(world.server.dataDir());
        for (int i = 0; i < 40; ++i)
            tree.write(QStringLiteral("testuser1/Many/file %1.dat").arg(i, 3, 10, QLatin1Char('0')), 1000 + i * 37);
        tree.write(QStringLiteral("testuser2/Large/a.raw"), qint64(48) << 20);
        tree.write(QStringLiteral("testuser2/Large/b.raw"), qint64(24) << 20);

        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo() << "kill points seeded with" << seed;
        QRandomGenerator rng(seed);
        for (int round = 0; round < 5; ++round) {
            std::unique_ptr<QProcess> upload(startUpload(world));
            QThread::msleep(300 + rng.bounded(2200));
            upload->kill(); // SIGKILL: no chance to tidy up
            upload->waitForFinished();
        }
        const CliResult last = world.upload();
        QVERIFY2(last.exitCode == 0, qPrintable(last.describe()));
        const QJsonObject dump = world.server.dump();
        const QString problems = checkCatalogue(dump, tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems + QStringLiteral(" (seed %1)").arg(seed)));
        // One experiment per owner, one dataset per folder: nothing made twice.
        QCOMPARE(dump.value(QStringLiteral("experiments")).toArray().size(), 2);
        QStringList datasets;
        for (const QJsonValue &d : dump.value(QStringLiteral("datasets")).toArray())
            datasets << d.toObject().value(QStringLiteral("description")).toString();
        const int count = datasets.size();
        datasets.removeDuplicates();
        QCOMPARE(datasets.size(), count);
    }
};

QTEST_GUILESS_MAIN(TestUploadFaults)
#include "tst_uploadfaults.moc"
