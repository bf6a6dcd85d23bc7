// "Tasks history after two runs": the tray app runs twice against the
// stand-in server (an upload, then a run with nothing left to do), quits,
// starts again, and the Tasks tab lists both runs with their counts.
#include "DataTree.h"
#include "GuiTestHome.h"
#include "SyncNowRuns.h"
#include "models/RunHistoryModel.h"
#include "models/TableSortFilter.h"
#include "windows/MainWindow.h"
#include "windows/TablePage.h"
#include "windows/TasksPage.h"

#include <QTest>

using namespace tardigrade;
using namespace tardigrade::test;
using namespace tardigrade::ui;

class TestTasksHistory : public QObject {
    Q_OBJECT

    GuiTestHome m_home;

private slots:
    void initTestCase() { QVERIFY(m_home.setUp()); }

    void historyAfterTwoRuns()
    {
        StandinProcess server;
        QVERIFY2(startForSyncNow(server), qPrintable(server.errorString()));
        const QString cfg = server.configPath();
        const DataTree tree = DataTree::hostile(server.dataDir());
        const int files = int(tree.files().size());
        {
            GuiController app(cfg);
            app.start();
            SyncNowClicks clicks(app);
            for (int run = 1; run <= 2; ++run) {
                QVERIFY(clicks.runToEnd());
                // Added live, as the run ends.
                QTRY_COMPARE(app.mainWindow()->tasksPage()->pastRuns()->proxy()->rowCount(), run);
            }
        }

        GuiController again(cfg);
        const QAbstractItemModel *m = again.mainWindow()->tasksPage()->pastRuns()->proxy();
        QCOMPARE(m->rowCount(), 2);
        const auto cell = [m](int row, int column) { return m->index(row, column).data().toString(); };
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(cell(row, RunHistoryModel::Trigger), QStringLiteral("Sync Now"));
            QCOMPARE(cell(row, RunHistoryModel::Found).toInt(), files);
            QCOMPARE(cell(row, RunHistoryModel::Failed).toInt(), 0);
            QCOMPARE(cell(row, RunHistoryModel::Result), QStringLiteral("Finished"));
            QVERIFY(!cell(row, RunHistoryModel::Started).isEmpty());
            QVERIFY(!cell(row, RunHistoryModel::Ended).isEmpty());
        }
        // The first uploaded everything; the second found it all there.
        QCOMPARE(cell(0, RunHistoryModel::Uploaded).toInt(), files);
        QCOMPARE(cell(0, RunHistoryModel::Verified).toInt(), files);
        QCOMPARE(cell(1, RunHistoryModel::Uploaded).toInt(), 0);
        const QString sentence = m->index(1, RunHistoryModel::Result).data(Qt::ToolTipRole).toString();
        QVERIFY2(sentence.contains(QStringLiteral("%1 already verified").arg(files)), qPrintable(sentence));
    }
};

QTEST_MAIN(TestTasksHistory)
#include "tst_taskshistory.moc"
