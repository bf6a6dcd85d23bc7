// The real `tardigrade` binary against a hostile server in front of the
// stand-in (tests/support/HostileServer forwards what no rule takes): a login
// page, broken JSON, a listing that loops, a server that never answers, one
// that drips a byte a second, a 2 GB body, and a Location on another server
// after an upload. Each command ends non-zero with the sentence that names
// what the server did, within its time limit, its peak memory (VmHWM) under
// 150 MB, and no file taken as done that the server does not hold.
#include "MemoryBounds.h"
#include "CliRun.h"
#include "DataTree.h"
#include "HostileServer.h"
#include "StandinProcess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

using namespace tardigrade::test;

namespace {

struct WatchedRun {
    CliResult result;
    qint64 peakKb = 0; // VmHWM of the process, last read before it ended (Linux)
    qint64 ms = 0;
};

qint64 highWaterKb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}

// runTardigrade() with the child's peak memory read as it runs.
WatchedRun runWatched(const QString &cfg, const QStringList &args, int timeoutMs = 60000)
{
    WatchedRun w;
    QProcess p;
    p.setProcessEnvironment(cliEnvironment());
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral(TARDIGRADE_BIN), QStringList{QStringLiteral("--config"), cfg} + args);
    if (!p.waitForStarted()) {
        w.result.err = p.errorString().toUtf8();
        return w;
    }
    while (!p.waitForFinished(20)) {
        w.peakKb = std::max(w.peakKb, highWaterKb(p.processId()));
        if (t.elapsed() > timeoutMs) {
            p.kill();
            p.waitForFinished();
            w.result.err = "timed out\n";
            break;
        }
    }
    w.ms = t.elapsed();
#ifdef Q_OS_LINUX
    // Ended before the first look: the peak of every child waited for so far
    // (this one the latest) bounds it from above.
    if (w.peakKb == 0) {
        rusage usage{};
        if (getrusage(RUSAGE_CHILDREN, &usage) == 0)
            w.peakKb = usage.ru_maxrss;
    }
#endif
    w.result.out = p.readAllStandardOutput();
    w.result.err += p.readAllStandardError();
    w.result.crashed = p.exitStatus() == QProcess::CrashExit;
    w.result.exitCode = w.result.crashed ? -1 : p.exitCode();
    return w;
}

// The facility listing with a `next` that leads back to itself.
QByteArray loopingNext(const QByteArray &body)
{
    QJsonObject o = QJsonDocument::fromJson(body).object();
    QJsonObject meta = o.value(QLatin1String("meta")).toObject();
    meta.insert(QStringLiteral("next"), QStringLiteral("/api/v1/facility/?limit=0&offset=0"));
    o.insert(QStringLiteral("meta"), meta);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

const char *const kUsers = "^GET /api/v1/user/";

} // namespace

