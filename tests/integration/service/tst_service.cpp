// `tardigrade run` end to end: the real binary as a service against the real
// stand-in server. TARDIGRADE_TIMER_SECONDS (a test-only hook) makes a Timer
// schedule's minutes count in seconds so runs fall due within the test.
#include "CliRun.h"
#include "DataTree.h"
#include "StandinProcess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTime>
#include <csignal>

using namespace tardigrade::test;

namespace {

// One `tardigrade run` process; its stderr gathered as it comes.
class Service {
public:
    Service(const QString &configFile, const QString &xdgHome, int timerSeconds = 1)
    {
        QProcessEnvironment env = cliEnvironment();
        env.insert(QStringLiteral("TARDIGRADE_TIMER_SECONDS"), QString::number(timerSeconds));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), xdgHome); // never the user's ~/.config
        env.remove(QStringLiteral("QT_LOGGING_RULES"));
        m_process.setProcessEnvironment(env);
        m_process.setProgram(QStringLiteral(TARDIGRADE_BIN));
        m_process.setArguments({QStringLiteral("--config"), configFile, QStringLiteral("run")});
        QObject::connect(&m_process, &QProcess::readyReadStandardError,
                         [this] { m_err += QString::fromUtf8(m_process.readAllStandardError()); });
    }
    ~Service()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    bool start()
    {
        m_process.start();
        return m_process.waitForStarted(5000);
    }
    qint64 pid() const { return m_process.processId(); }
    void signal(int number) { ::kill(pid_t(m_process.processId()), number); }

    int count(const QString &text) const { return int(m_err.count(text)); }
    // Waits until `text` occurs at least `times` times in stderr.
    bool waitFor(const QString &text, int times = 1, int timeoutMs = 20000)
    {
        QElapsedTimer t;
        t.start();
        while (count(text) < times) {
            if (t.elapsed() > timeoutMs || m_process.state() == QProcess::NotRunning)
                return false;
            m_process.waitForReadyRead(100);
            m_err += QString::fromUtf8(m_process.readAllStandardError());
        }
        return true;
    }
    bool waitForFinished(int timeoutMs)
    {
        const bool done = m_process.waitForFinished(timeoutMs);
        m_err += QString::fromUtf8(m_process.readAllStandardError());
        return done;
    }
    int exitCode() const { return m_process.exitCode(); }
    bool crashed() const { return m_process.exitStatus() == QProcess::CrashExit; }
    QString err() const { return m_err; }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

private:
    QProcess m_process;
    QString m_err;
};

QMap<QString, QString> timerConfig(const StandinProcess &server)
{
    return {{QStringLiteral("data_directory"), server.dataDir()},
            {QStringLiteral("schedule_type"), QStringLiteral("Timer")},
            {QStringLiteral("timer_minutes"), QStringLiteral("1")},
            {QStringLiteral("ignore_new_files"), QStringLiteral("False")},
            {QStringLiteral("verification_delay"), QStringLiteral("0")}};
}

int datafileCount(const StandinProcess &server)
{
    return server.dump().value(QStringLiteral("datafiles")).toArray().size();
}

int countRequests(const StandinProcess &server, const QString &pathPart)
{
    int n = 0;
    for (const QJsonObject &r : server.requests())
        n += QString(r.value(QStringLiteral("method")).toString() + QLatin1Char(' ') +
                     r.value(QStringLiteral("path")).toString())
                 .contains(pathPart);
    return n;
}

} // namespace

class TestService : public QObject {
    Q_OBJECT
private slots:
    void timerRunsRepeatThenSigtermStopsCleanly();
    void stopsPromptlyDuringARunAndSkipsRunsDueMeanwhile();
    void settingsChangeIsNoticed_data();
    void settingsChangeIsNoticed();
    void pauseAndResumeCommands();
    void brokenSettingsRefuseToStart();
    void idleServiceCostsNoCpu();
    void restartCountsTheTimerFromTheLastRun();
};

