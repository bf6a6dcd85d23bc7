// The soak run: 50,000 small files in 500 datasets and three 2 GiB files,
// staged by the real `tardigrade upload` to a real sshd while the stand-in
// fails 10% of its requests. Every file must end verified exactly once, the
// process's peak memory must stay under a bound that does not depend on the
// number or size of the files, and a second run must send no request about
// a single file (one listing per dataset is all it needs).
//
// Labelled slow (`scripts/test --slow`). The scale can be turned down to try
// it quickly: TARDIGRADE_SOAK_FILES, _DATASETS, _BIG_FILES, _BIG_MB, and the
// bound _RSS_MB.
//
// The big files are sparse (DataTree::writeSparse: a little data at each
// end, zeros between) so that making them costs no time or disk; the upload
// path still reads, hashes and sends every byte, and the stand-in checks the
// MD5 of every staged byte.
#include "CatalogueCheck.h"
#include "DataTree.h"
#include "StagingWorld.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace tardigrade::test;

namespace {

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v >= 0 ? v : fallback;
}

// kB from a "VmHWM:   12345 kB" line of /proc/<pid>/status; -1 when gone.
qint64 procStatusKb(qint64 pid, const QByteArray &field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = field + QByteArray(":");
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// One `tardigrade upload --json`, its memory sampled every half second.
struct MeasuredRun {
    CliResult result;
    qint64 ms = 0;
    qint64 peakKb = -1;           // VmHWM, read last while the process lived
    QList<qint64> rssSamplesKb;   // VmRSS over time
};

MeasuredRun measuredUpload(const QString &configFile, int timeoutMs)
{
    MeasuredRun run;
    QProcess p;
    p.setProcessEnvironment(cliEnvironment());
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral(TARDIGRADE_BIN),
            {QStringLiteral("--config"), configFile, QStringLiteral("upload"), QStringLiteral("--json")});
    if (!p.waitForStarted()) {
        run.result.err = p.errorString().toUtf8();
        return run;
    }
    const qint64 pid = p.processId();
    while (!p.waitForFinished(500)) {
        // Until QProcess reaps the child its /proc entry stays, so the last
        // VmHWM read is within half a second of the end.
        const qint64 hwm = procStatusKb(pid, "VmHWM");
        const qint64 rss = procStatusKb(pid, "VmRSS");
        if (hwm > 0)
            run.peakKb = hwm;
        if (rss > 0)
            run.rssSamplesKb << rss;
        run.result.out += p.readAllStandardOutput();
        run.result.err += p.readAllStandardError();
        if (t.elapsed() > timeoutMs) {
            p.kill();
            p.waitForFinished();
            run.result.err += "timed out\n";
            break;
        }
    }
    run.ms = t.elapsed();
    run.result.out += p.readAllStandardOutput();
    run.result.err += p.readAllStandardError();
    run.result.crashed = p.exitStatus() == QProcess::CrashExit;
    run.result.exitCode = run.result.crashed ? -1 : p.exitCode();
    return run;
}

QString sqlValue(const StandinProcess &server, const QString &statement)
{
    return server.sql(statement).trimmed();
}

// A request about one file rather than a dataset: a datafile, replica or
// chunked upload by id, a look-up by file name, or a create.
bool isPerFileRequest(const QJsonObject &r)
{
    static const QRegularExpression byId(
        QStringLiteral("/(dataset_file|mydata_dataset_file|mydata_replica|mydata_upload|replica)/\\d+/"));
    const QString path = r.value(QLatin1String("path")).toString();
    const QString query = r.value(QLatin1String("query")).toString();
    return byId.match(path).hasMatch() || query.contains(QLatin1String("filename=")) ||
           (r.value(QLatin1String("method")).toString() == QLatin1String("POST") &&
            path.contains(QLatin1String("dataset_file")));
}

} // namespace

class TestSoak : public QObject {
    Q_OBJECT
private slots:
    void fiftyThousandFilesAndBigOnesThroughAFlakyServer();
};

