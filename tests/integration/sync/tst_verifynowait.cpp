// Verification without fixed waits, end to end (the real tardigrade binary,
// the stand-in, and sshd for staging): verification_delay bounds the pause
// between polls; it is no sleep before asking. Whole runs with a delay of
// 60 s end verified long before 60 s, the server is asked about staged
// files only, and a dataset's files are polled by listing it, never one
// request per file.
#include "DataTree.h"
#include "StagingWorld.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <functional>

using namespace tardigrade::test;

namespace {

constexpr int kFiles = 24; // 12 in each of two datasets: fewer than a listing's worth each

DataTree smallTree(const QString &root)
{
    DataTree tree(root);
    for (int i = 0; i < kFiles; ++i)
        tree.write(QStringLiteral("testuser1/Set %1/file %2.dat").arg(i % 2).arg(i), 1000 + i);
    return tree;
}

int countRequests(const QList<QJsonObject> &requests, const QString &method, const QString &pathPattern)
{
    const QRegularExpression path(QRegularExpression::anchoredPattern(pathPattern));
    int n = 0;
    for (const QJsonObject &r : requests)
        n += r.value(QStringLiteral("method")).toString() == method &&
             path.match(r.value(QStringLiteral("path")).toString()).hasMatch();
    return n;
}

const QString kOneDatafile = QStringLiteral("/api/v1/mydata_dataset_file/\\d+/");
const QString kVerifyRequest = QStringLiteral("/api/v1/dataset_file/\\d+/verify/");

// Well under the 60 s the runs would take if the delay were a sleep, with
// room for a loaded machine.
constexpr qint64 kWellUnderTheDelayMs = 40000;

// Runs `upload` (a whole `tardigrade upload --json` of smallTree()) and
// checks that every file was uploaded and verified well within the delay;
// the caller returns when QTest::currentTestFailed().
void expectAllVerifiedWellWithinTheDelay(const std::function<CliResult()> &upload)
{
    QElapsedTimer wall;
    wall.start();
    const CliResult run = upload();
    const qint64 tookMs = wall.elapsed();
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QJsonObject summary = run.json().object();
    QCOMPARE(summary.value(QStringLiteral("uploaded")).toInt(), kFiles);
    QCOMPARE(summary.value(QStringLiteral("verified")).toInt(), kFiles);
    QVERIFY2(tookMs < kWellUnderTheDelayMs, qPrintable(QStringLiteral("the run took %1 ms").arg(tookMs)));
}

} // namespace

class TestVerifyNoWait : public QObject {
    Q_OBJECT
private slots:
    void stagedFilesVerifiedWellWithinTheDelay()
    {
        StagingWorld world;
        QString error;
        QVERIFY2(world.start(&error, {{QStringLiteral("verification_delay"), QStringLiteral("60")}}),
                 qPrintable(error));
        smallTree(world.server.dataDir());

        expectAllVerifiedWellWithinTheDelay([&] { return world.upload(); });
        if (QTest::currentTestFailed())
            return;

        const QList<QJsonObject> requests = world.server.requests();
        QCOMPARE(countRequests(requests, QStringLiteral("GET"), kVerifyRequest), kFiles); // staged: asked once each
        QCOMPARE(countRequests(requests, QStringLiteral("GET"), kOneDatafile), 0);        // polled by listing
    }

    void postedFilesVerifiedWellWithinTheDelay()
    {
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        smallTree(server.dataDir());
        const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        QVERIFY(server.writeConfig(cfg, {{QStringLiteral("data_directory"), server.dataDir()},
                                         {QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                         {QStringLiteral("verification_delay"), QStringLiteral("60")},
                                         {QStringLiteral("max_upload_threads"), QStringLiteral("4")}}));

        expectAllVerifiedWellWithinTheDelay([&] {
            return runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload"), QStringLiteral("--json")});
        });
        if (QTest::currentTestFailed())
            return;

        const QList<QJsonObject> requests = server.requests();
        QCOMPARE(countRequests(requests, QStringLiteral("GET"), kVerifyRequest), 0); // the server checks POSTs itself
        QCOMPARE(countRequests(requests, QStringLiteral("GET"), kOneDatafile), 0);
    }
};

QTEST_GUILESS_MAIN(TestVerifyNoWait)
#include "tst_verifynowait.moc"