void TestService::timerRunsRepeatThenSigtermStopsCleanly()
{
    StandinProcess server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    DataTree tree(server.dataDir());
    tree.write(QStringLiteral("testuser1/Dataset 1/a.dat"), 1000);
    tree.write(QStringLiteral("testuser1/Dataset 1/b.dat"), 2000);
    const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
    QVERIFY(server.writeConfig(cfg, timerConfig(server)));

    Service service(cfg, server.tempPath() + QStringLiteral("/xdg"), 2);
    QVERIFY(service.start());
    // The first run is at once; the second two "minutes" (seconds) later.
    QVERIFY2(service.waitFor(QStringLiteral("Run finished"), 2, 25000), qPrintable(service.err()));
    QVERIFY2(service.count(QStringLiteral("Run started (Timer)")) >= 2, qPrintable(service.err()));
    QVERIFY2(service.err().contains(QStringLiteral("2 uploaded, 2 verified, 0 failed")), qPrintable(service.err()));
    QVERIFY2(service.err().contains(QStringLiteral("2 already verified, 0 uploaded")), qPrintable(service.err()));
    QCOMPARE(datafileCount(server), 2);
    // A later run looked the files up on the server again (a listing of
    // the dataset; the first run made it, so had nothing to list; POSTed
    // files get no verify request of their own).
    QVERIFY(countRequests(server, QStringLiteral("GET /api/v1/mydata_dataset_file/")) >= 1);

    QElapsedTimer t;
    t.start();
    service.signal(SIGTERM);
    QVERIFY2(service.waitForFinished(5000), "SIGTERM ends the service within seconds");
    QVERIFY(t.elapsed() < 5000);
    QVERIFY(!service.crashed());
    QCOMPARE(service.exitCode(), 0);
    QVERIFY2(service.err().contains(QStringLiteral("SIGTERM received")), qPrintable(service.err()));
}

void TestService::stopsPromptlyDuringARunAndSkipsRunsDueMeanwhile()
{
    // Every answer takes 400 ms: a run lasts several seconds, longer than
    // the one-second Timer, so runs fall due while one is in progress.
    StandinProcess server;
    QVERIFY2(server.start({QStringLiteral("--latency-ms"), QStringLiteral("400")}), qPrintable(server.errorString()));
    DataTree tree(server.dataDir());
    for (int i = 0; i < 6; ++i)
        tree.write(QStringLiteral("testuser1/Dataset %1/f.dat").arg(i), 500);
    const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
    QVERIFY(server.writeConfig(cfg, timerConfig(server)));

    Service service(cfg, server.tempPath() + QStringLiteral("/xdg"), 1);
    QVERIFY(service.start());
    QVERIFY2(service.waitFor(QStringLiteral("Run started")), qPrintable(service.err()));
    QVERIFY2(service.waitFor(QStringLiteral("skipped because a run is already in progress"), 1, 15000),
             qPrintable(service.err()));
    QCOMPARE(service.count(QStringLiteral("Run finished")), 0); // still the first run

    QElapsedTimer t;
    t.start();
    service.signal(SIGINT);
    QVERIFY2(service.waitForFinished(6000), qPrintable(service.err()));
    QVERIFY2(t.elapsed() < 6000, qPrintable(QString::number(t.elapsed())));
    QVERIFY(!service.crashed());
    QCOMPARE(service.exitCode(), 0);
    QVERIFY2(service.err().contains(QStringLiteral("Service stopped.")), qPrintable(service.err()));
    // One run only: the ones due meanwhile were skipped, not queued.
    QCOMPARE(service.count(QStringLiteral("Run started")), 1);
}

void TestService::settingsChangeIsNoticed_data()
{
    QTest::addColumn<bool>("sighup");
    QTest::newRow("file watch (atomic save by 'config set')") << false;
    QTest::newRow("SIGHUP") << true;
}

