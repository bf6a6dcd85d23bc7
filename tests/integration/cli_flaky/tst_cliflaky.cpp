// The commands as a user runs them against a server that fails 30% of its
// requests (half HTTP 500s, half connections dropped mid-answer): each
// succeeds every time, and a create whose answer was lost is looked up, not
// made twice: one uploader record, one staging request, one datafile per file.
#include "CliRun.h"
#include "DataTree.h"
#include "StandinProcess.h"

#include <QtTest>

using namespace tardigrade::test;

class TestCliFlaky : public QObject {
    Q_OBJECT

private slots:
    void everyCommandRidesOutAFlakyServer()
    {
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--fail-rate"), QStringLiteral("0.3"), QStringLiteral("--fail-mode"),
                               QStringLiteral("mixed"), QStringLiteral("--fail-seed"), QStringLiteral("11")}),
                 qPrintable(server.errorString()));
        const DataTree tree = DataTree::hostile(server.dataDir());
        const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        QVERIFY(server.writeConfig(cfg, {{QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                         {QStringLiteral("verification_delay"), QStringLiteral("0")}}));

        // register 6 times, then a Test Run and two uploads (the second
        // finds everything verified). Each command waits out its retries
        // (0.5 s doubling), so more rounds cost minutes for little more proof.
        QList<QStringList> runs;
        for (int i = 0; i < 6; ++i)
            runs << QStringList{QStringLiteral("register")};
        runs << QStringList{QStringLiteral("test-run")} << QStringList{QStringLiteral("upload")}
             << QStringList{QStringLiteral("upload")};
        for (const QStringList &args : runs) {
            const CliResult r = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, args);
            QVERIFY2(r.exitCode == 0, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.describe()));
        }
        QCOMPARE(server.sql(QStringLiteral("SELECT count(*) FROM uploaders")).trimmed(), QStringLiteral("1"));
        QCOMPARE(server.sql(QStringLiteral("SELECT count(*) FROM registration_requests")).trimmed(), QStringLiteral("1"));
        QCOMPARE(server.sql(QStringLiteral("SELECT count(*) FROM datafiles")).trimmed(),
                 QString::number(tree.files().size()));
        int failed = 0;
        for (const QJsonObject &r : server.requests())
            failed += r.value(QLatin1String("status")).toInt() == 0 || r.value(QLatin1String("status")).toInt() == 500;
        QVERIFY2(failed > 10, qPrintable(QString::number(failed))); // the failures did happen
    }
};

QTEST_GUILESS_MAIN(TestCliFlaky)
#include "tst_cliflaky.moc"
