// A run that ends with a conflict (a frame re-acquired in place: same name,
// other bytes than MyTardis holds) still says so after the tray app is
// started again: the status bar's sentence comes back from last_run.json and
// the Tasks tab's past run from run_history.jsonl, both with the conflict.
#include "DataTree.h"
#include "GuiTestHome.h"
#include "SyncNowRuns.h"
#include "models/RunHistoryModel.h"
#include "models/TableSortFilter.h"
#include "settings/ConfigPaths.h"
#include "sync/RunHistory.h"
#include "windows/MainWindow.h"
#include "windows/TablePage.h"
#include "windows/TasksPage.h"

#include <QDateTime>
#include <QFile>
#include <QTest>

using namespace tardigrade;
using namespace tardigrade::test;
using namespace tardigrade::ui;

namespace {

QByteArray frameBytes(char fill)
{
    QByteArray bytes(64 * 1024, fill);
    bytes.replace(0, 12, "frame header");
    return bytes;
}

bool rewriteInPlace(const QString &path, const QByteArray &bytes, const QDateTime &when)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite) && f.write(bytes) == bytes.size() &&
           f.setFileTime(when, QFileDevice::FileModificationTime);
}

} // namespace

class TestConflictRestart : public QObject {
    Q_OBJECT

    GuiTestHome m_home;

private slots:
    void initTestCase() { QVERIFY(m_home.setUp()); }

    void aConflictIsStillSaidAfterARestart()
    {
        StandinProcess server;
        QVERIFY2(startForSyncNow(server), qPrintable(server.errorString()));
        const QString cfg = server.configPath();
        DataTree tree(server.dataDir());
        const QString frame = tree.writeBytes(QStringLiteral("testuser1/Run 1/frame_0001.tif"), frameBytes('A'));
        tree.writeBytes(QStringLiteral("testuser1/Run 1/notes.txt"), "notes stay as they were\n");
        QVERIFY(rewriteInPlace(frame, frameBytes('A'), QDateTime::currentDateTime().addSecs(-7200)));

        QString liveSentence;
        {
            GuiController app(cfg);
            app.start();
            SyncNowClicks clicks(app);
            QVERIFY(clicks.runToEnd()); // uploads both
            QVERIFY2(app.status()->state() == RunStatus::State::Idle, qPrintable(app.status()->statusLine()));
            // Acquired again in place: same size, other bytes, a later time.
            QVERIFY(rewriteInPlace(frame, frameBytes('B'), QDateTime::currentDateTime().addSecs(-3600)));
            QVERIFY(clicks.runToEnd());
            QCOMPARE(app.status()->lastSummary().openConflicts(), 1);
            liveSentence = app.status()->statusLine();
            QVERIFY2(liveSentence.startsWith(QStringLiteral("%1 was not uploaded: MyTardis holds a different file "
                                                            "under its name")
                                                 .arg(frame)),
                     qPrintable(liveSentence));
        }

        // The files beside the settings keep it ...
        const RunHistory::Loaded history = RunHistory::read(ConfigPaths::stateFilePath(cfg, StateFile::RunHistory));
        QCOMPARE(history.runs.size(), 2);
        QCOMPARE(history.runs.at(0).conflicts, 0);
        QCOMPARE(history.runs.at(1).conflicts, 1);

        // ... and the app started again says what it said before it quit.
        GuiController again(cfg);
        QVERIFY(again.status()->isRestored());
        QCOMPARE(again.status()->state(), RunStatus::State::Error);
        QCOMPARE(again.status()->statusLine(), liveSentence);
        const QAbstractItemModel *m = again.mainWindow()->tasksPage()->pastRuns()->proxy();
        QCOMPARE(m->rowCount(), 2);
        const auto cell = [m](int row, int column, int role = Qt::DisplayRole) {
            return m->index(row, column).data(role).toString();
        };
        QCOMPARE(cell(0, RunHistoryModel::Result), QStringLiteral("Finished"));
        QCOMPARE(cell(1, RunHistoryModel::Result), QStringLiteral("Finished, 1 in conflict"));
        QVERIFY2(cell(1, RunHistoryModel::Result, Qt::ToolTipRole)
                     .contains(QStringLiteral("1 in conflict with a different file of the same name on the server")),
                 qPrintable(cell(1, RunHistoryModel::Result, Qt::ToolTipRole)));
    }
};

QTEST_MAIN(TestConflictRestart)
#include "tst_conflictrestart.moc"