void TestService::settingsChangeIsNoticed()
{
    QFETCH(bool, sighup);
    StandinProcess server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    DataTree tree(server.dataDir());
    tree.write(QStringLiteral("testuser1/Dataset 1/a.dat"), 100);
    const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
    QMap<QString, QString> settings = timerConfig(server);
    settings.insert(QStringLiteral("schedule_type"), QStringLiteral("Manually"));
    QVERIFY(server.writeConfig(cfg, settings));

    Service service(cfg, server.tempPath() + QStringLiteral("/xdg"), 1);
    QVERIFY(service.start());
    QVERIFY2(service.waitFor(QStringLiteral("Next run: manual only.")), qPrintable(service.err()));
    if (sighup) {
        // Nothing changed: SIGHUP reads again and the service lives on.
        service.signal(SIGHUP);
        QVERIFY2(service.waitFor(QStringLiteral("SIGHUP: reading the settings again.")), qPrintable(service.err()));
        QTest::qWait(300);
        QVERIFY(service.isRunning());
        QCOMPARE(service.count(QStringLiteral("Run started")), 0);
    }
    const CliResult set = runTardigrade(
        QStringLiteral(TARDIGRADE_BIN), cfg,
        {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("schedule_type"), QStringLiteral("Timer")});
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    if (sighup)
        service.signal(SIGHUP);
    QVERIFY2(service.waitFor(QStringLiteral("Schedule: Every 1 minutes")), qPrintable(service.err()));
    QVERIFY2(service.waitFor(QStringLiteral("Run finished")), qPrintable(service.err()));
    QVERIFY2(service.err().contains(QStringLiteral("1 uploaded")), qPrintable(service.err()));

    service.signal(SIGTERM);
    QVERIFY(service.waitForFinished(5000));
    QCOMPARE(service.exitCode(), 0);
}

void TestService::pauseAndResumeCommands()
{
    StandinProcess server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    DataTree tree(server.dataDir());
    tree.write(QStringLiteral("testuser1/Dataset 1/a.dat"), 100);
    const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
    QVERIFY(server.writeConfig(cfg, timerConfig(server)));

    // Paused before the service starts: the pause outlives restarts.
    const CliResult pause = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("pause")});
    QVERIFY2(pause.exitCode == 0, qPrintable(pause.describe()));
    QVERIFY(QFile::exists(cfg + QStringLiteral(".paused")));

    Service service(cfg, server.tempPath() + QStringLiteral("/xdg"), 1);
    QVERIFY(service.start());
    QVERIFY2(service.waitFor(QStringLiteral("Paused: no scheduled runs")), qPrintable(service.err()));
    QTest::qWait(2500); // more than two Timer periods
    QCOMPARE(service.count(QStringLiteral("Run started")), 0);
    QCOMPARE(countRequests(server, QStringLiteral("dataset_file/")), 0); // no look-up, upload or verify

    const CliResult resume = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("resume")});
    QVERIFY2(resume.exitCode == 0, qPrintable(resume.describe()));
    QVERIFY2(service.waitFor(QStringLiteral("Resumed")), qPrintable(service.err()));
    QVERIFY2(service.waitFor(QStringLiteral("Run finished")), qPrintable(service.err()));

    // Paused while running: the runs stop.
    QVERIFY(runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("pause")}).exitCode == 0);
    QVERIFY2(service.waitFor(QStringLiteral("Paused: no scheduled runs"), 2), qPrintable(service.err()));
    QVERIFY(service.waitFor(QStringLiteral("Run finished"), service.count(QStringLiteral("Run started")), 10000));
    const int started = service.count(QStringLiteral("Run started"));
    QTest::qWait(2500);
    QCOMPARE(service.count(QStringLiteral("Run started")), started);

    service.signal(SIGTERM);
    QVERIFY(service.waitForFinished(5000));
    QCOMPARE(service.exitCode(), 0);
}

void TestService::brokenSettingsRefuseToStart()
{
    QTemporaryDir dir;
    const QString cfg = dir.filePath(QStringLiteral("MyData.cfg"));
    QFile f(cfg);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not an INI file\n");
    f.close();
    const CliResult r = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("run")}, 10000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("MyData.cfg"), qPrintable(r.describe()));
}

