#include "SshdFixture.h"
#include "settings/ConfigPaths.h"
#include "transfer/KnownHosts.h"
#include "transfer/Md5Hasher.h"
#include "transfer/SshConnection.h"
#include "transfer/SshIdentity.h"
#include "SendTo.h"
#include "StagingHostTest.h"
#include "transfer/StagingUploader.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/stat.h>

using namespace tardigrade;
using tardigrade::test::SshdFixture;

using tardigrade::test::sendTo;

// Staging uploads against a real OpenSSH sshd on loopback. The "remote" side
// is this machine, so what arrived is checked directly on disk.
class TestStagingUpload : public tardigrade::test::StagingHostTest {
    Q_OBJECT

private:
    static QByteArray readAll(const QByteArray &path)
    {
        QFile f(QFile::decodeName(path));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
    }

private slots:
    void initTestCase()
    {
        const QString error = startHost();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void connectsAndRecordsHostKey()
    {
        auto c = SshConnection::open(endpoint());
        QVERIFY2(c.ok(), qPrintable(c.error().message + m_sshd.log()));
        QFile known(KnownHosts::defaultPath(m_cfg));
        QVERIFY(known.open(QIODevice::ReadOnly));
        const QByteArray text = known.readAll();
        QVERIFY(text.startsWith(QStringLiteral("[127.0.0.1]:%1 ").arg(m_sshd.port()).toLatin1()));
        // Trusted from now on: the second connection checks against the file.
        auto again = SshConnection::open(endpoint());
        QVERIFY2(again.ok(), qPrintable(again.error().message));
        QCOMPARE(known.size(), qint64(text.size()));
        QCOMPARE((*again)->remoteSize(QFile::encodeName(m_staging) + "/absent").valueOr(0), qint64(-1));
    }

    void uploadsHostileNamesIntact_data()
    {
        QTest::addColumn<QByteArray>("relative"); // below the staging root
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("sftpBelow"); // 0: through SCP (the remote shell), else SFTP
        for (const qint64 sftpBelow : {qint64(0), SshConnection::DefaultSftpBelow}) {
            const char *route = sftpBelow ? "sftp" : "scp";
            const QByteArray top = route;
            QTest::addRow("%s: percent 20 kept", route)
                << top + "/Dataset%202-1/readme.txt" << qint64(1234) << sftpBelow;
            QTest::addRow("%s: empty file", route) << top + "/Empty-2/sub dir/empty.dat" << qint64(0) << sftpBelow;
            QTest::addRow("%s: one byte", route) << top + "/One-3/a" << qint64(1) << sftpBelow;
            QTest::addRow("%s: spaces", route)
                << top + "/With  Spaces-4/a b c/file name .txt" << qint64(4096) << sftpBelow;
            QTest::addRow("%s: single quotes", route)
                << top + "/It's-5/'quoted'/o'brien's.tif" << qint64(5000) << sftpBelow;
            QTest::addRow("%s: double quotes", route) << top + "/Say \"hi\"-6/\"x\".txt" << qint64(77) << sftpBelow;
            QTest::addRow("%s: dollar", route)
                << top + "/$HOME-7/${PATH}/$(touch PWNED).dat" << qint64(100) << sftpBelow;
            QTest::addRow("%s: semicolon", route) << top + "/a;b-8/c; touch PWNED;/d;e" << qint64(100) << sftpBelow;
            QTest::addRow("%s: backticks", route) << top + "/`touch PWNED`-9/`id`.txt" << qint64(100) << sftpBelow;
            QTest::addRow("%s: backslash glob", route)
                << top + "/back\\slash-10/*?[x]~/a&b|c>d" << qint64(100) << sftpBelow;
            QTest::addRow("%s: leading dash", route) << top + "/-rf-11/-t" << qint64(100) << sftpBelow;
            QTest::addRow("%s: unicode", route)
                << top + "/Ünïcødé 数据-12/🧪 проба.raw" << qint64(3 << 20) << sftpBelow;
            QTest::addRow("%s: deeply nested", route)
                << top + "/Deep-13/a/b/c/d/e/f/g/h.bin" << qint64(2 << 20) << sftpBelow;
        }
    }
    void uploadsHostileNamesIntact()
    {
        QFETCH(QByteArray, relative);
        QFETCH(qint64, size);
        QFETCH(qint64, sftpBelow);
        const QByteArray root = QFile::encodeName(m_staging);
        const QByteArray remote = root + '/' + relative;
        const QString local = makeLocal(QString::number(qHash(relative)), size, quint32(size));

        StagingUploader uploader(endpoint());
        uploader.setSftpBelow(sftpBelow);
        qint64 lastDone = -1;
        const Status s = sendTo(uploader, local, size, remote, 0, [&](qint64 done, qint64 total) {
                QCOMPARE(total, size);
                lastDone = done;
            });
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QCOMPARE(lastDone, size);

        QFile local_(local);
        QVERIFY(local_.open(QIODevice::ReadOnly));
        QCOMPARE(readAll(remote), local_.readAll());
        QCOMPARE(modeOf(remote), 0660);
        // Every folder created below the staging root is 2770.
        for (QByteArray dir = remote.left(remote.lastIndexOf('/')); dir.size() > root.size();
             dir = dir.left(dir.lastIndexOf('/')))
            QCOMPARE(modeOf(dir), 02770);
        // Nothing in a name was ever run by a shell.
        QVERIFY(!QFile::exists(QDir::homePath() + QStringLiteral("/PWNED")));
        QProcess find;
        find.start(QStringLiteral("find"), {m_staging, QStringLiteral("-name"), QStringLiteral("PWNED")});
        QVERIFY(find.waitForFinished());
        QCOMPARE(find.readAllStandardOutput(), QByteArray());
    }

    // One connection, many large files in folders visited out of order: one
    // remote scp process takes them all (walking between folders), and each
    // arrives intact with its modes.
    void oneSinkTakesFileAfterFile()
    {
        const QByteArray root = QFile::encodeName(m_staging) + "/Sink-30";
        const QList<QByteArray> relative = {
            "a/b/c/one.bin",   "a/b/two.bin",         "a/x/y/three's.bin", "z/-t",
            "a/b/c/five.bin",  "Ünï 数据/🧪 six.raw", "a/b/c/seven.bin",   "Dataset%202-1/eight.bin",
            "line\nbreak/nine", // not nameable in the SCP protocol: goes through `cat`
        };
        StagingUploader uploader(endpoint());
        uploader.setSftpBelow(0);
        const int commandsBefore = m_sshd.log().count(QLatin1String("Starting session: command"));
        quint32 seed = 300;
        for (const QByteArray &r : relative) {
            const QByteArray remote = root + '/' + r;
            const QString local = makeLocal(QStringLiteral("sink-%1").arg(seed), 100000 + seed, seed);
            const QByteArray dir = remote.left(remote.lastIndexOf('/'));
            QVERIFY(QDir().mkpath(QFile::decodeName(dir))); // as the worker's makeDirectories would have
            const Status s = sendTo(uploader, local, 100000 + seed, remote, 0, {});
            QVERIFY2(s.ok(), qPrintable(s.error().message));
            QCOMPARE(md5(QFile::decodeName(remote)), md5(local));
            QCOMPARE(modeOf(remote), 0660);
            ++seed;
        }
        // One sink for eight files, one `cat` for the ninth.
        QTRY_COMPARE(m_sshd.log().count(QLatin1String("Starting session: command")) - commandsBefore, 2);
    }

    void longPathTakesTheQuotedExecRoute()
    {
        // Longer than libssh's SCP command buffer can hold once quoted.
        QByteArray remote = QFile::encodeName(m_staging) + "/Long-20";
        for (int i = 0; i < 5; ++i)
            remote += '/' + QByteArray(90, char('a' + i)) + "'q";
        remote += "/it's.dat";
        QVERIFY(remote.size() > 400);
        const QString local = makeLocal(QStringLiteral("long"), 1 << 20, 20);
        StagingUploader uploader(endpoint());
        uploader.setSftpBelow(0);
        const Status s = sendTo(uploader, local, 1 << 20, remote, 0, {});
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QCOMPARE(md5(QFile::decodeName(remote)), md5(local));
        QCOMPARE(modeOf(remote), 0660);
    }

    void overwritesAnOlderLargerFile_data()
    {
        QTest::addColumn<qint64>("sftpBelow");
        QTest::newRow("scp") << qint64(0);
        QTest::newRow("sftp") << SshConnection::DefaultSftpBelow;
    }
    void overwritesAnOlderLargerFile()
    {
        QFETCH(qint64, sftpBelow);
        const QByteArray remote = QFile::encodeName(m_staging) + "/Over-21/file" + QByteArray::number(sftpBelow);
        QVERIFY(QDir().mkpath(QFile::decodeName(remote.left(remote.lastIndexOf('/')))));
        QFile old(QFile::decodeName(remote));
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(QByteArray(3 << 20, 'x'));
        old.close();
        const QString local = makeLocal(QStringLiteral("over"), 1000, 21);
        StagingUploader uploader(endpoint());
        uploader.setSftpBelow(sftpBelow);
        const Status s = sendTo(uploader, local, 1000, remote, 0, {});
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QCOMPARE(md5(QFile::decodeName(remote)), md5(local));
    }

    void resumes_data()
    {
        QTest::addColumn<qint64>("onServer");     // bytes of the right file already there
        QTest::addColumn<qint64>("garbageAfter"); // wrong bytes after them
        QTest::addColumn<bool>("corruptPrefix");  // the bytes there are not this file's
        QTest::addColumn<qint64>("resumeOffset");
        QTest::addColumn<qint64>("expectFirstDone"); // where sending starts
        const qint64 MiB = 1 << 20;
        QTest::newRow("half there, offset given") << 4 * MiB << qint64(0) << false << 4 * MiB << 4 * MiB;
        QTest::newRow("half there, ask host") << 4 * MiB + 17 << qint64(0) << false << qint64(-1) << 4 * MiB + 17;
        QTest::newRow("more there than the offset") << 5 * MiB << qint64(0) << false << 3 * MiB << 3 * MiB;
        QTest::newRow("offset beyond what is there") << 2 * MiB << qint64(0) << false << 6 * MiB << 2 * MiB;
        QTest::newRow("garbage after the good part") << 3 * MiB << 2 * MiB << false << 3 * MiB << 3 * MiB;
        QTest::newRow("small remainder by sftp") << 7 * MiB + 5 << qint64(0) << false << qint64(-1) << 7 * MiB + 5;
        QTest::newRow("all there") << 8 * MiB << qint64(0) << false << qint64(-1) << 8 * MiB;
        QTest::newRow("small partial sent again") << MiB / 2 << qint64(0) << false << MiB / 2 << qint64(0);
        QTest::newRow("other file's bytes sent again") << 4 * MiB << qint64(0) << true << 4 * MiB << qint64(0);
        QTest::newRow("offset 0 means from scratch") << 4 * MiB << qint64(0) << false << qint64(0) << qint64(0);
    }
    void resumes()
    {
        QFETCH(qint64, onServer);
        QFETCH(qint64, garbageAfter);
        QFETCH(bool, corruptPrefix);
        QFETCH(qint64, resumeOffset);
        QFETCH(qint64, expectFirstDone);
        const qint64 size = 8 << 20;
        const QString local = makeLocal(QStringLiteral("resume"), size, 30);
        static int n = 0;
        const QByteArray remote = QFile::encodeName(m_staging) + "/Resume 30/" + QByteArray::number(++n) + " it's.bin";
        QVERIFY(QDir().mkpath(QFile::decodeName(remote.left(remote.lastIndexOf('/')))));
        {
            QFile in(local);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QByteArray prefix = in.read(onServer);
            if (corruptPrefix)
                prefix[prefix.size() - 100] = char(prefix.at(prefix.size() - 100) ^ 0x55);
            QFile out(QFile::decodeName(remote));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(prefix);
            out.write(QByteArray(int(garbageAfter), 'G'));
        }
        StagingUploader uploader(endpoint());
        qint64 firstDone = -1;
        const Status s = sendTo(uploader, local, size, remote, resumeOffset, [&](qint64 done, qint64) {
                if (firstDone < 0)
                    firstDone = done;
            });
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QCOMPARE(firstDone, expectFirstDone);
        QCOMPARE(QFileInfo(QFile::decodeName(remote)).size(), size);
        QCOMPARE(md5(QFile::decodeName(remote)), md5(local));
        QCOMPARE(modeOf(remote), 0660);
    }

    void cancelLeavesAResumablePartial()
    {
        const qint64 size = 64 << 20;
        const QString local = makeLocal(QStringLiteral("cancel"), size, 40);
        const QByteArray remote = QFile::encodeName(m_staging) + "/Cancel-40/c.bin";
        std::atomic_bool cancel{false};
        StagingUploader uploader(endpoint(), &cancel);
        QElapsedTimer timer;
        const Status s = sendTo(uploader, local, size, remote, 0, [&](qint64 done, qint64) {
                if (done >= (8 << 20) && !cancel) {
                    cancel = true;
                    timer.start();
                }
            });
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind, ErrorKind::Cancelled);
        QVERIFY(timer.elapsed() < 1000);

        cancel = false; // the next run
        qint64 firstDone = -1;
        const Status again = sendTo(uploader, local, size, remote, -1, [&](qint64 done, qint64) {
                if (firstDone < 0)
                    firstDone = done;
            });
        QVERIFY2(again.ok(), qPrintable(again.error().message));
        QCOMPARE(md5(QFile::decodeName(remote)), md5(local));
        QVERIFY2(firstDone >= (1 << 20), qPrintable(QString::number(firstDone)));
    }

