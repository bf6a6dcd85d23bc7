// `tardigrade history`: the recorded runs as a table (oldest first) or as
// JSON, --last N, an empty history said in a sentence, junk arguments
// refused with the usage.
#include "CliRun.h"
#include "settings/ConfigPaths.h"
#include "sync/RunHistory.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;
using namespace tardigrade::test;

class TestCliHistory : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString cfg() const { return m_dir.filePath(QStringLiteral("MyData.cfg")); }

    static RunRecord run(int found, int uploaded, const QString &trigger, int day)
    {
        SyncSummary s;
        s.found = found;
        s.alreadyVerified = found - uploaded;
        s.uploaded = s.verified = uploaded;
        s.started = QDateTime(QDate(2026, 11, day), QTime(2, 0));
        s.finished = s.started.addSecs(95);
        return RunRecord::of(s, trigger);
    }

private slots:
    void emptyHistorySaysSo()
    {
        QVERIFY(m_dir.isValid());
        const CliResult r = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg(), {QStringLiteral("history")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.startsWith("No run has been recorded yet"), qPrintable(r.describe()));
    }

    void tableAndJson()
    {
        const QString file = ConfigPaths::stateFile(cfg(), StateFile::RunHistory);
        QVERIFY(RunHistory::append(file, run(10, 10, QStringLiteral("On Startup"), 27)));
        QVERIFY(RunHistory::append(file, run(12, 2, QStringLiteral("Daily"), 28)));
        SyncSummary failed;
        failed.started = QDateTime(QDate(2026, 11, 29), QTime(2, 0));
        failed.finished = failed.started.addSecs(3);
        failed.fatalError = QStringLiteral("Cannot reach the MyTardis server.");
        QVERIFY(RunHistory::append(file, RunRecord::of(failed, QStringLiteral("Daily"))));

        const CliResult table = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg(), {QStringLiteral("history")});
        QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
        const QList<QByteArray> lines = table.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4); // the header and three runs
        QVERIFY(lines.at(0).startsWith("Started"));
        QVERIFY2(lines.at(1).contains("2026-11-27 02:00") && lines.at(1).contains("On Startup") &&
                     lines.at(1).endsWith("finished"),
                 lines.at(1).constData());
        QVERIFY2(lines.at(2).simplified().contains("Daily 12 2 2 0 finished"), lines.at(2).constData());
        QVERIFY2(lines.at(3).contains("Run failed: Cannot reach the MyTardis server."), lines.at(3).constData());

        const CliResult json = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg(),
                                             {QStringLiteral("history"), QStringLiteral("--json"),
                                              QStringLiteral("--last"), QStringLiteral("2")});
        QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
        const QJsonArray runs = json.json().array();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs.at(0).toObject().value(QStringLiteral("uploaded")).toInt(), 2);
        QCOMPARE(runs.at(1).toObject().value(QStringLiteral("result")).toString(), QStringLiteral("failed"));
    }

    // A run that finished with files in conflict is not just "finished":
    // its line says how many wait for a person.
    void conflictsAreSaid()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("MyData.cfg"));
        SyncSummary s;
        s.found = 3;
        s.alreadyVerified = 2;
        s.conflicts = {ConflictFile{QStringLiteral("/d/u/Run/frame.tif"), QStringLiteral("bb"), QStringLiteral("aa"), {}}};
        s.started = QDateTime(QDate(2026, 11, 29), QTime(2, 0));
        s.finished = s.started.addSecs(5);
        QVERIFY(RunHistory::append(ConfigPaths::stateFile(config, StateFile::RunHistory),
                                   RunRecord::of(s, QStringLiteral("Daily"))));
        const CliResult table = runTardigrade(QStringLiteral(TARDIGRADE_BIN), config, {QStringLiteral("history")});
        QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
        const QList<QByteArray> lines = table.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(1).endsWith("1 in conflict with a different file of the same name on the server."),
                 lines.at(1).constData());
    }

    void refusesJunk()
    {
        for (const QStringList &args : {QStringList{QStringLiteral("history"), QStringLiteral("--all")},
                                        QStringList{QStringLiteral("history"), QStringLiteral("--last"), QStringLiteral("x")}}) {
            const CliResult r = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg(), args);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("Usage: tardigrade [--config FILE] history"), qPrintable(r.describe()));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliHistory)
#include "tst_cli_history.moc"