class TestHostileCli : public QObject {
    Q_OBJECT

private slots:
    void aHostileServerEndsTheCommand_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("answer"); // index into answers()
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<int>("maxSeconds");
        auto row = [](const QString &name, const QString &pattern, int answer, const QString &command, int exitCode,
                      const QString &sentence, int maxSeconds) {
            QTest::newRow(qPrintable(command + QStringLiteral(", ") + name))
                << pattern << answer << command << exitCode << sentence << maxSeconds;
        };
        const QString users = QString::fromLatin1(kUsers);
        for (const QString &command : {QStringLiteral("test-run"), QStringLiteral("upload")}) {
            row(QStringLiteral("login page"), users, 0, command, 1,
                QStringLiteral("answered with a web page instead of MyTardis data while checking the credentials: "
                               "check mytardis_url (a login page or proxy may be in the way)."),
                10);
            row(QStringLiteral("broken JSON"), users, 1, command, 2,
                QStringLiteral("answered with broken JSON while checking the credentials"), 10);
            row(QStringLiteral("looping next"), QStringLiteral("^GET /api/v1/facility/"), 2, command, 2,
                QStringLiteral("sent a list that loops while listing /api/v1/facility/"), 10);
            row(QStringLiteral("never answers"), QStringLiteral("."), 3, command, 1,
                QStringLiteral("did not answer within 2 s"), 12);
            row(QStringLiteral("a byte a second"), users, 4, command, 2,
                QStringLiteral("sent its answer too slowly (it was still coming after 6 s)"), 12);
        }
        row(QStringLiteral("2 GB body, chunked"), users, 5, QStringLiteral("upload"), 1,
            QStringLiteral("sent an answer of more than 64 MiB"), 20);
        row(QStringLiteral("2 GB body, announced"), users, 6, QStringLiteral("test-run"), 1,
            QStringLiteral("sent an answer of more than 64 MiB"), 10);
    }

    void aHostileServerEndsTheCommand()
    {
        QFETCH(QString, pattern);
        QFETCH(int, answer);
        QFETCH(QString, command);
        QFETCH(int, exitCode);
        QFETCH(QString, sentence);
        QFETCH(int, maxSeconds);
        const QList<HostileAnswer> answers{
            HostileAnswer::reply(200,
                                 "<!DOCTYPE html><html><body><form action=\"/login/\">Sign in</form></body></html>",
                                 "text/html; charset=utf-8"),
            HostileAnswer::reply(200,
                                 "{\"meta\": {\"total_count\": 1}, \"objects\": [{\"id\": 1, \"username\": \"testf"),
            HostileAnswer::forward(loopingNext),
            HostileAnswer::hang(),
            HostileAnswer::drip(200, "{\"meta\": {}, \"objects\": [{\"id\": 1, \"username\": \"testfacility\"}]}"),
            HostileAnswer::huge(2LL * 1024 * 1024 * 1024, false),
            HostileAnswer::huge(2LL * 1024 * 1024 * 1024, true),
        };

        StandinProcess standin;
        QVERIFY2(standin.start(), qPrintable(standin.errorString()));
        DataTree tree(standin.dataDir());
        tree.write(QStringLiteral("testfacility/Dataset 1/frame-001.tif"), 1000);
        HostileServer server(standin.url());
        server.on(pattern, answers.at(answer));
        const QString cfg = standin.configPath();
        QVERIFY(standin.writeConfig(cfg, {{QStringLiteral("mytardis_url"), server.url()},
                                          {QStringLiteral("connection_timeout"), QStringLiteral("2")},
                                          {QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                          {QStringLiteral("verification_delay"), QStringLiteral("0")}}));

        const WatchedRun run = runWatched(cfg, {command});
        const QString said = QString::fromUtf8(run.result.out + run.result.err);
        qInfo().noquote() << QTest::currentDataTag() << "exit" << run.result.exitCode << "in" << run.ms << "ms, peak"
                          << run.peakKb / 1024 << "MB:" << said.trimmed().split(QLatin1Char('\n')).last();
        QVERIFY2(!run.result.crashed, qPrintable(run.result.describe()));
        QVERIFY2(run.result.exitCode == exitCode, qPrintable(run.result.describe()));
        QVERIFY2(said.contains(sentence), qPrintable(run.result.describe()));
        QVERIFY2(said.contains(server.url()), qPrintable(run.result.describe()));
        QVERIFY2(run.ms < maxSeconds * 1000, qPrintable(QString::number(run.ms)));
#ifdef Q_OS_LINUX
        QVERIFY2(run.peakKb > 0, "no peak memory read");
        if (kPeakMemoryIsMeasurable)
            QVERIFY2(run.peakKb < 150 * 1024, qPrintable(QString::number(run.peakKb)));
#endif
        // Nothing reached the catalogue as uploaded.
        QCOMPARE(standin.dump().value(QLatin1String("datafiles")).toArray().size(), 0);
    }

    void aForeignLocationLeavesTheFileUndone()
    {
        StandinProcess standin;
        QVERIFY2(standin.start(), qPrintable(standin.errorString()));
        DataTree tree(standin.dataDir());
        tree.write(QStringLiteral("testfacility/Dataset 1/frame-001.tif"), 1000);
        HostileServer server(standin.url());
        // The upload "succeeds", naming a datafile on another server: the
        // stand-in never sees the file.
        server.on(QStringLiteral("^POST /api/v1/mydata_dataset_file/"),
                  HostileAnswer::reply(201, "", "text/plain",
                                       {{"Location", "https://mytardis.example.org/api/v1/mydata_dataset_file/1/"}}));
        const QString cfg = standin.configPath();
        const QMap<QString, QString> settings{{QStringLiteral("connection_timeout"), QStringLiteral("2")},
                                              {QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                              {QStringLiteral("verification_delay"), QStringLiteral("0")}};
        QMap<QString, QString> hostile = settings;
        hostile.insert(QStringLiteral("mytardis_url"), server.url());
        QVERIFY(standin.writeConfig(cfg, hostile));
        const WatchedRun first = runWatched(cfg, {QStringLiteral("upload")});
        qInfo().noquote() << "foreign Location: exit" << first.result.exitCode << "peak" << first.peakKb / 1024
                          << "MB:" << QString::fromUtf8(first.result.out + first.result.err).trimmed();
        QVERIFY2(first.result.exitCode == 2, qPrintable(first.result.describe()));
        QVERIFY2(QString::fromUtf8(first.result.out + first.result.err)
                     .contains(QStringLiteral("named https://mytardis.example.org/api/v1/mydata_dataset_file/1/ as "
                                              "the new record while uploading \"frame-001.tif\"")),
                 qPrintable(first.result.describe()));
        QCOMPARE(standin.dump().value(QLatin1String("datafiles")).toArray().size(), 0);

        // Against the real server the same installation uploads it: the
        // journal did not take it as done.
        QVERIFY(standin.writeConfig(cfg, settings));
        const WatchedRun second = runWatched(cfg, {QStringLiteral("upload")});
        QVERIFY2(second.result.exitCode == 0, qPrintable(second.result.describe()));
        const QJsonArray files = standin.dump().value(QLatin1String("datafiles")).toArray();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().toObject().value(QLatin1String("md5sum")).toString().toLatin1(), tree.files().first());
    }
};

QTEST_GUILESS_MAIN(TestHostileCli)
#include "tst_hostilecli.moc"