// utime + stime of a process, in clock ticks (/proc/PID/stat fields 14, 15).
static qint64 cpuTicks(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 12 ? fields.at(11).toLongLong() + fields.at(12).toLongLong() : -1;
}

void TestService::idleServiceCostsNoCpu()
{
    // A Daily run hours away: the service only waits (a wake-up at most once
    // a minute), the settings watch costs nothing until a file changes.
    StandinProcess server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
    QMap<QString, QString> settings = timerConfig(server);
    settings.insert(QStringLiteral("schedule_type"), QStringLiteral("Daily"));
    settings.insert(QStringLiteral("scheduled_time"),
                    QTime::currentTime().addSecs(6 * 3600).toString(QStringLiteral("HH:mm:ss")));
    QVERIFY(server.writeConfig(cfg, settings));
    Service service(cfg, server.tempPath() + QStringLiteral("/xdg"), 60);
    QVERIFY(service.start());
    // "Next run: Mon 2026-11-30 02:00." (localTimeText), not "manual only".
    const QString nextYear = QString::number(QDateTime::currentDateTime().addSecs(6 * 3600).date().year());
    QVERIFY2(service.waitFor(QStringLiteral(" %1-").arg(nextYear)), qPrintable(service.err()));
    QTest::qWait(300);
    const qint64 before = cpuTicks(service.pid());
    QVERIFY(before >= 0);
    QTest::qWait(3000);
    const qint64 used = cpuTicks(service.pid()) - before;
    QVERIFY2(used <= 2, qPrintable(QStringLiteral("%1 ticks of CPU in 3 s idle").arg(used)));
    QCOMPARE(service.count(QStringLiteral("Run started")), 0);
    service.signal(SIGTERM);
    QVERIFY(service.waitForFinished(5000));
    QCOMPARE(service.exitCode(), 0);
}

// A restart (a reboot, a crash) does not reset a Timer: the service counts
// from the run before it stopped, not from its own start.
void TestService::restartCountsTheTimerFromTheLastRun()
{
#ifdef TARDIGRADE_PORTABLE_IO
    QSKIP("the schedule's memory of the last run is code both variants share: the POSIX variant runs this");
#endif
    StandinProcess server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    DataTree(server.dataDir()).write(QStringLiteral("testuser1/Dataset 1/a.dat"), 100);
    const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
    QVERIFY(server.writeConfig(cfg, timerConfig(server)));
    const QString xdg = server.tempPath() + QStringLiteral("/xdg");
    constexpr int intervalSecs = 12; // timer_minutes 1, counted in 12-second "minutes"

    QElapsedTimer sinceFirstRun;
    {
        Service first(cfg, xdg, intervalSecs);
        QVERIFY(first.start());
        QVERIFY2(first.waitFor(QStringLiteral("Run started (Timer)")), qPrintable(first.err()));
        sinceFirstRun.start();
        QVERIFY2(first.waitFor(QStringLiteral("Run finished")), qPrintable(first.err()));
        first.signal(SIGTERM);
        QVERIFY(first.waitForFinished(5000));
    }
    Service second(cfg, xdg, intervalSecs);
    QVERIFY(second.start());
    QVERIFY2(second.waitFor(QStringLiteral("Next run:")), qPrintable(second.err()));
    // Not at once, as a first start would...
    QVERIFY2(!second.waitFor(QStringLiteral("Run started"), 1, 1500), qPrintable(second.err()));
    QVERIFY2(sinceFirstRun.elapsed() < intervalSecs * 1000, "the machine was too slow to tell the two apart");
    // ...but one interval after the first service's run.
    QVERIFY2(second.waitFor(QStringLiteral("Run started (Timer)"), 1, intervalSecs * 1000 + 5000),
             qPrintable(second.err()));
    QVERIFY(sinceFirstRun.elapsed() >= intervalSecs * 1000 - 1000);
}

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"
