// The tab models: a repeated event for the same key updates its row in
// place (one dataChanged for that row), new keys append, and 10,000 rows
// stay cheap.
#include "SpeedBounds.h"
#include "models/DatasetTableModel.h"
#include "models/GroupTableModel.h"
#include "models/LogModel.h"
#include "models/OwnerTableModel.h"
#include "models/RunModels.h"
#include "models/UploadTableModel.h"
#include "models/TableSortFilter.h"
#include "models/VerificationTableModel.h"
#include "sync/RunSnapshot.h"
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

LookupEvent lookup(const QString &path, LookupResult result, qint64 size = 1000)
{
    return {path, QStringLiteral("ds"), size, result, {}};
}

DatasetEvent folder(const QString &path, const QString &owner, int files, int verified,
                    DatasetOrigin origin = DatasetOrigin::Existing)
{
    DatasetEvent e{path, owner, {}, path.section(QLatin1Char('/'), -1), files, verified, files * 100, {}};
    e.origin = origin;
    e.datasetId = origin == DatasetOrigin::WouldCreate ? 0 : 7;
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

    // New or existing dataset, as the run found it.
    void datasetsSayWhetherTheyWereCreated()
    {
        DatasetTableModel model;
        model.apply(folder(QStringLiteral("alice/old"), QStringLiteral("alice"), 1, 1, DatasetOrigin::Existing));
        model.apply(folder(QStringLiteral("alice/new"), QStringLiteral("alice"), 1, 0, DatasetOrigin::Created));
        model.apply(folder(QStringLiteral("alice/test"), QStringLiteral("alice"), 1, 0, DatasetOrigin::WouldCreate));
        QCOMPARE(model.headerData(DatasetTableModel::Created, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Created"));
        QCOMPARE(model.index(0, DatasetTableModel::Created).data().toString(), QStringLiteral("Existing"));
        QCOMPARE(model.index(1, DatasetTableModel::Created).data().toString(), QStringLiteral("New"));
        QCOMPARE(model.index(2, DatasetTableModel::Created).data().toString(), QStringLiteral("Would be new"));
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
        OwnerEvent withEmail{QStringLiteral("alice"), QStringLiteral("username"), QStringLiteral("alice"),
                             QStringLiteral("Alice Smith"), QStringLiteral("found"), QStringLiteral("alice@example.org")};
        model.apply(withEmail);
        QCOMPARE(model.headerData(OwnerTableModel::Email, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Email"));
        QCOMPARE(model.index(0, OwnerTableModel::Email).data().toString(), QStringLiteral("alice@example.org"));
    }

    // One row per group folder, summing its dataset folders; a folder's
    // repeated events (its Verified count rising) replace its share.
    void groupsSumTheirFolders()
    {
        GroupTableModel model;
        const OwnerEvent user{QStringLiteral("alice"), QStringLiteral("username"), QStringLiteral("alice"), {},
                              QStringLiteral("found")};
        const OwnerEvent group{QStringLiteral("TestFacility-cryo"), QStringLiteral("group"),
                               QStringLiteral("TestFacility-cryo"), {}, QStringLiteral("found")};
        const OwnerEvent unknown{QStringLiteral("TestFacility-nobody"), QStringLiteral("group"), {}, {},
                                 QStringLiteral("not found: uploaded to the facility account")};
        model.applyOwner(user);
        model.applyOwner(group);
        model.applyOwner(unknown);
        QCOMPARE(model.rowCount(), 2); // users are the Users tab's
        model.applyDataset(folder(QStringLiteral("cryo/a"), group.folder, 4, 0, DatasetOrigin::Existing));
        model.applyDataset(folder(QStringLiteral("cryo/b"), group.folder, 2, 0, DatasetOrigin::WouldCreate));
        model.applyDataset(folder(QStringLiteral("cryo/a"), group.folder, 4, 1, DatasetOrigin::Existing));
        model.applyDataset(folder(QStringLiteral("cryo/a"), group.folder, 4, 3, DatasetOrigin::Existing));
        model.applyDataset(folder(QStringLiteral("alice/x"), user.folder, 9, 9));
        QCOMPARE(model.index(0, GroupTableModel::Folder).data().toString(), group.folder);
        QCOMPARE(model.index(0, GroupTableModel::Resolved).data().toString(), group.resolved);
        QCOMPARE(model.index(0, GroupTableModel::Folders).data().toInt(), 2);
        QCOMPARE(model.index(0, GroupTableModel::Datasets).data().toInt(), 1); // b is not on MyTardis yet
        QCOMPARE(model.index(0, GroupTableModel::Files).data().toInt(), 6);
        QCOMPARE(model.index(0, GroupTableModel::Verified).data().toInt(), 3);
        QCOMPARE(model.index(0, GroupTableModel::Size).data(SortRole).toLongLong(), 600);
        QCOMPARE(model.index(1, GroupTableModel::Resolved).data().toString(), QStringLiteral("(none)"));
        QCOMPARE(model.index(1, GroupTableModel::Folders).data().toInt(), 0);

        // Folders met before their group (a restored run) count as well.
        GroupTableModel restored;
        restored.applyDataset(folder(QStringLiteral("cryo/a"), group.folder, 4, 3));
        restored.applyOwner(group);
        QCOMPARE(restored.index(0, GroupTableModel::Files).data().toInt(), 4);
        QCOMPARE(restored.index(0, GroupTableModel::Verified).data().toInt(), 3);
    }

    // Every file the run looked up has a row, as MyData showed; the files
    // sent for verification show the server's answer on the same row.
    void verificationsShowEveryLookup()
    {
        VerificationTableModel model;
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.applyLookups({lookup(QStringLiteral("a"), LookupResult::FoundVerified),
                            lookup(QStringLiteral("b"), LookupResult::FoundUnverified),
                            lookup(QStringLiteral("c"), LookupResult::NotFound),
                            lookup(QStringLiteral("d"), LookupResult::VerifiedInCache)});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(inserted.count(), 1); // one insert for the batch
        const auto cell = [&model](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(cell(0, VerificationTableModel::Lookup), QStringLiteral("Found verified"));
        QCOMPARE(cell(1, VerificationTableModel::Lookup), QStringLiteral("Found unverified"));
        QCOMPARE(cell(2, VerificationTableModel::Lookup), QStringLiteral("Not found"));
        QCOMPARE(cell(3, VerificationTableModel::Lookup), QStringLiteral("Verified (cache)"));
        QCOMPARE(cell(2, VerificationTableModel::State), QString());

        model.apply(file(QStringLiteral("c"), FileState::Verifying));
        QCOMPARE(cell(2, VerificationTableModel::State), QStringLiteral("Verifying"));
        model.apply(file(QStringLiteral("c"), FileState::Verified));
        QCOMPARE(cell(2, VerificationTableModel::State), QStringLiteral("Verified"));
        QCOMPARE(cell(2, VerificationTableModel::Lookup), QStringLiteral("Not found"));
        // Sent back to upload: its look-up stays, the answer is gone.
        model.apply(file(QStringLiteral("b"), FileState::Verifying));
        model.apply(file(QStringLiteral("b"), FileState::Transferring));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(cell(1, VerificationTableModel::State), QString());
        // A file verified that was not looked up (an older snapshot) still shows.
        model.apply(file(QStringLiteral("e"), FileState::Verified));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.lookups(100).size(), 4);
    }

    // 100,000 look-ups (100 datasets of 1,000 files) into a sorted view
    // with the other tabs fed too, then each file's verification: the
    // batches keep it to one insert per dataset.
    void hundredThousandLookupsStayCheap()
    {
        RunModels models;
        TableSortFilter sorted;
        sorted.setSourceModel(models.verifications());
        sorted.sort(VerificationTableModel::Size, Qt::DescendingOrder);
        QElapsedTimer timer;
        timer.start();
        for (int d = 0; d < 100; ++d) {
            QVector<LookupEvent> batch;
            for (int i = 0; i < 1000; ++i)
                batch.append(lookup(QStringLiteral("/data/ds%1/file%2.tif").arg(d).arg(i),
                                    i % 3 ? LookupResult::NotFound : LookupResult::FoundVerified, 1000 + i));
            models.onFilesLookedUp(batch);
        }
        const qint64 lookedUpMs = timer.elapsed();
        QCOMPARE(models.verifications()->rowCount(), 100000);
        QCOMPARE(sorted.rowCount(), 100000);
        for (int d = 0; d < 10; ++d)
            for (int i = 0; i < 1000; ++i)
                models.onFileChanged(file(QStringLiteral("/data/ds%1/file%2.tif").arg(d).arg(i), FileState::Verified));
        QCOMPARE(models.verifications()->rowCount(), 100000);
        qInfo("100,000 look-ups: %lld ms; then 10,000 verifications: %lld ms", lookedUpMs,
              timer.elapsed() - lookedUpMs);
        QVERIFY2(timer.elapsed() < 8000 * test::kSpeedBoundScale, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
    }

    // The worst case for one event: a single dataset of 100,000 files, one
    // batch, into the sorted view.
    void oneDatasetOfHundredThousandFiles_data()
    {
        QTest::addColumn<int>("sortColumn");
        QTest::newRow("run order") << -1;
        QTest::newRow("sorted by size") << int(VerificationTableModel::Size);
        QTest::newRow("sorted by name") << int(VerificationTableModel::File);
    }

    void oneDatasetOfHundredThousandFiles()
    {
        QFETCH(int, sortColumn);
        RunModels models;
        TableSortFilter sorted;
        sorted.setSourceModel(models.verifications());
        sorted.sort(sortColumn, Qt::DescendingOrder);
        QVector<LookupEvent> batch;
        for (int i = 0; i < 100000; ++i)
            batch.append(lookup(QStringLiteral("/data/ds/file%1.tif").arg(i), LookupResult::NotFound, 1000 + i % 977));
        QElapsedTimer timer;
        timer.start();
        models.onFilesLookedUp(batch);
        qInfo("one batch of 100,000 look-ups: %lld ms", timer.elapsed());
        QCOMPARE(sorted.rowCount(), 100000);
        // In run order (as the tab starts) the insert is one append; a
        // clicked header sorts the 100,000 rows once (about 1 s here).
        const qint64 limit = (sortColumn < 0 ? 1500 : 6000) * test::kSpeedBoundScale;
        QVERIFY2(timer.elapsed() < limit, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
    }

    // What a restart shows again: look-ups, the Created column, emails.
    void snapshotKeepsLookupsOriginsAndEmails()
    {
        RunModels models;
        models.onOwnerChanged({QStringLiteral("alice"), QStringLiteral("username"), QStringLiteral("alice"),
                               QStringLiteral("Alice Smith"), QStringLiteral("found"),
                               QStringLiteral("alice@example.org")});
        models.onDatasetChanged(folder(QStringLiteral("/data/alice/run1"), QStringLiteral("alice"), 2, 1,
                                       DatasetOrigin::Created));
        LookupEvent b = lookup(QStringLiteral("/data/alice/run1/b"), LookupResult::FoundUnverified);
        b.detail = QStringLiteral("registered; the chunked upload continues where the server has it");
        models.onFilesLookedUp({lookup(QStringLiteral("/data/alice/run1/a"), LookupResult::VerifiedInCache), b});
        models.onFileChanged(file(QStringLiteral("/data/alice/run1/b"), FileState::Verified));

        const auto json = RunSnapshotFile::toJson(models.snapshot(SyncSummary{}));
        const auto read = RunSnapshotFile::fromJson(json);
        QVERIFY(read);
        RunModels again;
        again.restore(*read);
        QCOMPARE(again.verifications()->rowCount(), 2);
        QCOMPARE(again.verifications()->index(0, VerificationTableModel::Lookup).data().toString(),
                 QStringLiteral("Verified (cache)"));
        QCOMPARE(again.verifications()->index(1, VerificationTableModel::Lookup).data().toString(),
                 QStringLiteral("Found unverified"));
        QCOMPARE(again.verifications()->index(1, VerificationTableModel::State).data().toString(),
                 QStringLiteral("Verified"));
        QCOMPARE(again.verifications()->lookups(10).at(1).detail, b.detail);
        QCOMPARE(again.datasets()->index(0, DatasetTableModel::Created).data().toString(), QStringLiteral("New"));
        QCOMPARE(again.owners()->index(0, OwnerTableModel::Email).data().toString(),
                 QStringLiteral("alice@example.org"));
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

    // A frame re-acquired in place: the Uploads tab shows it as a conflict,
    // coloured, both checksums in its tool tip, and a stop leaves it so.
    void uploadsShowAConflictWithBothChecksums()
    {
        UploadTableModel model;
        FileEvent conflict = file(QStringLiteral("/data/u/Run/frame_0001.tif"), FileState::Conflict, 65536);
        conflict.message = QStringLiteral("MyTardis holds another file under this name (MD5 aaaa there, bbbb here)");
        model.apply(conflict);
        QCOMPARE(model.index(0, UploadTableModel::State).data().toString(), QStringLiteral("Conflict"));
        const QString tip = model.index(0, UploadTableModel::File).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("aaaa there")) && tip.contains(QStringLiteral("bbbb here")), qPrintable(tip));
        QVERIFY(model.index(0, UploadTableModel::State).data(Qt::ForegroundRole).isValid());
        model.markStopped();
        QCOMPARE(model.index(0, UploadTableModel::State).data().toString(), QStringLiteral("Conflict"));
    }

    // A file or folder the user running Tardigrade may not read: a row of
    // its own that says so, red like a failure, its sentence in the tool
    // tip, no size (none is known), and a stop leaves it so.
    void uploadsShowWhatCannotBeRead()
    {
        UploadTableModel model;
        const QString sentence = QStringLiteral("/data/u/Run/locked.tif cannot be read (Permission denied): give the "
                                                "user running Tardigrade permission to read it; the next run "
                                                "uploads it.");
        FileEvent locked = file(QStringLiteral("/data/u/Run/locked.tif"), FileState::Unreadable, 0);
        locked.message = sentence;
        model.apply(locked);
        model.apply(file(QStringLiteral("/data/u/Run/a.tif"), FileState::Transferring, 65536, 100));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, UploadTableModel::State).data().toString(), QStringLiteral("Cannot read"));
        QVERIFY2(model.index(0, UploadTableModel::File).data(Qt::ToolTipRole).toString().endsWith(sentence),
                 qPrintable(model.index(0, UploadTableModel::File).data(Qt::ToolTipRole).toString()));
        QVERIFY(model.index(0, UploadTableModel::State).data(Qt::ForegroundRole).isValid());
        UploadTableModel failedModel;
        failedModel.apply(file(QStringLiteral("f.tif"), FileState::Failed));
        QCOMPARE(model.index(0, UploadTableModel::State).data(Qt::ForegroundRole),
                 failedModel.index(0, UploadTableModel::State).data(Qt::ForegroundRole)); // a failure's colour
        QCOMPARE(model.index(0, UploadTableModel::Size).data().toString(), QString());
        QVERIFY(!model.index(0, UploadTableModel::Progress).data(UploadTableModel::PercentRole).isValid()); // no bar
        model.markStopped();
        QCOMPARE(model.index(0, UploadTableModel::State).data().toString(), QStringLiteral("Cannot read"));
        QCOMPARE(model.index(1, UploadTableModel::State).data().toString(), QStringLiteral("Stopped"));
        // Not a verification: the Verifications tab leaves it out.
        VerificationTableModel verifications;
        verifications.apply(locked);
        QCOMPARE(verifications.rowCount(), 0);
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
        QTest::newRow("conflict") << int(FileState::Conflict) << false; // the Uploads tab's
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
        QVERIFY2(timer.elapsed() < 3000 * test::kSpeedBoundScale, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
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
