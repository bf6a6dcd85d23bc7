// The Test Run window: the plan as a tree (owner, experiment, dataset,
// files) with counts, a dataset's verified files folded into one row, Save
// As… and Copy only once there is a report, the heading's time the
// report's, and the engine's tree reaching the window through the app.
#include "app/EngineHost.h"
#include "app/GuiController.h"
#include "sync/Engine.h"
#include "sync/TestRunReport.h"
#include "sync/TestRunTree.h"
#include "util/TimeText.h"
#include "windows/TestRunTreeView.h"
#include "windows/TestRunWindow.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;
using namespace tardigrade::ui;

namespace {

PlannedFile file(const QString &name, FileDecision decision, qint64 size, const QString &reason = {})
{
    PlannedFile f;
    f.directory = QStringLiteral("Movies");
    f.name = name;
    f.absolutePath = QStringLiteral("/data/") + name;
    f.size = size;
    f.decision = decision;
    f.reason = reason;
    return f;
}

PlannedDataset dataset(const QString &owner, const QString &experiment, const QString &name)
{
    PlannedDataset d;
    d.path = QStringLiteral("/data/%1/%2").arg(owner, name);
    d.ownerFolder = owner;
    d.ownerKind = QStringLiteral("username");
    d.ownerResolved = owner;
    d.experimentTitle = experiment;
    d.experimentAction = CatalogueAction::Reuse;
    d.experimentId = 12;
    d.datasetName = name;
    d.datasetAction = CatalogueAction::WouldCreate;
    return d;
}

// alice: one experiment, two datasets (one new, one mostly verified); bob:
// one dataset. 10 files found, 5 to upload or resume, 5 already verified.
Plan samplePlan()
{
    Plan plan;
    plan.uploadMethod = QStringLiteral("post");
    plan.notes << QStringLiteral("instrument \"Krios\" would be created");
    PlannedDataset a1 = dataset(QStringLiteral("alice"), QStringLiteral("Krios - alice"), QStringLiteral("grid1"));
    a1.files << file(QStringLiteral("a.tif"), FileDecision::Upload, 1000)
             << file(QStringLiteral("b.tif"), FileDecision::Upload, 2000)
             << file(QStringLiteral("c.tif"), FileDecision::AlreadyVerified, 4000);
    PlannedDataset a2 = dataset(QStringLiteral("alice"), QStringLiteral("Krios - alice"), QStringLiteral("grid2"));
    a2.datasetAction = CatalogueAction::Reuse;
    a2.datasetId = 4711;
    for (int i = 0; i < 3; ++i)
        a2.files << file(QStringLiteral("v%1.tif").arg(i), FileDecision::AlreadyVerified, 100);
    a2.files << file(QStringLiteral("r.tif"), FileDecision::Resume, 500)
             << file(QStringLiteral("new.tif"), FileDecision::Skipped, 10,
                     QStringLiteral("modified less than 5 minutes ago"));
    PlannedDataset b1 = dataset(QStringLiteral("bob"), QStringLiteral("Krios - bob"), QStringLiteral("grid1"));
    b1.files << file(QStringLiteral("x.tif"), FileDecision::Upload, 3000)
             << file(QStringLiteral("y.tif"), FileDecision::Upload, 3000)
             << file(QStringLiteral("z.tif"), FileDecision::AlreadyVerified, 1);
    plan.datasets << a1 << b1 << a2; // alice's datasets need not be adjacent
    return plan;
}

QStringList childNames(const QTreeWidgetItem *item)
{
    QStringList names;
    for (int i = 0; i < item->childCount(); ++i)
        names << item->child(i)->text(TestRunTreeView::NameColumn);
    return names;
}

const QDateTime kWhen(QDate(2026, 11, 24), QTime(5, 12, 9));

} // namespace

