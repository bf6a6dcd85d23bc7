// The main window's tables sort by a click on a header (sizes as numbers,
// not as text), keep that order while the run updates rows, and each tab's
// search box hides the rows that do not match and gives them back when
// cleared. All through the window's own views, as a user sees them.
#include "app/AppActions.h"
#include "app/RunStatus.h"
#include "models/RunModels.h"
#include "models/TableSortFilter.h"
#include "windows/EventTableView.h"
#include "windows/MainWindow.h"
#include "windows/TablePage.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;
using namespace tardigrade::ui;

namespace {

FileEvent file(const QString &path, const QString &dataset, qint64 size)
{
    FileEvent e;
    e.path = path;
    e.dataset = dataset;
    e.state = FileState::Transferring;
    e.size = size;
    e.done = size / 2;
    return e;
}

DatasetEvent folder(const QString &path, qint64 bytes)
{
    return {path, QStringLiteral("alice"), QStringLiteral("Krios"), path.section(QLatin1Char('/'), -1), 3, 0, bytes,
            QStringLiteral("created")};
}

// The column's texts from top to bottom, as the view shows them.
QStringList column(const EventTableView *view, int col)
{
    QStringList out;
    const QAbstractItemModel *m = view->model();
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->index(r, col).data().toString();
    return out;
}

void clickHeader(EventTableView *view, int section)
{
    QHeaderView *header = view->horizontalHeader();
    const QPoint at(header->sectionViewportPosition(section) + header->sectionSize(section) / 2, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
}

} // namespace

class TestTableSortFilter : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Rig {
        RunStatus status;
        RunModels models;
        AppActions actions;
        MainWindow window;
        Rig() : window(&actions, &models, status)
        {
            window.resize(1000, 600);
            window.show();
        }
    };

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("xdg")).toLocal8Bit());
        QCoreApplication::setOrganizationName(QStringLiteral("TardigradeTest"));
    }

    // The windows remember each table's sort (QSettings): every case starts
    // from the run's order, not from the last case's clicks.
    void init() { QSettings().remove(QStringLiteral("MainWindow")); }

    // "2.0 MB" sorts before "900.0 kB" as text; as bytes it comes after.
    void sizesSortAsNumbers()
    {
        Rig rig;
        rig.models.onFileChanged(file(QStringLiteral("a/two.tif"), QStringLiteral("ds"), 2'000'000));
        rig.models.onFileChanged(file(QStringLiteral("a/nine.tif"), QStringLiteral("ds"), 900'000));
        rig.models.onFileChanged(file(QStringLiteral("a/fifteen.tif"), QStringLiteral("ds"), 15'000'000));
        rig.window.showTab(MainWindow::UploadsTab);
        EventTableView *view = rig.window.table(MainWindow::UploadsTab);
        // Until a header is clicked: the run's order.
        QCOMPARE(column(view, UploadTableModel::File),
                 QStringList({QStringLiteral("a/two.tif"), QStringLiteral("a/nine.tif"), QStringLiteral("a/fifteen.tif")}));

        clickHeader(view, UploadTableModel::Size);
        QCOMPARE(column(view, UploadTableModel::Size),
                 QStringList({QStringLiteral("900.0 kB"), QStringLiteral("2.0 MB"), QStringLiteral("15.0 MB")}));
        // The progress bars read their percentage through the view's model.
        QCOMPARE(view->model()->index(0, UploadTableModel::Progress).data(UploadTableModel::PercentRole).toInt(), 50);

        clickHeader(view, UploadTableModel::Size);
        QCOMPARE(column(view, UploadTableModel::Size),
                 QStringList({QStringLiteral("15.0 MB"), QStringLiteral("2.0 MB"), QStringLiteral("900.0 kB")}));
        clickHeader(view, UploadTableModel::Size); // third click: the run's order again
        QCOMPARE(column(view, UploadTableModel::File),
                 QStringList({QStringLiteral("a/two.tif"), QStringLiteral("a/nine.tif"), QStringLiteral("a/fifteen.tif")}));

        // The Folders tab too.
        rig.models.onDatasetChanged(folder(QStringLiteral("alice/big"), 2'000'000));
        rig.models.onDatasetChanged(folder(QStringLiteral("alice/small"), 900'000));
        rig.window.showTab(MainWindow::FoldersTab);
        EventTableView *folders = rig.window.table(MainWindow::FoldersTab);
        clickHeader(folders, DatasetTableModel::Size);
        QCOMPARE(column(folders, DatasetTableModel::Folder),
                 QStringList({QStringLiteral("alice/small"), QStringLiteral("alice/big")}));
    }

    // Rows change all through a run: the clicked order holds for updated
    // and new rows.
    void sortHoldsWhileRowsUpdate()
    {
        Rig rig;
        rig.models.onDatasetChanged(folder(QStringLiteral("alice/a"), 1'000'000));
        rig.models.onDatasetChanged(folder(QStringLiteral("alice/b"), 5'000'000));
        rig.models.onDatasetChanged(folder(QStringLiteral("alice/c"), 3'000'000));
        EventTableView *view = rig.window.table(MainWindow::FoldersTab);
        clickHeader(view, DatasetTableModel::Size);
        QCOMPARE(column(view, DatasetTableModel::Folder),
                 QStringList({QStringLiteral("alice/a"), QStringLiteral("alice/c"), QStringLiteral("alice/b")}));

        rig.models.onDatasetChanged(folder(QStringLiteral("alice/a"), 9'000'000)); // grew: now the biggest
        rig.models.onDatasetChanged(folder(QStringLiteral("alice/d"), 4'000'000)); // new, between c and b
        QCOMPARE(column(view, DatasetTableModel::Folder),
                 QStringList({QStringLiteral("alice/c"), QStringLiteral("alice/d"), QStringLiteral("alice/b"),
                              QStringLiteral("alice/a")}));
        QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), int(DatasetTableModel::Size));
    }

    void filterHidesRowsAndClears()
    {
        Rig rig;
        rig.models.onFileChanged(file(QStringLiteral("alice/grid1/a.tif"), QStringLiteral("grid1"), 100));
        rig.models.onFileChanged(file(QStringLiteral("alice/grid2/b.tif"), QStringLiteral("grid2"), 100));
        rig.models.onFileChanged(file(QStringLiteral("bob/run/c.tif"), QStringLiteral("Grid2 again"), 100));
        rig.window.showTab(MainWindow::UploadsTab);
        TablePage *page = rig.window.page(MainWindow::UploadsTab);
        EventTableView *view = page->view();
        QVERIFY(!page->filterEdit()->placeholderText().isEmpty());

        // Ctrl+F goes to the shown tab's box, also from the tab bar.
        QVERIFY(QTest::qWaitForWindowActive(&rig.window));
        rig.window.tabs()->tabBar()->setFocus();
        QTest::keyClick(rig.window.tabs()->tabBar(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(page->filterEdit()->hasFocus());

        // Any column, any case: the path of one, the dataset of the other.
        QTest::keyClicks(page->filterEdit(), QStringLiteral("GRID2"));
        QCOMPARE(column(view, UploadTableModel::File),
                 QStringList({QStringLiteral("alice/grid2/b.tif"), QStringLiteral("bob/run/c.tif")}));
        // A new row that does not match stays hidden; one that does shows.
        rig.models.onFileChanged(file(QStringLiteral("carol/x.tif"), QStringLiteral("other"), 100));
        rig.models.onFileChanged(file(QStringLiteral("carol/grid2.tif"), QStringLiteral("other"), 100));
        QCOMPARE(view->model()->rowCount(), 3);

        page->filterEdit()->clear();
        QCOMPARE(view->model()->rowCount(), 5);

        // Nothing matches: the table says so instead of "nothing here yet".
        page->setFilter(QStringLiteral("no such file"));
        QCOMPARE(view->model()->rowCount(), 0);
        QVERIFY(page->proxy()->hidesEverything());
        QTest::keyClick(page->filterEdit(), Qt::Key_Escape);
        QCOMPARE(page->filterEdit()->text(), QString());
        QCOMPARE(view->model()->rowCount(), 5);

        // The Folders and Users tabs have their own boxes.
        rig.models.onDatasetChanged(folder(QStringLiteral("alice/grid1"), 1));
        rig.models.onDatasetChanged(folder(QStringLiteral("bob/run"), 1));
        rig.models.onOwnerChanged({QStringLiteral("alice"), QStringLiteral("username"), QStringLiteral("alice"),
                                   QStringLiteral("Alice Smith"), QStringLiteral("found")});
        rig.models.onOwnerChanged({QStringLiteral("bob"), QStringLiteral("username"), QStringLiteral("bob"),
                                   QStringLiteral("Bob Jones"), QStringLiteral("found")});
        rig.window.page(MainWindow::FoldersTab)->filterEdit()->setText(QStringLiteral("bob"));
        QCOMPARE(column(rig.window.table(MainWindow::FoldersTab), DatasetTableModel::Folder),
                 QStringList({QStringLiteral("bob/run")}));
        rig.window.page(MainWindow::UsersTab)->filterEdit()->setText(QStringLiteral("smith"));
        QCOMPARE(column(rig.window.table(MainWindow::UsersTab), OwnerTableModel::Folder),
                 QStringList({QStringLiteral("alice")}));
        QCOMPARE(view->model()->rowCount(), 5); // each tab filters only itself
    }
};

QTEST_MAIN(TestTableSortFilter)
#include "tst_tablesortfilter.moc"
