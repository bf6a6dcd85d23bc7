// End to end by SCP to staging: the real tardigrade binary, the stand-in
// server and a real OpenSSH sshd on loopback as the staging host.
#include "CatalogueCheck.h"
#include "DataTree.h"
#include "StagingWorld.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <sys/stat.h>

using namespace tardigrade::test;

class TestUploadStaging : public QObject {
    Q_OBJECT
private slots:
    void registerSaysWhatTheAdministratorMustDo()
    {
        SshdFixture sshd;
        QString error;
        QVERIFY2(sshd.start(&error), qPrintable(error));
        StandinProcess server;
        QVERIFY(server.start({QStringLiteral("--scp-host"), sshd.host(), QStringLiteral("--scp-port"),
                              QString::number(sshd.port()), QStringLiteral("--scp-user"), sshd.user()}));
        const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        QVERIFY(server.writeConfig(cfg));
        const CliResult reg = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("register")});
        QVERIFY2(reg.exitCode == 0, qPrintable(reg.describe()));
        QVERIFY(reg.out.contains("Approved: no"));
        QVERIFY(reg.out.contains("ssh-rsa AAAA"));
        QVERIFY(reg.out.contains("authorized_keys"));
        QFile key(server.tempPath() + QStringLiteral("/config/tardigrade_id"));
        QCOMPARE(int(key.permissions() & 0x0077), 0); // group and others: nothing
        QVERIFY(server.approveAll());
        const CliResult again = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("register")});
        QVERIFY2(again.out.contains("Approved: yes"), qPrintable(again.describe()));
        QVERIFY(again.out.contains("Registration request: already sent"));
    }

    void stagesTreeVerifiedIntactThenNothingTwice()
    {
        StagingWorld world;
        QString error;
        // MyData's use_none_cipher cannot apply to a stock OpenSSH host: the
        // run says so and uploads encrypted.
        QVERIFY2(world.start(&error, {{QStringLiteral("use_none_cipher"), QStringLiteral("True")}}), qPrintable(error));
        const DataTree tree = DataTree::hostile(world.server.dataDir());

        const CliResult first = world.upload();
        QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));
        QVERIFY2(first.err.contains("use_none_cipher is set"), qPrintable(first.describe()));
        const QJsonObject summary = first.json().object();
        QCOMPARE(summary.value(QStringLiteral("uploaded")).toInt(), tree.files().size());
        QCOMPARE(summary.value(QStringLiteral("verified")).toInt(), tree.files().size());
        QVERIFY2(!first.err.contains("HTTP POST"), "approved: no fall-back");
        const QString problems = checkCatalogue(world.server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));

        // What arrived on the staging host: every file, folders 2770, files 0660.
        int files = 0;
        QDirIterator it(world.stagingRoot, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            struct stat st {};
            QVERIFY(::stat(QFile::encodeName(path).constData(), &st) == 0);
            if (S_ISDIR(st.st_mode)) {
                QCOMPARE(st.st_mode & 07777, mode_t(02770));
            } else {
                QCOMPARE(st.st_mode & 07777, mode_t(0660));
                ++files;
            }
        }
        QCOMPARE(files, tree.files().size());

        const CliResult second = world.upload();
        QVERIFY2(second.exitCode == 0, qPrintable(second.describe()));
        QCOMPARE(second.json().object().value(QStringLiteral("uploaded")).toInt(), 0);
        QCOMPARE(second.json().object().value(QStringLiteral("already_verified")).toInt(), tree.files().size());
    }

    void fileOverTwoGibibytes()
    {
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error), qPrintable(error));
        DataTree tree(world.server.dataDir());
        tree.writeSparse(QStringLiteral("testuser1/Big/over-2GiB.raw"), (qint64(2) << 30) + 4099);
        tree.write(QStringLiteral("testuser1/Big/small.txt"), 10);
        const CliResult run = world.upload(300000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QString problems = checkCatalogue(world.server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }
};

QTEST_GUILESS_MAIN(TestUploadStaging)
#include "tst_uploadstaging.moc"
