#include "SshdFixture.h"
#include "settings/ConfigPaths.h"
#include "transfer/KnownHosts.h"
#include "transfer/Md5Hasher.h"
#include "transfer/SshIdentity.h"
#include "SendTo.h"
#include "transfer/StagingUploader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace tardigrade;
using tardigrade::test::SshdFixture;

using tardigrade::test::sendTo;

// One file past 2 GiB (sparse locally, so it costs no disk to make): sizes
// and offsets must be 64-bit all the way through SCP. Slow-ish, hence alone.
class TestStagingBig : public QObject {
    Q_OBJECT

private slots:
    void overTwoGiB()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString cfg = tmp.filePath(QStringLiteral("config/MyData.cfg"));
        const QString keyPath = ConfigPaths::stateFile(cfg, StateFile::IdentityKey);
        QProcess keygen;
        keygen.start(QStringLiteral("ssh-keygen"),
                     {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                      QString(), QStringLiteral("-f"), keyPath});
        QVERIFY(keygen.waitForFinished(30000) && keygen.exitCode() == 0);
        const auto id = SshIdentity::loadOrCreate(cfg);
        QVERIFY2(id.ok(), qPrintable(id.error().message));

        SshdFixture sshd;
        QString error;
        QVERIFY2(sshd.start(&error), qPrintable(error));
        QVERIFY(sshd.authorize(id->publicKeyLine()));

        const qint64 size = (qint64(2) << 30) + 5;
        const QString local = tmp.filePath(QStringLiteral("big.raw"));
        {
            QFile f(local);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(size - 5)); // a hole: no disk used
            QVERIFY(f.seek(size - 5));
            QCOMPARE(f.write("tail!", 5), qint64(5));
        }
        QCOMPARE(QFileInfo(local).size(), size);

        SshEndpoint e;
        e.host = sshd.host();
        e.port = sshd.port();
        e.user = sshd.user();
        e.privateKeyPath = id->privateKeyPath();
        e.knownHostsPath = KnownHosts::defaultPath(cfg);
        e.ciphers = QStringLiteral("aes128-gcm@openssh.com,aes128-ctr");
        StagingUploader uploader(e);
        const QByteArray remote = QFile::encodeName(tmp.path()) + "/staging/Big Data%20-1/big.raw";
        qint64 lastDone = 0;
        QElapsedTimer timer;
        timer.start();
        const Status s = sendTo(uploader, local, size, remote, 0, [&](qint64 done, qint64 total) {
                QCOMPARE(total, size);
                lastDone = done;
            });
        const qint64 ms = qMax<qint64>(1, timer.elapsed());
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QCOMPARE(lastDone, size);
        qInfo("2 GiB + 5 bytes by SCP in %lld ms: %.0f MB/s", ms, double(size) / 1e3 / double(ms));

        const QString staged = QFile::decodeName(remote);
        QCOMPARE(QFileInfo(staged).size(), size);
        QProcess md5sum;
        md5sum.start(QStringLiteral("md5sum"), {staged});
        QVERIFY(md5sum.waitForFinished(120000));
        const QByteArray theirs = md5sum.readAllStandardOutput().left(32);
        const auto ours = Md5Hasher().hashFile(local);
        QVERIFY(ours.ok());
        QCOMPARE(theirs, ours.value());
        QFile::remove(staged); // 2 GiB of real disk
    }
};

QTEST_GUILESS_MAIN(TestStagingBig)
#include "tst_stagingbig.moc"
