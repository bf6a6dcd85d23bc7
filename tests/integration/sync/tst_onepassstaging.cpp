// Staging in one read pass (issue 15): a file is sent to the path its
// dataset predicts while it is hashed, then registered with that MD5. Each
// byte is read once; a file that changes on the way is not registered; a
// run killed mid-file continues where it stopped; a server that names
// another path gets the file moved there. The real tardigrade binary, the
// stand-in server and a real sshd.
#include "CatalogueCheck.h"
#include "DataTree.h"
#include "StagingFolder.h"
#include "StagingWorld.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QThread>

#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

using namespace tardigrade::test;

namespace {

// Waits until some file on staging has at least `bytes` (a transfer caught
// part way); false after a minute.
bool stagedAtLeast(const StagingWorld &world, qint64 bytes)
{
    QElapsedTimer t;
    t.start();
    while (largestStagedFile(world.stagingRoot) < bytes && t.elapsed() < 60000)
        QThread::msleep(10);
    return largestStagedFile(world.stagingRoot) >= bytes;
}

QStringList stagedFiles(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next().mid(root.size() + 1);
    files.sort();
    return files;
}

// Of the file's pages, the share in the page cache now (mincore).
double residentShare(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    const qint64 size = QFileInfo(path).size();
    void *map = ::mmap(nullptr, size_t(size), PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        return -1;
    const long page = ::sysconf(_SC_PAGESIZE);
    std::vector<unsigned char> pages(size_t((size + page - 1) / page));
    double share = -1;
    if (::mincore(map, size_t(size), pages.data()) == 0) {
        qint64 in = 0;
        for (unsigned char p : pages)
            in += p & 1;
        share = double(in) / double(pages.size());
    }
    ::munmap(map, size_t(size));
    return share;
}

// Written out and read once, as a finished acquisition file is: its pages
// are clean and in the page cache.
void settle(const QString &path)
{
    QFile f(path);
    if (f.open(QIODevice::ReadOnly)) {
        ::fsync(f.handle());
        while (!f.read(qint64(1) << 20).isEmpty()) {
        }
    }
}

qint64 datafileCount(const QJsonObject &dump)
{
    return dump.value(QStringLiteral("datafiles")).toArray().size();
}

} // namespace

class TestOnePassStaging : public QObject {
    Q_OBJECT
private slots:
    void aFreshLargeFileIsReadOnce()
    {
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error), qPrintable(error));
        DataTree tree(world.server.dataDir());
        const qint64 size = qint64(64) << 20;
        const QString path = tree.write(QStringLiteral("testuser1/Once/frames.raw"), size);
        settle(path);
        QVERIFY(residentShare(path) > 0.9);

        const CliResult run = world.upload();
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject summary = run.json().object();
        QCOMPARE(summary.value(QStringLiteral("verified")).toInt(), 1);
        QCOMPARE(summary.value(QStringLiteral("bytes_uploaded")).toInteger(), size);
        // Hashed from the buffers that were sent: not read a second time.
        QCOMPARE(summary.value(QStringLiteral("bytes_read_local")).toInteger(), size);
        // Pages sent left the page cache: a large dataset does not push out
        // the acquisition software's working set. (The portable build reads
        // through Qt, which has no way to say so: there it stays cached.)
#ifndef TARDIGRADE_PORTABLE_IO
        const double resident = residentShare(path);
        QVERIFY2(resident >= 0 && resident < 0.1, qPrintable(QStringLiteral("%1 of the file still cached").arg(resident)));
#endif
        const QString problems = checkCatalogue(world.server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void aFileThatChangesWhileSentIsNotRegisteredAndIsSentAgain()
    {
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error, {{QStringLiteral("max_upload_retries"), QStringLiteral("3")}}),
                 qPrintable(error));
        DataTree tree(world.server.dataDir());
        const qint64 size = qint64(256) << 20;
        const QString relative = QStringLiteral("testuser1/Growing/acquired.raw");
        const QString path = tree.write(relative, size);

