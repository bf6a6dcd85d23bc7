// Planning a first run of many user folders on a server far away: each
// owner (one per user folder) and each dataset's listing is asked once, a
// few at a time (max_upload_threads), so a Test Run of 40 user folders x 2
// datasets at 100 ms a round trip takes well under the time of asking them
// one after another, and prints what it prints at 0 ms; against a server
// that fails 30% of its requests (answers lost after it acted included) no
// experiment or dataset is made twice.
//
// TARDIGRADE_PLANNING_SHAPE="USERSxDATASETS@MS[/THREADS]" (e.g. "200x5@20/5")
// measures another tree, latency and max_upload_threads, and prints the
// times (the assertion still holds).
#include "CliRun.h"
#include "DataTree.h"
#include "StandinProcess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QtTest>

using namespace tardigrade::test;

namespace {

struct Shape {
    int users = 40;
    int datasets = 2;
    int latencyMs = 100;
    int threads = 16; // max_upload_threads
};

Shape shapeFromEnvironment()
{
    Shape s;
    static const QRegularExpression form(QStringLiteral("^(\\d+)x(\\d+)@(\\d+)(?:/(\\d+))?$"));
    const QRegularExpressionMatch m = form.match(qEnvironmentVariable("TARDIGRADE_PLANNING_SHAPE"));
    if (m.hasMatch())
        s = {m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt(),
             m.captured(4).isEmpty() ? s.threads : m.captured(4).toInt()};
    return s;
}

QString userFolder(int i)
{
    return QStringLiteral("planner%1").arg(i, 3, 10, QLatin1Char('0'));
}

// Every fifth user folder matches nobody on the server.
bool known(int i)
{
    return i % 5 != 0;
}

// The stand-in's default seed with a user for each known folder.
QByteArray seedWithUsers(int users)
{
    QJsonArray list{QJsonObject{{QStringLiteral("username"), QStringLiteral("testfacility")},
                                {QStringLiteral("first_name"), QStringLiteral("Test")},
                                {QStringLiteral("last_name"), QStringLiteral("Facility")},
                                {QStringLiteral("email"), QStringLiteral("testfacility@example.com")},
                                {QStringLiteral("groups"), QJsonArray{QStringLiteral("Test Facility Managers")}}}};
    for (int i = 0; i < users; ++i)
        if (known(i))
            list.append(QJsonObject{{QStringLiteral("username"), userFolder(i)},
                                    {QStringLiteral("first_name"), QStringLiteral("Planner")},
                                    {QStringLiteral("last_name"), QString::number(i)},
                                    {QStringLiteral("email"), QString(userFolder(i) + QStringLiteral("@example.com"))},
                                    {QStringLiteral("groups"), QJsonValue(QJsonArray())}});
    const QJsonObject seed{
        {QStringLiteral("facilities"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Test Facility")},
                                {QStringLiteral("manager_group"), QStringLiteral("Test Facility Managers")},
                                {QStringLiteral("account"), QStringLiteral("testfacility")}}}},
        {QStringLiteral("groups"), QJsonArray{QStringLiteral("Test Facility Managers")}},
        {QStringLiteral("users"), list}};
    return QJsonDocument(seed).toJson();
}

// Requests of the log to `path` whose query has `key`.
int requestsTo(const StandinProcess &server, const QString &path, const QString &key, int from = 0)
{
    int n = 0;
    const QList<QJsonObject> log = server.requests();
    for (int i = from; i < log.size(); ++i)
        n += log.at(i).value(QLatin1String("path")).toString() == path &&
             QUrlQuery(log.at(i).value(QLatin1String("query")).toString()).hasQueryItem(key);
    return n;
}

} // namespace

