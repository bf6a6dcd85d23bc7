// Staging by SCP when the world misbehaves locally or on the staging disk:
// a staging file system that fills up, and a local file truncated while it
// is sent. Each is said in one sentence; nothing is counted verified that
// the server does not hold with the right checksum; nothing is registered
// twice.
#include "StagingFolder.h"
#include "CatalogueCheck.h"
#include "DataTree.h"
#include "Mount.h"
#include "StagingWorld.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QThread>

using namespace tardigrade::test;

namespace {

// Every verified record holds the checksum of the bytes the file had when
// it was hashed: `md5s` are the sums the file may rightly have had.
QString verifiedWithOtherChecksum(const QJsonObject &dump, const QMap<QString, QList<QByteArray>> &md5s)
{
    QStringList wrong;
    for (const QJsonValue &v : dump.value(QStringLiteral("datafiles")).toArray()) {
        const QJsonObject f = v.toObject();
        const QString name = f.value(QStringLiteral("filename")).toString();
        if (f.value(QStringLiteral("verified")).toBool() &&
            !md5s.value(name).contains(f.value(QStringLiteral("md5sum")).toString().toLatin1()))
            wrong << name;
    }
    return wrong.join(QLatin1Char(' '));
}

} // namespace

class TestStagingDamage : public QObject {
    Q_OBJECT
private slots:
    void stagingDiskFullThenFreed()
    {
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error, {{QStringLiteral("max_upload_retries"), QStringLiteral("1")}}), qPrintable(error));
        TmpfsMount disk(world.stagingRoot);
        if (!disk.mount(QStringLiteral("size=6m,mode=0777")))
            QSKIP("mounting a tmpfs is not permitted here (needs root or CAP_SYS_ADMIN); no small staging disk");
        DataTree tree(world.server.dataDir());
        tree.write(QStringLiteral("testuser1/Run/big.raw"), qint64(70) << 20); // SCP sink, asks for room first
        for (int i = 0; i < 3; ++i)
            tree.write(QStringLiteral("testuser1/Run/small %1.txt").arg(i), 200000); // SFTP

        const CliResult full = world.upload();
        QVERIFY2(full.exitCode != 0, qPrintable(full.describe()));
        const QString reason = full.json()
                                   .object()
                                   .value(QStringLiteral("failed"))
                                   .toArray()
                                   .at(0)
                                   .toObject()
                                   .value(QStringLiteral("reason"))
                                   .toString();
        QVERIFY2(reason.contains(QLatin1String("disk is full")), qPrintable(full.describe()));
        QVERIFY2(reason.contains(QLatin1String("free space there")), qPrintable(full.describe()));
        QMap<QString, QList<QByteArray>> sums;
        for (auto it = tree.files().cbegin(); it != tree.files().cend(); ++it)
            sums[it.key().section(QLatin1Char('/'), -1)] << it.value();
        QCOMPARE(verifiedWithOtherChecksum(world.server.dump(), sums), QString());

        QVERIFY(disk.remount(QStringLiteral("size=128m")));
        const CliResult freed = world.upload();
        QVERIFY2(freed.exitCode == 0, qPrintable(freed.describe()));
        const QString problems = checkCatalogue(world.server.dump(), tree); // each once, verified
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void fileTruncatedWhileSent()
    {
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error), qPrintable(error));
        DataTree tree(world.server.dataDir());
        const qint64 size = qint64(160) << 20;
        const QString path = tree.write(QStringLiteral("testuser1/Run/shrinks.raw"), size);
        const QByteArray before = tree.files().value(QStringLiteral("testuser1/Run/shrinks.raw"));

        QProcess upload;
        upload.setProcessEnvironment(cliEnvironment());
        upload.start(QStringLiteral(TARDIGRADE_BIN), {QStringLiteral("--config"), world.configFile,
                                                      QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY(upload.waitForStarted());
        QElapsedTimer t;
        t.start();
        while (largestStagedFile(world.stagingRoot) < (qint64(16) << 20) && t.elapsed() < 60000)
            QThread::msleep(10);
        QVERIFY2(largestStagedFile(world.stagingRoot) < size, "caught mid-transfer");
        QVERIFY(QFile::resize(path, qint64(4) << 20));
        QVERIFY(upload.waitForFinished(120000));
        const QByteArray err = upload.readAllStandardError();
        const QByteArray out = upload.readAllStandardOutput();
        QVERIFY2(upload.exitCode() != 0, err.constData());
        QVERIFY2(out.contains("shrinks.raw") && out.contains("truncated"), out.constData());
        const QByteArray after = DataTree::md5OfFile(path);
        QCOMPARE(verifiedWithOtherChecksum(world.server.dump(), {{QStringLiteral("shrinks.raw"), {}}}),
                 QString()); // nothing verified at all

        // Staged in one read pass, the file was sent ahead of its
        // registration, so the server never heard of the bytes it had
        // then. The next run uploads it as it is now: one record, verified,
        // of these bytes (it used to be a record of the old bytes that could
        // never verify, said as a conflict).
        const CliResult next = world.upload(60000);
        QVERIFY2(!next.crashed && next.exitCode == 0, qPrintable(next.describe()));
        QCOMPARE(next.json().object().value(QStringLiteral("verified")).toInt(), 1);
        QCOMPARE(next.json().object().value(QStringLiteral("conflicts")).toArray().size(), 0);
        const QJsonObject dump = world.server.dump();
        QCOMPARE(dump.value(QStringLiteral("datafiles")).toArray().size(), 1);
        QCOMPARE(verifiedWithOtherChecksum(dump, {{QStringLiteral("shrinks.raw"), {after}}}), QString());
        QCOMPARE(dump.value(QStringLiteral("datafiles")).toArray().first().toObject().value(QStringLiteral("md5sum"))
                     .toString()
                     .toLatin1(),
                 after);
        Q_UNUSED(before);
    }
};

QTEST_GUILESS_MAIN(TestStagingDamage)
#include "tst_stagingdamage.moc"
