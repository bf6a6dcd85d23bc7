// The tab models: a repeated event for the same key updates its row in
// place (one dataChanged for that row), new keys append, and 10,000 rows
// stay cheap.
#include "models/DatasetTableModel.h"
#include "models/LogModel.h"
#include "models/OwnerTableModel.h"
#include "models/RunModels.h"
#include "models/UploadTableModel.h"
#include "models/VerificationTableModel.h"
#include "util/Clock.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace tardigrade;
using namespace tardigrade::ui;

namespace {
FileEvent file(const QString &path, FileState state, qint64 size = 1000, qint64 done = 0)
{
    FileEvent e;
    e.path = path;
    e.dataset = QStringLiteral("ds");
    e.state = state;
    e.size = size;
    e.done = done;
    return e;
}
} // namespace

class TestTableModels : public QObject {
    Q_OBJECT
private slots:
    void datasetRowsUpdateInPlace()
    {
        DatasetTableModel model;
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        DatasetEvent a{QStringLiteral("alice/run1"),  QStringLiteral("alice"), {}, QStringLiteral("run1"), 3, 0, 300,
                       QStringLiteral("would create")};
        DatasetEvent b{QStringLiteral("bob/run2"), QStringLiteral("bob"), {}, QStringLiteral("run2"), 1, 0, 10,
                       QStringLiteral("exists")};
        model.apply(a);
        model.apply(b);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(changed.count(), 0);

        a.verified = 3;
        a.status = QStringLiteral("created");
        model.apply(a);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(changed.count(), 1);
        const QModelIndex topLeft = changed.at(0).at(0).value<QModelIndex>();
        const QModelIndex bottomRight = changed.at(0).at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), 0);
        QCOMPARE(bottomRight.row(), 0);
        QCOMPARE(model.index(0, DatasetTableModel::Status).data().toString(), QStringLiteral("created"));
        QCOMPARE(model.index(0, DatasetTableModel::Verified).data().toInt(), 3);
        QCOMPARE(model.index(1, DatasetTableModel::Folder).data().toString(), QStringLiteral("bob/run2"));
        QCOMPARE(model.headerData(DatasetTableModel::Folder, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Folder"));
    }

    void ownerRowsKeyedByFolder()
    {
        OwnerTableModel model;
        model.apply({QStringLiteral("alice"), QStringLiteral("username"), {}, {}, QStringLiteral("looking up")});
        model.apply({QStringLiteral("alice"), QStringLiteral("username"), QStringLiteral("alice"),
                     QStringLiteral("Alice Smith"), QStringLiteral("found")});
        model.apply({QStringLiteral("zed"),
                     QStringLiteral("username"),
                     {},
                     {},
                     QStringLiteral("not found: uploaded to the facility account")});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, OwnerTableModel::FullName).data().toString(), QStringLiteral("Alice Smith"));
        QCOMPARE(model.index(0, OwnerTableModel::Status).data().toString(), QStringLiteral("found"));
        QCOMPARE(model.index(1, OwnerTableModel::Resolved).data().toString(), QStringLiteral("(none)"));
    }

    void uploadProgressAndSpeed()
    {
        FakeClock clock(QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
        UploadTableModel model(clock);
        model.apply(file(QStringLiteral("a.tif"), FileState::Transferring, 10'000'000, 0));
        clock.advanceSecs(2);
        model.apply(file(QStringLiteral("a.tif"), FileState::Transferring, 10'000'000, 4'000'000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, UploadTableModel::Progress).data(UploadTableModel::PercentRole).toInt(), 40);
        QCOMPARE(model.index(0, UploadTableModel::Speed).data().toString(), QStringLiteral("2.0 MB/s"));
        QCOMPARE(model.index(0, UploadTableModel::State).data().toString(), QStringLiteral("Transferring"));
        model.apply(file(QStringLiteral("a.tif"), FileState::Uploaded, 10'000'000, 10'000'000));
        QCOMPARE(model.index(0, UploadTableModel::Progress).data(UploadTableModel::PercentRole).toInt(), 100);
        QCOMPARE(model.index(0, UploadTableModel::Speed).data().toString(), QString());
        QCOMPARE(model.index(0, UploadTableModel::Size).data().toString(), QStringLiteral("10.0 MB"));
    }

    void verificationsTakeOnlyVerificationStates_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("shown");
        QTest::newRow("found") << int(FileState::Found) << false;
        QTest::newRow("hashing") << int(FileState::Hashing) << false;
        QTest::newRow("transferring") << int(FileState::Transferring) << false;
        QTest::newRow("uploaded") << int(FileState::Uploaded) << false;
        QTest::newRow("verifying") << int(FileState::Verifying) << true;
        QTest::newRow("verified") << int(FileState::Verified) << true;
        QTest::newRow("failed") << int(FileState::Failed) << true;
    }

    void verificationsTakeOnlyVerificationStates()
    {
        QFETCH(int, state);
        QFETCH(bool, shown);
        VerificationTableModel model;
        model.apply(file(QStringLiteral("x.dat"), FileState(state)));
        QCOMPARE(model.rowCount(), shown ? 1 : 0);
    }

    void verificationRowMovesThroughStates()
    {
        VerificationTableModel model;
        model.apply(file(QStringLiteral("a"), FileState::Verifying));
        model.apply(file(QStringLiteral("b"), FileState::Verifying));
        model.apply(file(QStringLiteral("c"), FileState::Verifying));
        FileEvent failed = file(QStringLiteral("b"), FileState::Failed);
        failed.message = QStringLiteral("the server's copy has a different checksum");
        model.apply(failed);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(1, VerificationTableModel::State).data().toString(), QStringLiteral("Failed"));
        QCOMPARE(model.index(1, VerificationTableModel::Detail).data().toString(), failed.message);
        // Sent back to upload: leaves the tab, the others keep their keys.
        model.apply(file(QStringLiteral("a"), FileState::Transferring));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("b")), 0);
        QCOMPARE(model.rowOf(QStringLiteral("c")), 1);
        model.apply(file(QStringLiteral("c"), FileState::Verified));
        QCOMPARE(model.index(1, VerificationTableModel::State).data().toString(), QStringLiteral("Verified"));
    }

    void tenThousandRowsStayCheap()
    {
        UploadTableModel model;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 10000; ++i)
            model.apply(file(QStringLiteral("data/file%1.tif").arg(i), FileState::Hashing, 1000, 0));
        for (int round = 0; round < 5; ++round)
            for (int i = 0; i < 10000; ++i)
                model.apply(file(QStringLiteral("data/file%1.tif").arg(i), FileState::Transferring, 1000, 200 * round));
        QCOMPARE(model.rowCount(), 10000);
        QCOMPARE(model.rowOf(QStringLiteral("data/file9999.tif")), 9999);
        QCOMPARE(model.index(9999, UploadTableModel::Progress).data(UploadTableModel::PercentRole).toInt(), 80);
        // 60,000 events: a linear lookup would take many seconds.
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
    }

    void pathsShownRelativeToTheDataDirectory()
    {
        RunModels models;
        models.onFileChanged(file(QStringLiteral("/data/krios/alice/run1/a.tif"), FileState::Verifying));
        models.onFileChanged(file(QStringLiteral("/elsewhere/b.tif"), FileState::Found));
        models.onDatasetChanged({QStringLiteral("/data/krios/alice/run1"), {}, {}, {}, 1, 0, 1, {}});
        models.setDataDirectory(QStringLiteral("/data/krios/"));
        QCOMPARE(models.uploads()->index(0, UploadTableModel::File).data().toString(),
                 QStringLiteral("alice/run1/a.tif"));
        QCOMPARE(models.uploads()->index(1, UploadTableModel::File).data().toString(),
                 QStringLiteral("/elsewhere/b.tif"));
        QCOMPARE(models.verifications()->index(0, VerificationTableModel::File).data().toString(),
                 QStringLiteral("alice/run1/a.tif"));
        QCOMPARE(models.datasets()->index(0, DatasetTableModel::Folder).data().toString(),
                 QStringLiteral("alice/run1"));
        // Keys stay the full paths: the next event for the file finds its row.
        models.onFileChanged(file(QStringLiteral("/data/krios/alice/run1/a.tif"), FileState::Verified));
        QCOMPARE(models.uploads()->rowCount(), 2);
    }

    void laterEventsKeepWhatEarlierOnesSaid()
    {
        UploadTableModel uploads;
        VerificationTableModel verifications;
        FileEvent first = file(QStringLiteral("a.tif"), FileState::Verifying, 5000);
        FileEvent later = first;
        later.dataset.clear();
        later.size = 0;
        later.state = FileState::Verified;
        for (const FileEvent &e : {first, later}) {
            uploads.apply(e);
            verifications.apply(e);
        }
        QCOMPARE(uploads.index(0, UploadTableModel::Dataset).data().toString(), QStringLiteral("ds"));
        QCOMPARE(uploads.index(0, UploadTableModel::Size).data().toString(), QStringLiteral("5.0 kB"));
        QCOMPARE(uploads.index(0, UploadTableModel::State).data().toString(), QStringLiteral("Verified"));
        QCOMPARE(verifications.index(0, VerificationTableModel::Dataset).data().toString(), QStringLiteral("ds"));
    }

    void logModelCapsLines()
    {
        LogModel model(100);
        for (int i = 0; i < 250; ++i)
            model.append(QStringLiteral("line %1").arg(i));
        QVERIFY(model.rowCount() <= 100);
        QCOMPARE(model.index(model.rowCount() - 1).data().toString(), QStringLiteral("line 249"));
    }

    // A new run's tables start afresh with its first folder or file (until
    // then the last run's stay, in case this one fails before its scan).
    void runModelsStartAfreshWithTheNewRun()
    {
        RunModels models;
        models.onFileChanged(file(QStringLiteral("a"), FileState::Verified));
        models.onDatasetChanged({QStringLiteral("alice/run1"), {}, {}, {}, 1, 1, 1, QStringLiteral("exists")});
        models.onLogLine(QStringLiteral("first run"));
        QCOMPARE(models.uploads()->rowCount(), 1);
        QCOMPARE(models.verifications()->rowCount(), 1);
        models.onRunStarted(false);
        QCOMPARE(models.uploads()->rowCount(), 1);
        models.onOwnerChanged({QStringLiteral("alice"), {}, {}, {}, QStringLiteral("found")});
        QCOMPARE(models.owners()->rowCount(), 1);
        QCOMPARE(models.uploads()->rowCount(), 0);
        QCOMPARE(models.verifications()->rowCount(), 0);
        QCOMPARE(models.datasets()->rowCount(), 0);
        QCOMPARE(models.log()->rowCount(), 1); // the log keeps going
        QVERIFY(models.log()->lines().constFirst().endsWith(QStringLiteral("  first run")));
        QCOMPARE(models.log()->lines().constFirst().at(2), QLatin1Char(':')); // "HH:mm:ss  " first
    }
};

QTEST_MAIN(TestTableModels)
#include "tst_tablemodels.moc"