class TestCliPlanning : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

    QString writeSeed(int users)
    {
        const QString path = m_tmp.filePath(QStringLiteral("seed-%1.json").arg(users));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(seedWithUsers(users)) < 0)
            return {};
        return path;
    }

    static QMap<QString, QString> settings(int threads = 16)
    {
        return {{QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                {QStringLiteral("verification_delay"), QStringLiteral("0")},
                {QStringLiteral("max_upload_threads"), QString::number(threads)}};
    }

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void aFirstRunPlansManyOwnersAndListingsAtOnce()
    {
        const Shape shape = shapeFromEnvironment();
        const QString seed = writeSeed(shape.users);
        QVERIFY(!seed.isEmpty());
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--seed"), seed}), qPrintable(server.errorString()));
        const QString cfg = server.configPath();
        QVERIFY(server.writeConfig(cfg, settings(shape.threads)));
        DataTree tree(server.dataDir());
        for (int u = 0; u < shape.users; ++u)
            for (int d = 0; d < shape.datasets; ++d)
                tree.write(QStringLiteral("%1/Run %2/first.dat").arg(userFolder(u)).arg(d), 100 + u);
        // The experiments and datasets exist (an earlier uploader made
        // them); this installation has not seen the new files.
        CliResult r = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload")}, 600000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        for (int u = 0; u < shape.users; ++u)
            for (int d = 0; d < shape.datasets; ++d)
                tree.write(QStringLiteral("%1/Run %2/second.dat").arg(userFolder(u)).arg(d), 200 + u);
        const CliResult nearby = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("test-run")});
        QVERIFY2(nearby.exitCode == 0, qPrintable(nearby.describe()));

        QVERIFY2(server.start({QStringLiteral("--latency-ms"), QString::number(shape.latencyMs)}),
                 qPrintable(server.errorString()));
        QVERIFY(server.writeConfig(cfg, settings(shape.threads))); // its new port
        const int before = int(server.requests().size());
        QElapsedTimer took;
        took.start();
        const CliResult far = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("test-run")}, 600000);
        const qint64 elapsed = took.elapsed();
        QVERIFY2(far.exitCode == 0, qPrintable(far.describe()));

        // Each owner and each listing once; the same report as nearby.
        const int datasets = shape.users * shape.datasets;
        QCOMPARE(requestsTo(server, QStringLiteral("/api/v1/user/"), QStringLiteral("username"), before),
                 shape.users + 1); // and the facility account's check
        QCOMPARE(
            requestsTo(server, QStringLiteral("/api/v1/mydata_dataset_file/"), QStringLiteral("dataset__id"), before),
            datasets);
        QCOMPARE(far.out, nearby.out);
        QVERIFY2(far.out.contains("User folder \"planner000\" matches no MyTardis username"), far.out.constData());
        QVERIFY(far.out.contains("planner001"));

        // One after another: at least (users + datasets) round trips, the
        // server checks and the experiments and datasets besides.
        const qint64 serialMs = qint64(shape.users + datasets) * shape.latencyMs;
        const int requests = int(server.requests().size()) - before;
        qInfo().noquote() << QStringLiteral(
                                 "%1 user folders x %2 datasets at %3 ms, %7 threads: Test Run %4 ms, %5 requests "
                                 "(one after another: >= %6 ms for owners and listings alone)")
                                 .arg(shape.users)
                                 .arg(shape.datasets)
                                 .arg(shape.latencyMs)
                                 .arg(elapsed)
                                 .arg(requests)
                                 .arg(serialMs)
                                 .arg(shape.threads);
        QVERIFY2(elapsed < serialMs / 2,
                 qPrintable(QStringLiteral("%1 ms, one after another >= %2 ms").arg(elapsed).arg(serialMs)));
    }

    void aFlakyServerMakesNothingTwice()
    {
        // Owners and listings asked on several threads, 20% of the answers
        // failing (a third of them lost after the server acted): each command
        // succeeds, and there is one experiment per user folder and one
        // dataset per folder.
        constexpr int kUsers = 4;
        constexpr int kDatasets = 2;
        const QString seed = writeSeed(kUsers);
        QVERIFY(!seed.isEmpty());
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--seed"), seed, QStringLiteral("--fail-rate"), QStringLiteral("0.2"),
                               QStringLiteral("--fail-mode"), QStringLiteral("mixed-lost"),
                               QStringLiteral("--fail-seed"), QStringLiteral("7")}),
                 qPrintable(server.errorString()));
        const QString cfg = server.configPath();
        QVERIFY(server.writeConfig(cfg, settings()));
        DataTree tree(server.dataDir());
        for (int u = 0; u < kUsers; ++u)
            for (int d = 0; d < kDatasets; ++d)
                tree.write(QStringLiteral("%1/Run %2/a.dat").arg(userFolder(u)).arg(d), 100 + u);
        for (const QString &command :
             {QStringLiteral("test-run"), QStringLiteral("upload"), QStringLiteral("upload")}) {
            const CliResult r = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {command}, 600000);
            QVERIFY2(r.exitCode == 0, qPrintable(command + QStringLiteral(": ") + r.describe()));
        }
        QCOMPARE(server.sql(QStringLiteral("SELECT count(*) FROM experiments")).trimmed(), QString::number(kUsers));
        QCOMPARE(server.sql(QStringLiteral("SELECT count(*) FROM datasets")).trimmed(),
                 QString::number(kUsers * kDatasets));
        QCOMPARE(
            server.sql(QStringLiteral("SELECT count(DISTINCT datafile_id) FROM replicas WHERE verified = 1")).trimmed(),
            QString::number(tree.files().size()));
        const auto [failed, lostCreates] = server.injectedFaults();
        QVERIFY2(failed > 5, qPrintable(QString::number(failed))); // the failures did happen
        qInfo().noquote()
            << QStringLiteral("%1 faults injected, %2 creates without an answer").arg(failed).arg(lostCreates);
    }
};

QTEST_GUILESS_MAIN(TestCliPlanning)
#include "tst_cliplanning.moc"
