// A file that keeps growing while it is hashed and sent (an instrument still
// writing it), by HTTP POST and by staging: it is never registered verified
// with a checksum of other bytes than the server holds, the run says the
// file was changing, and once it stops the next run settles it.
#include "StagingFolder.h"
#include "CatalogueCheck.h"
#include "DataTree.h"
#include "StagingWorld.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QThread>

using namespace tardigrade::test;

namespace {

// A verified record's checksum is of bytes the file had: as written, or as
// it is now (the stand-in verifies a copy only against its record).
QString verifiedWithOtherChecksum(const QJsonObject &dump, const QString &name, const QList<QByteArray> &md5s)
{
    for (const QJsonValue &v : dump.value(QStringLiteral("datafiles")).toArray()) {
        const QJsonObject f = v.toObject();
        if (f.value(QStringLiteral("filename")).toString() == name && f.value(QStringLiteral("verified")).toBool() &&
            !md5s.contains(f.value(QStringLiteral("md5sum")).toString().toLatin1()))
            return f.value(QStringLiteral("md5sum")).toString();
    }
    return {};
}

// Appends to `path` every 20 ms while `process` runs.
int growWhileRunning(QProcess &process, const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::Append))
        return -1;
    const QByteArray more(4096, 'g');
    int appended = 0;
    while (!process.waitForFinished(20)) {
        f.write(more);
        f.flush();
        ++appended;
    }
    return appended;
}

} // namespace

class TestChangingFiles : public QObject {
    Q_OBJECT
private slots:
    void fileGrowingWhileSent_data()
    {
        QTest::addColumn<bool>("staging");
        QTest::addColumn<bool>("onceSending"); // grows only once its bytes reach staging
        QTest::addRow("HTTP POST, from the start") << false << false;
        QTest::addRow("staging, from the start") << true << false;
        QTest::addRow("staging, while sent") << true << true;
    }
    void fileGrowingWhileSent()
    {
        QFETCH(bool, staging);
        QFETCH(bool, onceSending);
        StagingWorld world;
        QString error;
        if (staging) {
            QVERIFY2(world.start(&error), qPrintable(error));
        } else {
            QVERIFY2(world.server.start(), qPrintable(world.server.errorString()));
            world.configFile = world.server.configPath();
            QVERIFY(world.server.writeConfig(world.configFile,
                                             {{QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                              {QStringLiteral("verification_delay"), QStringLiteral("0")}}));
        }
        DataTree tree(world.server.dataDir());
        const QString path =
            tree.write(QStringLiteral("testuser1/Run/growing.raw"), qint64(onceSending ? 160 : 48) << 20);
        tree.write(QStringLiteral("testuser1/Run/steady.txt"), 1000);

        QProcess run;
        run.setProcessEnvironment(cliEnvironment());
        run.start(QStringLiteral(TARDIGRADE_BIN),
                  {QStringLiteral("--config"), world.configFile, QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY(run.waitForStarted());
        if (onceSending) {
            QElapsedTimer t;
            t.start();
            while (largestStagedFile(world.stagingRoot) < (qint64(8) << 20) && t.elapsed() < 60000)
                QThread::msleep(5);
            QVERIFY2(largestStagedFile(world.stagingRoot) < (qint64(160) << 20), "caught while it was sent");
        }
        QVERIFY(growWhileRunning(run, path) > 0);
        const QByteArray out = run.readAllStandardOutput();
        QVERIFY2(run.exitCode() != 0, out.constData());
        // Growing from the start, it may be caught before its first byte
        // goes (its size is not the scanned one) or on the way: either is
        // its one sentence, and it is not taken as done.
        const bool said = out.contains("changed while it was being") ||
                          (!onceSending && out.contains("changed since it was scanned"));
        QVERIFY2(out.contains("growing.raw") && said, out.constData());
        const QList<QByteArray> sums{tree.files().value(QStringLiteral("testuser1/Run/growing.raw")),
                                     DataTree::md5OfFile(path)};
        QCOMPARE(verifiedWithOtherChecksum(world.server.dump(), QStringLiteral("growing.raw"), sums), QString());

        // It has stopped changing: the next run uploads it, or, when the
        // server kept a record of the bytes it had then, says it conflicts.
        // Never a verified record of other bytes; never a second record.
        const CliResult next = world.upload(90000);
        const QJsonObject dump = world.server.dump();
        QCOMPARE(verifiedWithOtherChecksum(dump, QStringLiteral("growing.raw"), sums), QString());
        QCOMPARE(dump.value(QStringLiteral("datafiles")).toArray().size(), 2);
        if (next.exitCode == 0) {
            QCOMPARE(next.json().object().value(QStringLiteral("verified")).toInt(), 1);
        } else {
            QVERIFY2(next.err.contains("CONFLICT") && next.err.contains("growing.raw"), qPrintable(next.describe()));
        }
        qInfo().noquote() << "first run said:" << out.mid(out.indexOf("\"reason\""), 300);
        qInfo().noquote() << "next run:" << next.exitCode;
    }
};

QTEST_GUILESS_MAIN(TestChangingFiles)
#include "tst_changingfiles.moc"
