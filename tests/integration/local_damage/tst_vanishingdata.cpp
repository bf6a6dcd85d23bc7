// The data directory vanishes mid-run, as a removable drive unplugged: the
// run stops with one sentence saying so, nothing is counted verified that
// the server does not hold verified, and with the drive back the next run
// completes with every file once.
#include "CatalogueCheck.h"
#include "CliRun.h"
#include "DataTree.h"
#include "StandinProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QThread>

using namespace tardigrade::test;

namespace {

int posts(const StandinProcess &server)
{
    int n = 0;
    for (const QJsonObject &r : server.requests())
        n += r.value(QStringLiteral("method")).toString() == QLatin1String("POST") &&
             r.value(QStringLiteral("path")).toString().contains(QLatin1String("dataset_file"));
    return n;
}

int verifiedRecords(const QJsonObject &dump)
{
    int n = 0;
    for (const QJsonValue &v : dump.value(QStringLiteral("datafiles")).toArray())
        n += v.toObject().value(QStringLiteral("verified")).toBool();
    return n;
}

} // namespace

class TestVanishingData : public QObject {
    Q_OBJECT
private slots:
    void dataDirectoryUnpluggedMidRun()
    {
        StandinProcess server;
        // Slow answers: the run is still sending when the drive goes.
        QVERIFY2(server.start({QStringLiteral("--latency-ms"), QStringLiteral("80")}),
                 qPrintable(server.errorString()));
        DataTree tree(server.dataDir());
        for (int i = 0; i < 24; ++i)
            tree.write(QStringLiteral("testuser1/Run %1/frame %2.raw").arg(i % 2).arg(i, 2, 10, QLatin1Char('0')),
                       30000 + i * 977);
        const QString cfg = server.configPath();
        QVERIFY(server.writeConfig(cfg, {{QStringLiteral("data_directory"), server.dataDir()},
                                         {QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                         {QStringLiteral("verification_delay"), QStringLiteral("0")},
                                         {QStringLiteral("max_upload_threads"), QStringLiteral("2")}}));

        QProcess run;
        run.setProcessEnvironment(cliEnvironment());
        run.start(QStringLiteral(TARDIGRADE_BIN),
                  {QStringLiteral("--config"), cfg, QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY(run.waitForStarted());
        QElapsedTimer t;
        t.start();
        while (posts(server) < 4 && t.elapsed() < 60000 && run.state() == QProcess::Running)
            QThread::msleep(20);
        if (posts(server) < 4)
            for (const QJsonObject &r : server.requests())
                qInfo() << r;
        QVERIFY2(posts(server) >= 4, run.readAllStandardError().constData());
        const QString unplugged = server.dataDir() + QStringLiteral("-unplugged");
        QVERIFY(QDir().rename(server.dataDir(), unplugged));
        QVERIFY(run.waitForFinished(120000));
        const QByteArray err = run.readAllStandardError();
        const QJsonObject summary = QJsonDocument::fromJson(run.readAllStandardOutput()).object();
        QVERIFY2(run.exitCode() != 0, err.constData());
        QVERIFY2(err.count(QByteArray("The data directory " + QDir::toNativeSeparators(server.dataDir()).toUtf8() +
                                      " is gone (a removable drive unplugged?)")) == 1,
                 err.constData());
        QVERIFY2(!err.contains("disappeared"), err.constData()); // not one sentence per file
        qInfo().noquote() << err.trimmed().split('\n').last();
        const QJsonObject dump = server.dump();
        QVERIFY2(dump.value(QStringLiteral("datafiles")).toArray().size() < tree.files().size(),
                 "the run stopped before the end");
        // Counted verified only what the server verified.
        QVERIFY(summary.value(QStringLiteral("verified")).toInt() <= verifiedRecords(dump));

        QVERIFY(QDir().rename(unplugged, server.dataDir()));
        const CliResult again =
            runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
        const QString problems = checkCatalogue(server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }
};

QTEST_GUILESS_MAIN(TestVanishingData)
#include "tst_vanishingdata.moc"
