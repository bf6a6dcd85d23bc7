// The run history beside the settings: a record per finished run with its
// trigger, counts and result; kept across restarts, bounded, rewritten
// atomically, and a damaged file costs its bad lines, never a crash.
#include "settings/ConfigPaths.h"
#include "sync/RunHistory.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;

namespace {

SyncSummary summary(int found, int uploaded)
{
    SyncSummary s;
    s.found = found;
    s.datasets = 2;
    s.alreadyVerified = found - uploaded;
    s.uploaded = uploaded;
    s.verified = uploaded;
    s.started = QDateTime(QDate(2026, 11, 29), QTime(2, 0), Qt::UTC);
    s.finished = s.started.addSecs(95);
    return s;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestRunHistory : public QObject {
    Q_OBJECT
private slots:
    void recordSaysHowTheRunEnded()
    {
        const RunRecord ok = RunRecord::of(summary(10, 3), QStringLiteral("Daily"));
        QCOMPARE(ok.result, RunRecord::Result::Finished);
        QCOMPARE(ok.trigger, QStringLiteral("Daily"));
        QCOMPARE(ok.found, 10);
        QCOMPARE(ok.alreadyVerified, 7);
        QCOMPARE(ok.uploaded, 3);
        QCOMPARE(ok.verified, 3);
        QVERIFY2(ok.sentence.startsWith(QLatin1String("Run finished: 10 files found")), qPrintable(ok.sentence));

        SyncSummary failures = summary(10, 3);
        failures.verified = 1;
        failures.failed = {FailedFile{QStringLiteral("/d/a"), QStringLiteral("HTTP 500")},
                           FailedFile{QStringLiteral("/d/b"), QStringLiteral("HTTP 500")}};
        const RunRecord f = RunRecord::of(failures, QStringLiteral("Sync Now"));
        QCOMPARE(f.result, RunRecord::Result::Failures);
        QCOMPARE(f.failed, 2);

        SyncSummary stopped = summary(10, 1);
        stopped.alreadyVerified = 1;
        stopped.cancelled = true;
        const RunRecord s = RunRecord::of(stopped, QStringLiteral("Timer"));
        QCOMPARE(s.result, RunRecord::Result::Stopped);
        QCOMPARE(s.left, 8); // 10 found, 1 verified before, 1 now

        SyncSummary fatal;
        fatal.fatalError = QStringLiteral("The API key was refused: check it under Settings, General.");
        const RunRecord x = RunRecord::of(fatal, QStringLiteral("On Startup"));
        QCOMPARE(x.result, RunRecord::Result::Failed);
        QVERIFY(x.sentence.contains(fatal.fatalError));
    }

    void roundTripsThroughTheFile()
    {
        QTemporaryDir dir;
        const QString file = ConfigPaths::stateFilePath(dir.filePath(QStringLiteral("MyData.cfg")), StateFile::RunHistory);
        QCOMPARE(QFileInfo(file).fileName(), QStringLiteral("run_history.jsonl"));
        QVERIFY(RunHistory::read(file).runs.isEmpty()); // none yet: empty, not an error
        QCOMPARE(RunHistory::read(file).damagedLines, 0);

        RunRecord first = RunRecord::of(summary(10, 3), QStringLiteral("Daily"));
        SyncSummary stopped = summary(5, 1);
        stopped.cancelled = true;
        RunRecord second = RunRecord::of(stopped, QStringLiteral("Sync Now"));
        QVERIFY(RunHistory::append(file, first));
        QVERIFY(RunHistory::append(file, second));

        const RunHistory::Loaded back = RunHistory::read(file);
        QCOMPARE(back.damagedLines, 0);
        QCOMPARE(back.runs.size(), 2);
        const RunRecord &a = back.runs.at(0);
        QCOMPARE(a.started, first.started);
        QCOMPARE(a.finished, first.finished);
        QCOMPARE(a.trigger, QStringLiteral("Daily"));
        QCOMPARE(a.found, 10);
        QCOMPARE(a.alreadyVerified, 7);
        QCOMPARE(a.uploaded, 3);
        QCOMPARE(a.verified, 3);
        QCOMPARE(a.result, RunRecord::Result::Finished);
        QCOMPARE(a.sentence, first.sentence);
        const RunRecord &b = back.runs.at(1);
        QCOMPARE(b.trigger, QStringLiteral("Sync Now"));
        QCOMPARE(b.result, RunRecord::Result::Stopped);
        QCOMPARE(b.left, second.left);
    }

    // Files in conflict (not uploaded: the server holds other bytes under
    // the name) are counted, kept in the file, and a line written before
    // the count was kept still reads, as none.
    void conflictsAreKeptAndOlderLinesStillRead()
    {
        SyncSummary s = summary(5, 2);
        s.conflicts = {ConflictFile{QStringLiteral("/d/u/Run/a.tif"), QStringLiteral("b1"), QStringLiteral("a1"), {}},
                       ConflictFile{QStringLiteral("/d/u/Run/b.tif"), QStringLiteral("b2"), QStringLiteral("a2"), {}},
                       ConflictFile{QStringLiteral("/d/u/Run/c.tif"), QStringLiteral("b3"), QStringLiteral("a3"),
                                    QStringLiteral("c (2).tif")}}; // uploaded as a version: not open
        const RunRecord r = RunRecord::of(s, QStringLiteral("Daily"));
        QCOMPARE(r.conflicts, 2);
        QCOMPARE(r.result, RunRecord::Result::Finished);
        QVERIFY2(r.sentence.contains(QStringLiteral("2 in conflict")), qPrintable(r.sentence));
        const auto back = RunHistory::fromJsonLine(RunHistory::toJsonLine(r));
        QVERIFY(back);
        QCOMPARE(back->conflicts, 2);

        const QByteArray older = R"({"already_verified":3,"failed":0,"finished":"2026-11-20T02:01:35.000Z",)"
                                 R"("found":5,"left":0,"result":"finished","sentence":"Run finished.",)"
                                 R"("started":"2026-11-20T02:00:00.000Z","trigger":"Daily","uploaded":2,"verified":2})";
        const auto old = RunHistory::fromJsonLine(older);
        QVERIFY(old);
        QCOMPARE(old->found, 5);
        QCOMPARE(old->conflicts, 0);
    }

    void keepsTheNewestRuns()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("run_history.jsonl"));
        // Written directly: 600 appends would rewrite the file 600 times.
        QByteArray lines;
        SyncSummary s = summary(1, 1);
        for (int i = 0; i < RunHistory::MaxRuns + 100; ++i) {
            s.started = s.started.addSecs(60);
            lines += RunHistory::toJsonLine(RunRecord::of(s, QStringLiteral("Timer"))) + '\n';
        }
        QVERIFY(writeFile(file, lines));
        QCOMPARE(RunHistory::read(file).runs.size(), RunHistory::MaxRuns);

        s.started = s.started.addSecs(60);
        QVERIFY(RunHistory::append(file, RunRecord::of(s, QStringLiteral("Sync Now"))));
        const RunHistory::Loaded back = RunHistory::read(file);
        QCOMPARE(back.runs.size(), RunHistory::MaxRuns);
        QCOMPARE(back.runs.last().trigger, QStringLiteral("Sync Now"));
        QCOMPARE(back.runs.last().started, s.started);
        // The oldest went: the first kept is the 102nd written.
        QCOMPARE(back.runs.first().started, summary(1, 1).started.addSecs(60 * 102));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count('\n'), RunHistory::MaxRuns);
    }

    void damagedFileIsAnEmptyHistoryAndStartsAfresh()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("run_history.jsonl"));
        QByteArray junk("\x00\x01garbage{\"started\":\n[1,2,3]\n{\"result\":\"finished\"}\n", 48);
        junk += QByteArray(5000, '\xff');
        QVERIFY(writeFile(file, junk));
        const RunHistory::Loaded loaded = RunHistory::read(file);
        QVERIFY(loaded.runs.isEmpty());
        QVERIFY(loaded.damagedLines > 0);

        int dropped = 0;
        QVERIFY(RunHistory::append(file, RunRecord::of(summary(4, 4), QStringLiteral("Sync Now")), &dropped));
        QCOMPARE(dropped, loaded.damagedLines);
        const RunHistory::Loaded afresh = RunHistory::read(file);
        QCOMPARE(afresh.damagedLines, 0);
        QCOMPARE(afresh.runs.size(), 1);
    }

    void aDamagedLineCostsOnlyItself()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("run_history.jsonl"));
        const QByteArray good = RunHistory::toJsonLine(RunRecord::of(summary(2, 2), QStringLiteral("Daily")));
        QVERIFY(writeFile(file, good + "\n" + good.left(good.size() / 2) + "\n" + good + "\n"));
        const RunHistory::Loaded loaded = RunHistory::read(file);
        QCOMPARE(loaded.runs.size(), 2);
        QCOMPARE(loaded.damagedLines, 1);
    }

    void unwritableFolderSaysSo()
    {
        QVERIFY(!RunHistory::append(QStringLiteral("/nonexistent-folder/run_history.jsonl"),
                                    RunRecord::of(summary(1, 1), QStringLiteral("Sync Now"))));
    }
};

QTEST_GUILESS_MAIN(TestRunHistory)
#include "tst_runhistory.moc"