        std::unique_ptr<QProcess> upload(startUpload(world));
        QVERIFY2(stagedAtLeast(world, qint64(8) << 20), "the transfer was caught part way");
        QVERIFY2(largestStagedFile(world.stagingRoot) < size, "the transfer was caught part way");
        { // the instrument writes on while the file is being sent
            QFile out(path);
            QVERIFY(out.open(QIODevice::Append));
            out.write(QByteArray(4096, 'z'));
        }
        QVERIFY(upload->waitForFinished(240000));
        const QByteArray err = upload->readAllStandardError();
        QVERIFY2(upload->exitCode() == 0, err.right(1500).constData());
        const QJsonObject summary = QJsonDocument::fromJson(upload->readAllStandardOutput()).object();
        QCOMPARE(summary.value(QStringLiteral("verified")).toInt(), 1);
        // Sent again whole after the change (the first copy's bytes are not counted as uploaded).
        QCOMPARE(summary.value(QStringLiteral("bytes_uploaded")).toInteger(), size + 4096);
        QVERIFY(summary.value(QStringLiteral("bytes_read_local")).toInteger() > size + (qint64(8) << 20));

        // One record, of the bytes as they are now: the copy sent while the
        // file changed was never registered.
        tree.writeBytes(relative, DataTree::readFile(path)); // what the catalogue must hold now
        const QJsonObject dump = world.server.dump();
        QCOMPARE(datafileCount(dump), 1);
        const QString problems = checkCatalogue(dump, tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void aRunKilledMidFileContinuesWhereItStopped()
    {
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error), qPrintable(error));
        DataTree tree(world.server.dataDir());
        const qint64 size = qint64(320) << 20;
        tree.write(QStringLiteral("testuser1/Killed/big.raw"), size);

        std::unique_ptr<QProcess> upload(startUpload(world));
        QVERIFY2(stagedAtLeast(world, qint64(48) << 20), "the transfer was caught part way");
        upload->kill(); // SIGKILL: no chance to tidy up
        upload->waitForFinished();
        const qint64 before = largestStagedFile(world.stagingRoot);
        QVERIFY2(before < size, "killed before the end of the file");
        QCOMPARE(datafileCount(world.server.dump()), 0); // sent ahead of its registration

        const CliResult next = world.upload(240000);
        QVERIFY2(next.exitCode == 0, qPrintable(next.describe()));
        const QJsonObject summary = next.json().object();
        QCOMPARE(summary.value(QStringLiteral("verified")).toInt(), 1);
        const qint64 sent = summary.value(QStringLiteral("bytes_uploaded")).toInteger();
        QVERIFY2(sent > 0 && sent <= size - (qint64(32) << 20),
                 qPrintable(QStringLiteral("sent %1 of %2 bytes after the kill").arg(sent).arg(size)));
        // The bytes already there were hashed from the local file, the rest
        // as they went: still one read of each byte (and the 64 KiB compared
        // before the resume point).
        const qint64 read = summary.value(QStringLiteral("bytes_read_local")).toInteger();
        QVERIFY2(read >= size && read <= size + (qint64(1) << 20),
                 qPrintable(QStringLiteral("read %1 bytes of a %2-byte file").arg(read).arg(size)));
        const QString problems = checkCatalogue(world.server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void aFileTheServerPutsElsewhereIsMovedThere()
    {
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error, {}, {QStringLiteral("--dataset-folder-suffix"), QStringLiteral("-elsewhere")}),
                 qPrintable(error));
        DataTree tree(world.server.dataDir());
        tree.write(QStringLiteral("testuser1/Moved Run/top.raw"), qint64(6) << 20);
        tree.write(QStringLiteral("testuser1/Moved Run/sub dir/it's.raw"), 5000);

        const CliResult run = world.upload();
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(run.json().object().value(QStringLiteral("verified")).toInt(), 2);
        const QString problems = checkCatalogue(world.server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        // Only where the server said: nothing left at the predicted paths.
        for (const QString &staged : stagedFiles(world.stagingRoot))
            QVERIFY2(staged.startsWith(QStringLiteral("Moved%20Run-")) &&
                         staged.section(QLatin1Char('/'), 0, 0).endsWith(QStringLiteral("-elsewhere")),
                     qPrintable(staged));
        QCOMPARE(stagedFiles(world.stagingRoot).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestOnePassStaging)
#include "tst_onepassstaging.moc"