    void abandonedTransferAsksForANewConnection()
    {
        const qint64 size = 16 << 20;
        const QString local = makeLocal(QStringLiteral("abandon"), size, 45);
        const QByteArray remote = QFile::encodeName(m_staging) + "/Abandon-45/a.bin";
        auto c = SshConnection::open(endpoint());
        QVERIFY(c.ok());
        QVERIFY((*c)->makeDirectories(remote.left(remote.lastIndexOf('/'))).ok());
        std::atomic_bool cancel{false};
        const Status s = (*c)->upload(local, remote, 0, [&](qint64 done, qint64) { cancel = done >= (2 << 20); },
                                      &cancel);
        QCOMPARE(s.error().kind, ErrorKind::Cancelled);
        QVERIFY(!(*c)->isConnected()); // callers (FileWorker, StagingUploader) reconnect on this
    }

    void sshdGoneMidTransferIsTransientThenResumes()
    {
        const qint64 size = 256 << 20;
        const QString local = makeLocal(QStringLiteral("gone"), size, 50);
        const QByteArray remote = QFile::encodeName(m_staging) + "/Gone-50/g.bin";
        StagingUploader uploader(endpoint());
        bool stopped = false;
        const Status s = sendTo(uploader, local, size, remote, 0, [&](qint64 done, qint64) {
                if (done >= (64 << 20) && !stopped) {
                    stopped = true;
                    m_sshd.stop(); // the host goes away under the transfer
                }
            });
        QVERIFY(stopped);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind, ErrorKind::Transient);
        QVERIFY2(s.error().message.contains(QLatin1String("tried again")), qPrintable(s.error().message));

