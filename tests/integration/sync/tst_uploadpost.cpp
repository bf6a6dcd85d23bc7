// End to end over HTTP POST: the real tardigrade binary against the real
// stand-in server (staging not approved, so uploads fall back to POST).
#include "CatalogueCheck.h"
#include "CliRun.h"
#include "DataTree.h"
#include "StandinProcess.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace tardigrade::test;

class TestUploadPost : public QObject {
    Q_OBJECT
private:
    QMap<QString, QString> baseOverrides(const StandinProcess &server) const
    {
        return {{QStringLiteral("data_directory"), server.dataDir()},
                {QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                {QStringLiteral("verification_delay"), QStringLiteral("0")},
                {QStringLiteral("max_upload_threads"), QStringLiteral("4")}};
    }
    static int countMethods(const QList<QJsonObject> &requests, const QString &method, const QString &pathPart = {})
    {
        int n = 0;
        for (const QJsonObject &r : requests)
            n += r.value(QStringLiteral("method")).toString() == method &&
                 r.value(QStringLiteral("path")).toString().contains(pathPart);
        return n;
    }

private slots:
    void uploadsEveryFileVerifiedThenNothingTwice()
    {
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const DataTree tree = DataTree::hostile(server.dataDir());
        const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        QVERIFY(server.writeConfig(cfg, baseOverrides(server)));

        const CliResult first = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));
        const QJsonObject summary = first.json().object();
        QCOMPARE(summary.value(QStringLiteral("found")).toInt(), tree.files().size());
        QCOMPARE(summary.value(QStringLiteral("uploaded")).toInt(), tree.files().size());
        QCOMPARE(summary.value(QStringLiteral("verified")).toInt(), tree.files().size());
        QVERIFY(summary.value(QStringLiteral("failed")).toArray().isEmpty());
        QVERIFY2(first.err.contains("HTTP POST"), "the fall-back to HTTP POST is said once");
        const QString problems = checkCatalogue(server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        // The run is in the history, as the tray app's runs are.
        const CliResult history = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg,
                                                {QStringLiteral("history"), QStringLiteral("--json")});
        QVERIFY2(history.exitCode == 0, qPrintable(history.describe()));
        const QJsonArray runs = history.json().array();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.at(0).toObject().value(QStringLiteral("trigger")).toString(), QStringLiteral("tardigrade upload"));
        QCOMPARE(runs.at(0).toObject().value(QStringLiteral("uploaded")).toInt(), tree.files().size());
        QCOMPARE(runs.at(0).toObject().value(QStringLiteral("result")).toString(), QStringLiteral("finished"));

        // The local data is never modified.
        for (auto it = tree.files().cbegin(); it != tree.files().cend(); ++it)
            QCOMPARE(DataTree::md5OfFile(tree.root() + QLatin1Char('/') + it.key()), it.value());

        const int postsBefore = countMethods(server.requests(), QStringLiteral("POST"));
        const int listingsBefore = countMethods(server.requests(), QStringLiteral("GET"), QStringLiteral("mydata_dataset_file"));
        const CliResult second = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY2(second.exitCode == 0, qPrintable(second.describe()));
        QCOMPARE(second.json().object().value(QStringLiteral("uploaded")).toInt(), 0);
        QCOMPARE(second.json().object().value(QStringLiteral("already_verified")).toInt(), tree.files().size());
        QCOMPARE(countMethods(server.requests(), QStringLiteral("POST")), postsBefore);
        // What the first run saw verified went into the lookup cache: no listing, no per-file question.
        QCOMPARE(countMethods(server.requests(), QStringLiteral("GET"), QStringLiteral("mydata_dataset_file")), listingsBefore);
    }

    void testRunSendsNothingThatWrites()
    {
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const DataTree tree = DataTree::hostile(server.dataDir());
        const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        QVERIFY(server.writeConfig(cfg, baseOverrides(server)));
        const QString report = server.tempPath() + QStringLiteral("/report.txt");

        const CliResult run = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg,
                                            {QStringLiteral("test-run"), QStringLiteral("--output"), report});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QFile f(report);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY2(text.contains(QStringLiteral("experiment \"Test Instrument - Test User1\": would create")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("résumé – ünïcödé 日本.txt")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("files: %1 found, %1 to upload").arg(tree.files().size())), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Instrument \"Test Instrument\" does not exist")));

        const QList<QJsonObject> requests = server.requests();
        QVERIFY(requests.size() > 3);
        for (const QJsonObject &r : requests)
            QVERIFY2(r.value(QStringLiteral("method")).toString() == QLatin1String("GET"),
                     qPrintable(QStringLiteral("a Test Run sent %1 %2").arg(r.value(QStringLiteral("method")).toString(),
                                                                           r.value(QStringLiteral("path")).toString())));
        const QJsonObject dump = server.dump();
        QVERIFY(dump.value(QStringLiteral("experiments")).toArray().isEmpty());
        QVERIFY(dump.value(QStringLiteral("datafiles")).toArray().isEmpty());
    }

    // An upload refuses to start on any settings problem; the Test Run with
    // the same settings says so and fails the same way, each sentence once.
    void testRunAndUploadAgreeOnASettingsProblem()
    {
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        DataTree::hostile(server.dataDir());
        const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        QMap<QString, QString> overrides = baseOverrides(server);
        overrides.insert(QStringLiteral("contact_name"), QString());
        QVERIFY(server.writeConfig(cfg, overrides));
        const QString problem = QStringLiteral("The contact name (contact_name) is empty");

        const CliResult upload = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload")});
        QCOMPARE(upload.exitCode, 1);
        QCOMPARE(QString::fromUtf8(upload.err).count(problem), 1);

        const QString report = server.tempPath() + QStringLiteral("/report.txt");
        const CliResult testRun = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg,
                                                {QStringLiteral("test-run"), QStringLiteral("--output"), report});
        QCOMPARE(testRun.exitCode, 1);
        const QString err = QString::fromUtf8(testRun.err);
        QCOMPARE(err.count(problem), 1);
        QVERIFY2(err.contains(QStringLiteral("An upload with these settings would not start")), qPrintable(err));
        QFile f(report);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY2(text.contains(QStringLiteral("  PROBLEM: ") + problem), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("  VERDICT: An upload with these settings would not start")),
                 qPrintable(text));
    }

    void serverFailuresStillEndVerified()
    {
#ifdef TARDIGRADE_PORTABLE_IO
        QSKIP("retries are catalogue code both variants share: the POSIX variant runs this");
#endif
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--fail-rate"), QStringLiteral("0.2"), QStringLiteral("--fail-seed"),
                               QStringLiteral("7")}),
                 qPrintable(server.errorString()));
        const DataTree tree = DataTree::hostile(server.dataDir());
        const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        auto overrides = baseOverrides(server);
        overrides.insert(QStringLiteral("max_upload_retries"), QStringLiteral("3"));
        QVERIFY(server.writeConfig(cfg, overrides));

        const CliResult run = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QString problems = checkCatalogue(server.dump(), tree);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        // Some requests really failed on the way.
        int failures = 0;
        for (const QJsonObject &r : server.requests())
            failures += r.value(QStringLiteral("status")).toInt() >= 500 || r.value(QStringLiteral("status")).toInt() == 0;
        QVERIFY(failures > 0);
    }

    // bytes_read_local counts POST's reads too: HTTP needs the MD5 before
    // the bytes (it is in the request's JSON part), so each byte is read
    // twice, once to hash and once as the body streams from disk.
    void postReadsEachByteOnceToHashAndOnceToSend()
    {
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        DataTree tree(server.dataDir());
        const qint64 size = (qint64(3) << 20) + 11;
        tree.write(QStringLiteral("testuser1/Posted/frames.raw"), size);
        const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        QVERIFY(server.writeConfig(cfg, baseOverrides(server)));

        const CliResult run =
            runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject summary = run.json().object();
        QCOMPARE(summary.value(QStringLiteral("verified")).toInt(), 1);
        QCOMPARE(summary.value(QStringLiteral("bytes_read_local")).toInteger(), 2 * size);
    }

    // Staging not approved and the server has the chunk API: a large file
    // goes in checksummed chunks, and a chunk whose connection dropped is
    // sent again alone instead of the whole file; small files stay on POST.
    void largeFilesGoInResumableChunks()
    {
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--fail-path"), QStringLiteral("^POST /api/v1/mydata_upload/\\d+/upload/$"),
                               QStringLiteral("--fail-first"), QStringLiteral("1"), QStringLiteral("--fail-mode"),
                               QStringLiteral("drop")}),
                 qPrintable(server.errorString()));
        const QString dir = server.dataDir() + QStringLiteral("/testuser1/Big Run");
        QVERIFY(QDir().mkpath(dir));
        const qint64 bigSize = 25 * 1024 * 1024 + 7; // three chunks of the stand-in's 10 MiB
        {
            QFile big(dir + QStringLiteral("/big.raw"));
            QVERIFY(big.open(QIODevice::WriteOnly));
            QByteArray block(1 << 20, '\0');
            for (qint64 done = 0; done < bigSize; done += block.size()) {
                block[0] = char(done >> 20);
                big.write(block.left(int(qMin<qint64>(block.size(), bigSize - done))));
            }
            QFile small(dir + QStringLiteral("/notes.txt"));
            QVERIFY(small.open(QIODevice::WriteOnly));
            small.write("small files go by POST\n");
        }
        const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        QVERIFY(server.writeConfig(cfg, baseOverrides(server)));
        qputenv("TARDIGRADE_CHUNKED_ABOVE", QByteArray::number(1 << 20));
        const CliResult run = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload"), QStringLiteral("--json")});
        qunsetenv("TARDIGRADE_CHUNKED_ABOVE");
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(run.json().object().value(QStringLiteral("verified")).toInt(), 2);
        QCOMPARE(run.json().object().value(QStringLiteral("bytes_uploaded")).toInteger(), bigSize + 23);
        // Each byte read twice, to hash and to send, the POSTed one too; the
        // dropped chunk is sent again from memory.
        QCOMPARE(run.json().object().value(QStringLiteral("bytes_read_local")).toInteger(), 2 * (bigSize + 23));
        const QList<QJsonObject> requests = server.requests();
        // Three chunks, the dropped one sent twice: never the whole file again.
        QCOMPARE(countMethods(requests, QStringLiteral("POST"), QStringLiteral("/upload/")), 4);
        QCOMPARE(countMethods(requests, QStringLiteral("GET"), QStringLiteral("/complete/")), 1);
        // One registration (big.raw) and one POST upload (notes.txt).
        QCOMPARE(countMethods(requests, QStringLiteral("POST"), QStringLiteral("mydata_dataset_file")), 2);
    }

    void settingsPushedByTheServerAreAppliedAtTheStartOfARun()
    {
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        DataTree tree(server.dataDir());
        tree.write(QStringLiteral("testuser1/Dataset 1/a.txt"), 10);
        const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        QVERIFY(server.writeConfig(cfg, baseOverrides(server)));
        const CliResult first = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload")});
        QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));

        // A facility manager changes this installation's settings on the server.
        bool ok = false;
        server.sql(QStringLiteral("INSERT OR REPLACE INTO uploader_settings (uploader_id, key, value) "
                                  "SELECT id, 'max_upload_threads', '2' FROM uploaders"), &ok);
        QVERIFY(ok);
        server.sql(QStringLiteral("INSERT OR REPLACE INTO uploader_settings (uploader_id, key, value) "
                                  "SELECT id, 'contact_name', 'Central Config' FROM uploaders"), &ok);
        QVERIFY(ok);
        const QString later = QDateTime::currentDateTime().addSecs(60).toString(Qt::ISODateWithMs);
        server.sql(QStringLiteral("UPDATE uploaders SET settings_updated = '%1'").arg(later), &ok);
        QVERIFY(ok);

        const CliResult second = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload")});
        QVERIFY2(second.exitCode == 0, qPrintable(second.describe()));
        QVERIFY2(second.out.contains("applied: max_upload_threads, contact_name") ||
                     second.out.contains("applied: contact_name, max_upload_threads"),
                 qPrintable(second.describe()));
        const CliResult threads = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg,
                                                {QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("max_upload_threads")});
        QCOMPARE(threads.out.trimmed(), QByteArray("2"));
        const CliResult contact = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg,
                                                {QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("contact_name")});
        QCOMPARE(contact.out.trimmed(), QByteArray("Central Config"));
    }

    void wrongKeyIsOneSentenceAndExitOne()
    {
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QString cfg = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        auto overrides = baseOverrides(server);
        overrides.insert(QStringLiteral("api_key"), QStringLiteral("wrong"));
        QVERIFY(server.writeConfig(cfg, overrides));
        const CliResult run = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("upload")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("API key"), qPrintable(run.describe()));
    }
};

QTEST_GUILESS_MAIN(TestUploadPost)
#include "tst_uploadpost.moc"
