// The commands as a user runs them against a server that fails 30% of its
// requests (a third each: HTTP 500s, connections dropped mid-answer, and
// answers lost after the server acted): each succeeds every time, and a
// create whose answer was lost is looked up, not made twice: one uploader
// record, one staging request, one experiment per owner, one dataset per
// folder, one datafile per file.
//
// TARDIGRADE_FLAKY_ROUNDS=N runs every command N times (the slow-labelled
// tst_cliflaky_rounds runs 20); without it, a short mix that the normal
// suite can afford: each command waits out its retries (0.5 s doubling).
#include "CliRun.h"
#include "DataTree.h"
#include "StandinProcess.h"

#include <QElapsedTimer>
#include <QtTest>
#include <csignal>

using namespace tardigrade::test;

namespace {

// `tardigrade run` with schedule On Startup: one run at start, then idle
// until SIGTERM. Succeeds when that run finished with no file failed and
// the service stopped cleanly with exit 0.
CliResult runServiceOnce(const QString &configFile, const QString &xdgHome, int timeoutMs = 180000)
{
    QProcessEnvironment env = cliEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), xdgHome); // never the user's ~/.config
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(TARDIGRADE_BIN), {QStringLiteral("--config"), configFile, QStringLiteral("run")});
    CliResult r;
    if (!p.waitForStarted()) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    QElapsedTimer t;
    t.start();
    while (!r.err.contains("Run finished") && !r.err.contains("Run failed") && p.state() == QProcess::Running &&
           t.elapsed() < timeoutMs) {
        p.waitForReadyRead(100);
        r.err += p.readAllStandardError();
    }
    ::kill(pid_t(p.processId()), SIGTERM);
    if (!p.waitForFinished(15000)) {
        p.kill();
        p.waitForFinished();
        r.err += "did not stop within 15 s of SIGTERM\n";
    }
    r.out = p.readAllStandardOutput();
    r.err += p.readAllStandardError();
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = r.crashed ? -1 : p.exitCode();
    // The service's exit code says it stopped cleanly; the run's own
    // verdict is its summary line.
    if (r.exitCode == 0 && !(r.err.contains("Run finished") && r.err.contains(", 0 failed.")))
        r.exitCode = 2;
    return r;
}

} // namespace

class TestCliFlaky : public QObject {
    Q_OBJECT

private slots:
    void everyCommandRidesOutAFlakyServer()
    {
        const int rounds = qEnvironmentVariableIntValue("TARDIGRADE_FLAKY_ROUNDS");
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--fail-rate"), QStringLiteral("0.3"), QStringLiteral("--fail-mode"),
                               QStringLiteral("mixed-lost"), QStringLiteral("--fail-seed"), QStringLiteral("11")}),
                 qPrintable(server.errorString()));
        DataTree tree = DataTree::hostile(server.dataDir());
        const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        QVERIFY(server.writeConfig(cfg, {{QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                         {QStringLiteral("verification_delay"), QStringLiteral("0")},
                                         {QStringLiteral("schedule_type"), QStringLiteral("On Startup")}}));

        // Short: register 6 times, validate, a Test Run, two uploads (the
        // second finds everything verified) and one service run. Rounds:
        // every command `rounds` times.
        const QStringList commands{QStringLiteral("register"), QStringLiteral("validate"), QStringLiteral("test-run"),
                                   QStringLiteral("upload"), QStringLiteral("run")};
        QStringList plan;
        if (rounds > 0) {
            for (const QString &command : commands)
                for (int i = 0; i < rounds; ++i)
                    plan << command;
        } else {
            for (int i = 0; i < 6; ++i)
                plan << QStringLiteral("register");
            plan << QStringLiteral("validate") << QStringLiteral("test-run") << QStringLiteral("upload")
                 << QStringLiteral("upload") << QStringLiteral("run");
        }

        QMap<QString, qint64> msPerCommand;
        for (int i = 0; i < plan.size(); ++i) {
            const QString &command = plan.at(i);
            // Every upload after the first (and every service run) has a new
            // file to send, so each one really creates something.
            if ((command == QLatin1String("upload") && msPerCommand.contains(command)) ||
                command == QLatin1String("run"))
                tree.write(QStringLiteral("testuser1/Flaky rounds/%1-%2.dat").arg(command).arg(i), 1000 + i);
            QElapsedTimer t;
            t.start();
            const CliResult r = command == QLatin1String("run")
                                    ? runServiceOnce(cfg, server.tempPath() + QStringLiteral("/xdg"))
                                    : runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {command});
            msPerCommand[command] += t.elapsed();
            if (r.exitCode != 0) // describe() prints both streams: only for a failure
                QFAIL(qPrintable(QStringLiteral("%1 (#%2): ").arg(command).arg(i) + r.describe()));
        }
        for (auto it = msPerCommand.cbegin(); it != msPerCommand.cend(); ++it)
            qInfo().noquote() << QStringLiteral("%1: %2 runs, %3 s").arg(it.key()).arg(plan.count(it.key())).arg(
                it.value() / 1000.0, 0, 'f', 1);

        QCOMPARE(server.sql(QStringLiteral("SELECT count(*) FROM uploaders")).trimmed(), QStringLiteral("1"));
        QCOMPARE(server.sql(QStringLiteral("SELECT count(*) FROM registration_requests")).trimmed(), QStringLiteral("1"));
        QCOMPARE(server.sql(QStringLiteral("SELECT count(*) FROM datafiles")).trimmed(),
                 QString::number(tree.files().size()));
        QCOMPARE(server.sql(QStringLiteral("SELECT count(DISTINCT datafile_id) FROM replicas WHERE verified = 1"))
                     .trimmed(),
                 QString::number(tree.files().size()));
        // testuser1 and testuser2: one experiment each; one dataset per folder.
        QCOMPARE(server.sql(QStringLiteral("SELECT count(*) FROM experiments")).trimmed(), QStringLiteral("2"));
        QCOMPARE(server.sql(QStringLiteral("SELECT count(*) - count(DISTINCT description) FROM datasets")).trimmed(),
                 QStringLiteral("0"));
        const auto [failed, lostCreates] = server.injectedFaults();
        QVERIFY2(failed > 10, qPrintable(QString::number(failed))); // the failures did happen
        qInfo().noquote() << QStringLiteral("%1 commands, %2 faults injected (%3 creates without an answer, about half "
                                            "of them made by the server first)")
                                 .arg(plan.size())
                                 .arg(failed)
                                 .arg(lostCreates);
    }
};

QTEST_GUILESS_MAIN(TestCliFlaky)
#include "tst_cliflaky.moc"