        // While it is down: a transient connection error.
        const Status down = sendTo(uploader, local, size, remote, -1, {});
        QVERIFY(!down.ok());
        QCOMPARE(down.error().kind, ErrorKind::Transient);
        QVERIFY2(down.error().message.contains(QLatin1String("Cannot connect")), qPrintable(down.error().message));

        const qint64 partial = QFileInfo(QFile::decodeName(remote)).size();
        QString error;
        QVERIFY2(m_sshd.restart(&error), qPrintable(error));
        qint64 firstDone = -1;
        const Status resumed = sendTo(uploader, local, size, remote, -1, [&](qint64 done, qint64) {
                if (firstDone < 0)
                    firstDone = done;
            });
        QVERIFY2(resumed.ok(), qPrintable(resumed.error().message));
        QCOMPARE(firstDone, partial);
        QVERIFY(partial >= (1 << 20));
        QCOMPARE(md5(QFile::decodeName(remote)), md5(local));
    }

    void hungHostIsDetected()
    {
        const qint64 size = 128 << 20;
        const QString local = makeLocal(QStringLiteral("hung"), size, 55);
        const QByteArray remote = QFile::encodeName(m_staging) + "/Hung-55/h.bin";
        SshEndpoint e = endpoint();
        e.timeoutSecs = 2;
        StagingUploader uploader(e);
        bool frozen = false;
        QElapsedTimer timer;
        const Status s = sendTo(uploader, local, size, remote, 0, [&](qint64 done, qint64) {
                if (done >= (16 << 20) && !frozen) {
                    frozen = true;
                    m_sshd.freeze(); // alive, connections open, nothing read
                    timer.start();
                }
            });
        m_sshd.thaw();
        QVERIFY(frozen);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind, ErrorKind::Transient);
        QVERIFY2(s.error().message.contains(QLatin1String("stopped taking data")), qPrintable(s.error().message));
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        // The abandoned session writes what it still had buffered, then ends.
        QVERIFY(m_sshd.waitForNoSessions(10000));
        const Status resumed = sendTo(uploader, local, size, remote, -1, {});
        QVERIFY2(resumed.ok(), qPrintable(resumed.error().message));
        QCOMPARE(md5(QFile::decodeName(remote)), md5(local));
    }

    void remoteDirectoryInTheWay()
    {
        const QByteArray remote = QFile::encodeName(m_staging) + "/Dir-60/taken";
        QVERIFY(QDir().mkpath(QFile::decodeName(remote)));
        const QString local = makeLocal(QStringLiteral("dir"), 10, 60);
        StagingUploader uploader(endpoint());
        const Status s = sendTo(uploader, local, 10, remote, 0, {});
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind, ErrorKind::Permanent);
        QVERIFY(s.error().message.contains(QLatin1String("is a folder")));
    }

    void fileInTheWayOfAFolder()
    {
        const QByteArray dir = QFile::encodeName(m_staging) + "/File-61";
        QFile f(QFile::decodeName(dir));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const QString local = makeLocal(QStringLiteral("fileway"), 10, 61);
        StagingUploader uploader(endpoint());
        const Status s = sendTo(uploader, local, 10, dir + "/sub/x", 0, {});
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind, ErrorKind::Permanent);
        QVERIFY2(s.error().message.contains(QLatin1String("not a folder")), qPrintable(s.error().message));
    }

    void changedLocalFileIsRefused()
    {
        const QString local = makeLocal(QStringLiteral("changed"), 100, 62);
        StagingUploader uploader(endpoint());
        const Status s = sendTo(uploader, local, 99, QFile::encodeName(m_staging) + "/x", 0, {});
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QLatin1String("changed since it was scanned")));
    }

    void changedHostKeyIsRefused()
    {
        SshdFixture other;
        QString error;
        QVERIFY2(other.start(&error), qPrintable(error));
        QVERIFY(other.authorize(m_identity->publicKeyLine()));
        SshEndpoint e = endpoint(other);
        e.knownHostsPath = m_tmp.filePath(QStringLiteral("changed_known_hosts"));
        QVERIFY2(SshConnection::open(e).ok(), "first contact is trusted");
        QVERIFY(other.regenerateHostKey(&error));
        const auto c = SshConnection::open(e);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().kind, ErrorKind::Permanent);
        const QString m = c.error().message;
        QVERIFY2(m.contains(QLatin1String("different host key")), qPrintable(m));
        QVERIFY2(m.contains(e.knownHostsPath), qPrintable(m));
        QVERIFY2(m.contains(QStringLiteral("[127.0.0.1]:%1").arg(other.port())), qPrintable(m));
        QVERIFY2(m.contains(QString::fromLatin1(other.hostKeyFingerprint())), qPrintable(m));
        // The file was not silently updated: still refused.
        QVERIFY(!SshConnection::open(e).ok());
    }

    void unauthorisedKeyIsRefused()
    {
        const QString key = m_tmp.filePath(QStringLiteral("stranger"));
        QProcess keygen;
        keygen.start(QStringLiteral("ssh-keygen"),
                     {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                      QString(), QStringLiteral("-f"), key});
        QVERIFY(keygen.waitForFinished(10000));
        SshEndpoint e = endpoint();
        e.privateKeyPath = key;
        const auto c = SshConnection::open(e);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().kind, ErrorKind::Permanent);
        const QString m = c.error().message;
        QVERIFY2(m.contains(QLatin1String("refused this installation's SSH key")), qPrintable(m));
        QVERIFY2(m.contains(QLatin1String("authorized_keys")) && m.contains(QLatin1String("administrator")),
                 qPrintable(m));
    }

    void unreachableHostIsTransient()
    {
        SshEndpoint e = endpoint();
        QTcpServer probe; // a port nobody listens on
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        e.port = probe.serverPort();
        probe.close();
        const auto c = SshConnection::open(e);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().kind, ErrorKind::Transient);
        QVERIFY2(c.error().message.contains(QLatin1String("Cannot connect to the staging host")),
                 qPrintable(c.error().message));
    }

    void ciphersAreHonoured()
    {
        SshdFixture picky;
        picky.setExtraConfig(QStringLiteral("Ciphers aes256-ctr"));
        QString error;
        QVERIFY2(picky.start(&error), qPrintable(error));
        QVERIFY(picky.authorize(m_identity->publicKeyLine()));
        SshEndpoint e = endpoint(picky);
        e.knownHostsPath = m_tmp.filePath(QStringLiteral("picky_known_hosts"));
        // The default setting offers no cipher this server accepts ...
        const auto refused = SshConnection::open(e);
        QVERIFY(!refused.ok());
        // ... and one naming its cipher gets in.
        e.ciphers = QStringLiteral("aes256-ctr");
        const auto accepted = SshConnection::open(e);
        QVERIFY2(accepted.ok(), qPrintable(accepted.error().message));
        e.ciphers = QStringLiteral("no-such-cipher");
        const auto nonsense = SshConnection::open(e);
        QVERIFY(!nonsense.ok());
        QCOMPARE(nonsense.error().kind, ErrorKind::User);
        QVERIFY(nonsense.error().message.contains(QLatin1String("cipher setting")));
    }
};

QTEST_GUILESS_MAIN(TestStagingUpload)
#include "tst_stagingupload.moc"