class TestTestRunWindow : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void theTreeGroupsOwnerExperimentDatasetWithCounts()
    {
        const TestRunTree tree = TestRunTree::fromPlan(samplePlan(), kWhen);
        QCOMPARE(tree.counts.found(), 10);
        QCOMPARE(tree.counts.toSend(), 5);
        QCOMPARE(tree.counts.skipped, 1);

        TestRunWindow w;
        w.setTree(tree);
        w.setReport(renderTestRunReport(samplePlan(), kWhen));
        const QTreeWidget *view = w.treeView();
        QCOMPARE(view->topLevelItemCount(), 2);
        const QTreeWidgetItem *alice = view->topLevelItem(0);
        QCOMPARE(alice->text(TestRunTreeView::NameColumn), QStringLiteral("alice"));
        QCOMPARE(alice->text(TestRunTreeView::ActionColumn), QStringLiteral("user alice on MyTardis"));
        QCOMPARE(alice->text(TestRunTreeView::FilesColumn), QStringLiteral("7 (+1 skipped)"));
        QCOMPARE(alice->text(TestRunTreeView::ToUploadColumn), QStringLiteral("3 (3.5 kB)"));

        QCOMPARE(alice->childCount(), 1);
        const QTreeWidgetItem *experiment = alice->child(0);
        QCOMPARE(experiment->text(TestRunTreeView::NameColumn), QStringLiteral("Krios - alice"));
        QCOMPARE(experiment->text(TestRunTreeView::ActionColumn), QStringLiteral("exists (#12)"));
        QCOMPARE(childNames(experiment), (QStringList{QStringLiteral("grid1"), QStringLiteral("grid2")}));

        const QTreeWidgetItem *grid1 = experiment->child(0);
        QCOMPARE(grid1->text(TestRunTreeView::ActionColumn), QStringLiteral("would be created"));
        QCOMPARE(grid1->text(TestRunTreeView::FilesColumn), QStringLiteral("3"));
        QCOMPARE(grid1->text(TestRunTreeView::ToUploadColumn), QStringLiteral("2 (3.0 kB)"));
        QCOMPARE(childNames(grid1), (QStringList{QStringLiteral("Movies/a.tif"), QStringLiteral("Movies/b.tif"),
                                                 QStringLiteral("Already verified")}));
        QCOMPARE(grid1->child(0)->text(TestRunTreeView::ActionColumn), QStringLiteral("upload"));
        QCOMPARE(grid1->child(0)->text(TestRunTreeView::ToUploadColumn), QStringLiteral("1.0 kB"));

        const QTreeWidgetItem *bob = view->topLevelItem(1);
        QCOMPARE(bob->text(TestRunTreeView::FilesColumn), QStringLiteral("3"));
        QCOMPARE(bob->text(TestRunTreeView::ToUploadColumn), QStringLiteral("2 (6.0 kB)"));
    }

    void verifiedFilesFoldIntoOneRowPerDataset()
    {
        TestRunWindow w;
        w.setTree(TestRunTree::fromPlan(samplePlan(), kWhen));
        const QTreeWidgetItem *grid2 = w.treeView()->topLevelItem(0)->child(0)->child(1);
        QCOMPARE(grid2->text(TestRunTreeView::NameColumn), QStringLiteral("grid2"));
        QCOMPARE(grid2->text(TestRunTreeView::ActionColumn), QStringLiteral("exists (#4711)"));
        // Three verified files are one row; the resumed and the skipped file
        // are rows of their own, the skipped one with its reason.
        QCOMPARE(childNames(grid2), (QStringList{QStringLiteral("Movies/r.tif"), QStringLiteral("Movies/new.tif"),
                                                 QStringLiteral("Already verified")}));
        const QTreeWidgetItem *fold = grid2->child(2);
        QCOMPARE(fold->text(TestRunTreeView::FilesColumn), QStringLiteral("3"));
        QCOMPARE(fold->childCount(), 0);
        QCOMPARE(grid2->child(1)->text(TestRunTreeView::ActionColumn),
                 QStringLiteral("skipped: modified less than 5 minutes ago"));
        QCOMPARE(grid2->child(0)->text(TestRunTreeView::ActionColumn), QStringLiteral("resume the upload"));
        // Every dataset with verified files has its one row, and no file
        // row says "already verified".
        int folds = 0;
        for (QTreeWidgetItemIterator it(w.treeView()); *it; ++it) {
            QVERIFY((*it)->text(TestRunTreeView::ActionColumn) != QLatin1String("already verified"));
            folds += (*it)->text(TestRunTreeView::NameColumn) == QLatin1String("Already verified");
        }
        QCOMPARE(folds, 3);
    }

    // A frame re-acquired in place: its row says conflict with both
    // checksums, it counts as found but not to upload, and the totals say so.
    void aConflictIsARowWithBothChecksums()
    {
        Plan plan = samplePlan();
        const QString reason = QStringLiteral("MyTardis holds another file under this name (MD5 "
                                              "0123 there, 4567 here); rename the local file to upload it");
        plan.datasets[2].files << file(QStringLiteral("frame.tif"), FileDecision::Conflict, 700, reason);
        const TestRunTree tree = TestRunTree::fromPlan(plan, kWhen);
        QCOMPARE(tree.counts.conflict, 1);
        QCOMPARE(tree.counts.found(), 11);
        QCOMPARE(tree.counts.toSend(), 5);

        TestRunWindow w;
        w.setTree(tree);
        w.setReport(renderTestRunReport(plan, kWhen));
        const QTreeWidgetItem *grid2 = w.treeView()->topLevelItem(0)->child(0)->child(1);
        const QTreeWidgetItem *row = grid2->child(2);
        QCOMPARE(row->text(TestRunTreeView::NameColumn), QStringLiteral("Movies/frame.tif"));
        QCOMPARE(row->text(TestRunTreeView::ActionColumn), QStringLiteral("conflict, not uploaded: ") + reason);
        QVERIFY(row->text(TestRunTreeView::ToUploadColumn).isEmpty());
        QVERIFY2(w.checksText().contains(QStringLiteral("1 in conflict")), qPrintable(w.checksText()));
        QVERIFY2(w.checksText().contains(QStringLiteral("different file under the name of one local file")),
                 qPrintable(w.checksText()));
        QVERIFY2(w.reportText().contains(QStringLiteral("conflict          Movies/frame.tif (700 bytes): ") + reason),
                 qPrintable(w.reportText()));
        QVERIFY(w.reportText().contains(QStringLiteral("  conflicts: 1 (")));
    }

    void saveAndCopyWaitForTheReport()
    {
        TestRunWindow w;
        QVERIFY(w.isWaiting());
        QVERIFY(!w.saveButton()->isEnabled());
        QVERIFY(!w.copyButton()->isEnabled());
        w.setTree(TestRunTree::fromPlan(samplePlan(), kWhen));
        QVERIFY(!w.saveButton()->isEnabled()); // the tree alone is not the report

        const QString report = renderTestRunReport(samplePlan(), kWhen);
        w.setReport(report);
        QVERIFY(!w.isWaiting());
        QVERIFY(w.saveButton()->isEnabled());
        QVERIFY(w.copyButton()->isEnabled());
        const QString path = m_dir.filePath(QStringLiteral("report.txt"));
        QVERIFY(w.saveTo(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
        QCOMPARE(QString::fromUtf8(f.readAll()), report);
        w.copyButton()->click();
        QCOMPARE(QApplication::clipboard()->text(), report);

        // A new run: nothing to save until its report comes.
        w.setRunning();
        QVERIFY(!w.saveButton()->isEnabled());
        QVERIFY(!w.copyButton()->isEnabled());
        w.setEndedWithoutReport(QStringLiteral("The MyTardis URL is empty."));
        QVERIFY(!w.saveButton()->isEnabled());
        QVERIFY(!w.copyButton()->isEnabled());
    }

    void headingAndReportShareOneTime()
    {
        TestRunWindow w;
        w.setTree(TestRunTree::fromPlan(samplePlan(), kWhen));
        const QString report = renderTestRunReport(samplePlan(), kWhen);
        w.setReport(report);
        const QString time = localTimeText(kWhen);
        QCOMPARE(time, QStringLiteral("Tue 2026-11-24 05:12")); // the one format of the GUI, logs and reports
        QVERIFY2(w.heading().contains(time), qPrintable(w.heading()));
        QCOMPARE(report.section(QLatin1Char('\n'), 0, 0), QStringLiteral("Tardigrade Test Run, ") + time);
    }

    // A settings problem is why `upload` would not start: the window says
    // so, as `tardigrade test-run` does with exit code 1.
    void aSettingsProblemGivesTheUploadsVerdict()
    {
        Plan plan = samplePlan();
        TestRunWindow ok;
        ok.setTree(TestRunTree::fromPlan(plan, kWhen));
        QVERIFY(!ok.checksText().contains(QStringLiteral("would not start")));
        plan.settingsProblems << QStringLiteral("The contact name (contact_name) is empty: enter it.");
        TestRunWindow w;
        w.setTree(TestRunTree::fromPlan(plan, kWhen));
        QVERIFY2(w.checksText().contains(QStringLiteral("an upload with these settings would not start: fix the "
                                                        "problem above first.")),
                 qPrintable(w.checksText()));
    }

    // Files and folders that cannot be read: counted found (and not also
    // skipped), named, and the verdict says the upload would fail on them,
    // as `tardigrade test-run` ends with exit code 2.
    void whatCannotBeReadGivesTheUploadsVerdict()
    {
        Plan plan = samplePlan();
        const QString fileSentence = QStringLiteral("/data/locked.tif cannot be read (Permission denied): give the "
                                                    "user running Tardigrade permission to read it; the next run "
                                                    "uploads it.");
        plan.datasets[2].files << file(QStringLiteral("locked.tif"), FileDecision::Skipped, 0,
                                       QStringLiteral("cannot be read: Permission denied"));
        plan.unreadable << FailedFile{QStringLiteral("/data/locked.tif"), fileSentence}
                        << FailedFile{QStringLiteral("/data/bob/closed"),
                                      QStringLiteral("The folder /data/bob/closed cannot be read (Permission denied), "
                                                     "so none of its files are uploaded: give the user running "
                                                     "Tardigrade permission to read it; the next run uploads them.")};
        TestRunWindow w;
        w.setTree(TestRunTree::fromPlan(plan, kWhen));
        const QString checks = w.checksText();
        QVERIFY2(checks.contains(QStringLiteral("Files found: 12 in 3 datasets")), qPrintable(checks));
        QVERIFY2(checks.contains(QStringLiteral("1 skipped, 2 cannot be read")), qPrintable(checks));
        QVERIFY2(checks.contains(fileSentence.toHtmlEscaped()), qPrintable(checks));
        QVERIFY2(checks.contains(QStringLiteral("an upload would send the rest but not the 2 files or folders it "
                                                "cannot read")),
                 qPrintable(checks));
        plan.settingsProblems << QStringLiteral("The contact name (contact_name) is empty: enter it.");
        TestRunWindow notStarting; // the settings' verdict alone: the upload would not start at all
        notStarting.setTree(TestRunTree::fromPlan(plan, kWhen));
        QVERIFY(!notStarting.checksText().contains(QStringLiteral("would send the rest")));
    }

    // The engine's tree and report reach the app's window in that order.
    void theAppShowsTheEnginesTree()
    {
        GuiController app(m_dir.filePath(QStringLiteral("app/MyData.cfg")));
        Engine *engine = app.engineHost()->engine();
        emit engine->testRunTree(TestRunTree::fromPlan(samplePlan(), kWhen));
        emit engine->testRunReport(renderTestRunReport(samplePlan(), kWhen));
        QTRY_VERIFY(app.testRunWindow() && app.testRunWindow()->saveButton()->isEnabled());
        const TestRunWindow *w = app.testRunWindow();
        QVERIFY(w->isVisible());
        QCOMPARE(w->treeView()->topLevelItemCount(), 2);
        QVERIFY(w->heading().contains(localTimeText(kWhen)));
    }
};

QTEST_MAIN(TestTestRunWindow)
#include "tst_testrunwindow.moc"