void TestSoak::fiftyThousandFilesAndBigOnesThroughAFlakyServer()
{
    const int files = envInt("TARDIGRADE_SOAK_FILES", 50000);
    const int datasets = qMax(1, envInt("TARDIGRADE_SOAK_DATASETS", 500));
    const int bigFiles = envInt("TARDIGRADE_SOAK_BIG_FILES", 3);
    const qint64 bigBytes = qint64(envInt("TARDIGRADE_SOAK_BIG_MB", 2048)) * 1024 * 1024;
    const qint64 rssBoundKb = qint64(envInt("TARDIGRADE_SOAK_RSS_MB", 300)) * 1024;

    StagingWorld world;
    QString error;
    QVERIFY2(world.start(&error, {{QStringLiteral("max_upload_threads"), QStringLiteral("8")}},
                         {QStringLiteral("--fail-rate"), QStringLiteral("0.1"), QStringLiteral("--fail-seed"),
                          QStringLiteral("14")}),
             qPrintable(error));

    // Username / Dataset: datasets spread over two users, files of 1 to
    // 8 KiB; the big files in the first datasets, among the small ones.
    QElapsedTimer making;
    making.start();
    DataTree tree(world.server.dataDir());
    qint64 totalBytes = 0;
    for (int i = 0; i < files; ++i) {
        const int d = i % datasets;
        const qint64 size = 1024 + (qint64(i) * 7919) % (7 * 1024);
        tree.write(QStringLiteral("testuser%1/Soak %2/f%3.dat").arg(1 + d % 2).arg(d, 3, 10, QLatin1Char('0')).arg(i, 5, 10, QLatin1Char('0')),
                   size);
        totalBytes += size;
    }
    for (int i = 0; i < bigFiles; ++i) {
        const int d = i % datasets;
        tree.writeSparse(QStringLiteral("testuser%1/Soak %2/big%3.raw").arg(1 + d % 2).arg(d, 3, 10, QLatin1Char('0')).arg(i),
                         bigBytes);
        totalBytes += bigBytes;
    }
    const int total = int(tree.files().size());
    QCOMPARE(total, files + bigFiles);
    qInfo().noquote() << QStringLiteral("soak: %1 files (%2 big of %3 MiB) in %4 datasets, %5 MiB, made in %6 s")
                             .arg(total)
                             .arg(bigFiles)
                             .arg(bigBytes >> 20)
                             .arg(datasets)
                             .arg(totalBytes >> 20)
                             .arg(making.elapsed() / 1000);
    const qsizetype requestsBefore = world.server.requests().size(); // register's

    // First run: everything uploaded and verified, through the faults.
    const MeasuredRun first = measuredUpload(world.configFile, 3 * 3600 * 1000);
    qInfo().noquote() << QStringLiteral("soak first run: exit %1 after %2 s, peak RSS (VmHWM) %3 MiB")
                             .arg(first.result.exitCode)
                             .arg(first.ms / 1000.0, 0, 'f', 1)
                             .arg(first.peakKb / 1024);
    if (first.result.exitCode != 0) // describe() prints both streams: only for a failure
        QFAIL(qPrintable(first.result.describe()));
    const QJsonObject summary = first.result.json().object();
    QCOMPARE(summary.value(QStringLiteral("uploaded")).toInt(), total);
    QCOMPARE(summary.value(QStringLiteral("verified")).toInt(), total);

    const QList<QJsonObject> afterFirst = world.server.requests();
    int faults = 0;
    int creates = 0;
    for (qsizetype i = requestsBefore; i < afterFirst.size(); ++i) {
        const QJsonObject &r = afterFirst.at(i);
        const int status = r.value(QLatin1String("status")).toInt();
        faults += status == 0 || status == 500;
        creates += r.value(QLatin1String("method")).toString() == QLatin1String("POST") &&
                   r.value(QLatin1String("path")).toString().endsWith(QLatin1String("dataset_file/")) && status == 201;
    }

    // Exactly once: one datafile per path, one replica each, verified, and
    // one successful registration per file.
    QCOMPARE(sqlValue(world.server, QStringLiteral("SELECT count(*) FROM datafiles")), QString::number(total));
    QCOMPARE(sqlValue(world.server, QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM datafiles GROUP BY "
                                                   "dataset_id, directory, filename HAVING count(*) > 1)")),
             QStringLiteral("0"));
    QCOMPARE(sqlValue(world.server, QStringLiteral("SELECT count(*) FROM replicas")), QString::number(total));
    QCOMPARE(sqlValue(world.server, QStringLiteral("SELECT count(DISTINCT datafile_id) FROM replicas WHERE verified = 1")),
             QString::number(total));
    QCOMPARE(sqlValue(world.server, QStringLiteral("SELECT sum(size) FROM datafiles")), QString::number(totalBytes));
    QCOMPARE(sqlValue(world.server, QStringLiteral("SELECT count(*) FROM datasets")), QString::number(qMin(datasets, files + bigFiles)));
    QCOMPARE(creates, total);
    const QString problems = checkCatalogue(world.server.dump(), tree); // paths and MD5s, one by one
    QVERIFY2(problems.isEmpty(), qPrintable(problems.left(2000)));
    QVERIFY2(faults > 0, "the faults did happen");

    // Memory: a bound that 50,000 files or a 2 GiB one would break if the
    // process kept per-file state or whole files in memory.
    const qint64 firstQuarterMax = [&] {
        qint64 m = 0;
        for (qsizetype i = 0; i < qMax<qsizetype>(1, first.rssSamplesKb.size() / 4) && i < first.rssSamplesKb.size(); ++i)
            m = qMax(m, first.rssSamplesKb.at(i));
        return m;
    }();
    const qint64 lastRss = first.rssSamplesKb.isEmpty() ? -1 : first.rssSamplesKb.last();
    QVERIFY2(first.peakKb > 0, "VmHWM was read");
    QVERIFY2(first.peakKb < rssBoundKb,
             qPrintable(QStringLiteral("peak RSS %1 MiB, bound %2 MiB").arg(first.peakKb / 1024).arg(rssBoundKb / 1024)));

    // Second run: nothing to send, and no request about any single file.
    const MeasuredRun second = measuredUpload(world.configFile, 3600 * 1000);
    if (second.result.exitCode != 0) // describe() prints both streams: only for a failure
        QFAIL(qPrintable(second.result.describe()));
    QCOMPARE(second.result.json().object().value(QStringLiteral("uploaded")).toInt(), 0);
    QCOMPARE(second.result.json().object().value(QStringLiteral("already_verified")).toInt(), total);
    const QList<QJsonObject> afterSecond = world.server.requests();
    int secondRequests = 0;
    int secondFaults = 0;
    int perFile = 0;
    QString firstPerFile;
    for (qsizetype i = afterFirst.size(); i < afterSecond.size(); ++i) {
        const QJsonObject &r = afterSecond.at(i);
        ++secondRequests;
        const int status = r.value(QLatin1String("status")).toInt();
        secondFaults += status == 0 || status == 500;
        if (isPerFileRequest(r)) {
            ++perFile;
            if (firstPerFile.isEmpty())
                firstPerFile = r.value(QLatin1String("method")).toString() + QLatin1Char(' ') +
                               r.value(QLatin1String("path")).toString() + QLatin1Char('?') +
                               r.value(QLatin1String("query")).toString();
        }
    }
    QVERIFY2(perFile == 0, qPrintable(QStringLiteral("%1 per-file requests, e.g. %2").arg(perFile).arg(firstPerFile)));
    // A few per dataset (the look-ups and the listing, with their retries), not per file.
    QVERIFY2(secondRequests < 4 * datasets + 100, qPrintable(QString::number(secondRequests)));

    qInfo().noquote() << QStringLiteral("soak first run: %1 files, %2 MiB in %3 s; %4 requests, %5 faults injected; "
                                        "peak RSS (VmHWM) %6 MiB, RSS max in the first quarter %7 MiB, at the end %8 MiB")
                             .arg(total)
                             .arg(totalBytes >> 20)
                             .arg(first.ms / 1000.0, 0, 'f', 1)
                             .arg(afterFirst.size() - requestsBefore)
                             .arg(faults)
                             .arg(first.peakKb / 1024)
                             .arg(firstQuarterMax / 1024)
                             .arg(lastRss / 1024);
    qInfo().noquote() << QStringLiteral("soak second run: %1 s, %2 requests (%3 faults), %4 per-file; peak RSS %5 MiB")
                             .arg(second.ms / 1000.0, 0, 'f', 1)
                             .arg(secondRequests)
                             .arg(secondFaults)
                             .arg(perFile)
                             .arg(second.peakKb / 1024);
}

QTEST_GUILESS_MAIN(TestSoak)
#include "tst_soak.moc"
