// The look-up stage alone, against an in-process catalogue: what it decides
// for each file from what the server holds, what it creates (or only records
// in a Test Run), and what it writes to the journal.
#include "StageWorld.h"
#include "TestHost.h"
#include "catalogue/RecordingCatalogueWriter.h"
#include "sync/Planner.h"
#include "sync/VersionedName.h"
#include "transfer/SshConnection.h"

#include <QDeadlineTimer>
#include <QScopeGuard>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace tardigrade;
using namespace tardigrade::test;

namespace {

const PlannedFile *fileNamed(const Plan &plan, const QString &name)
{
    for (const PlannedDataset &ds : plan.datasets)
        for (const PlannedFile &f : ds.files)
            if (f.name == name)
                return &f;
    return nullptr;
}

Status plan(StageWorld &w, const PreparedRun &prepared, Plan &out, CatalogueWriter *writer = nullptr)
{
    return Planner(w.sink, w.catalogue, writer ? *writer : w.catalogue, prepared, QString()).plan(out);
}

} // namespace

class TestPlanner : public QObject {
    Q_OBJECT

private slots:
    void newFilesAreUploadedIntoWhatItCreates()
    {
        StageWorld w;
        w.write(QStringLiteral("alice/Run 1/a.dat"), 10);
        w.write(QStringLiteral("alice/Run 1/sub/b.dat"), 20);
        Plan p;
        const Status s = plan(w, w.prepared(), p);
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QCOMPARE(p.datasets.size(), 1);
        const PlannedDataset &ds = p.datasets.first();
        QCOMPARE(ds.experimentTitle, QStringLiteral("Instrument - Alice Smith"));
        QCOMPARE(ds.experimentAction, CatalogueAction::Create);
        QCOMPARE(ds.datasetAction, CatalogueAction::Create);
        QVERIFY(ds.datasetId > 0);
        QCOMPARE(p.count(FileDecision::Upload), 2);
        QCOMPARE(fileNamed(p, QStringLiteral("b.dat"))->directory, QStringLiteral("sub"));
        QCOMPARE(w.catalogue.count(QStringLiteral("createExperiment")), 1);
        QCOMPARE(w.catalogue.count(QStringLiteral("createDataset")), 1);
        QCOMPARE(w.catalogue.count(QStringLiteral("addObjectAcl")), 2); // managers and alice
        // Made by this run, it holds nothing yet: not listed.
        QCOMPARE(w.catalogue.count(QStringLiteral("dataFilesOfDataset")), 0);
        QCOMPARE(w.sink.owners.size(), 1);
        QCOMPARE(w.sink.owners.first().resolved, QStringLiteral("alice"));
        QCOMPARE(w.sink.datasets.size(), 1);
        QCOMPARE(w.sink.datasets.first().status, QStringLiteral("created"));
        // The Folders tab opens the dataset's page by this id.
        QCOMPARE(w.sink.datasets.first().datasetId, ds.datasetId);
    }

    void whatTheServerHoldsDecides_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<qint64>("localSize");
        QTest::addColumn<qint64>("serverSize");
        QTest::addColumn<bool>("verified");
        QTest::addColumn<qint64>("bytesThere");
        QTest::addColumn<int>("decision");
        QTest::addColumn<qint64>("remoteBytes");
        QTest::addColumn<QString>("journalMethod"); // how an earlier run sent it, "" when unknown
        const int post = int(UploadMethod::Post), staging = int(UploadMethod::Staging),
                  chunked = int(UploadMethod::Chunked);
        const qint64 mib = 1 << 20;
        QTest::newRow("verified") << post << qint64(100) << qint64(100) << true << qint64(100)
                                  << int(FileDecision::AlreadyVerified) << qint64(0) << QString();
        QTest::newRow("verified, other size") << post << qint64(100) << qint64(99) << true << qint64(99)
                                              << int(FileDecision::Conflict) << qint64(0) << QString();
        QTest::newRow("unverified, POST") << post << qint64(100) << qint64(100) << false << qint64(0)
                                          << int(FileDecision::Verify) << qint64(0) << QString();
        QTest::newRow("staging: all there") << staging << 2 * mib << 2 * mib << false << 2 * mib
                                            << int(FileDecision::Verify) << 2 * mib << QString();
        QTest::newRow("staging: part there") << staging << 3 * mib << 3 * mib << false << 2 * mib
                                             << int(FileDecision::Resume) << 2 * mib << QString();
        QTest::newRow("staging: too little to resume")
            << staging << 3 * mib << 3 * mib << false << (SshConnection::ResumeThreshold - 1)
            << int(FileDecision::Resume) << qint64(0) << QString();
        QTest::newRow("chunked: ours, stopped") << chunked << qint64(8192) << qint64(8192) << false << qint64(1024)
                                                << int(FileDecision::Resume) << qint64(0) << QStringLiteral("chunked");
        QTest::newRow("chunked: POSTed earlier, being checked")
            << chunked << qint64(8192) << qint64(8192) << false << qint64(8192) << int(FileDecision::Verify)
            << qint64(0) << QStringLiteral("post");
        QTest::newRow("chunked: not in the journal") << chunked << qint64(8192) << qint64(8192) << false
                                                     << qint64(1024) << int(FileDecision::Verify) << qint64(0)
                                                     << QString();
        QTest::newRow("chunked: small went by POST") << chunked << qint64(100) << qint64(100) << false << qint64(0)
                                                     << int(FileDecision::Verify) << qint64(0) << QString();
    }

    void whatTheServerHoldsDecides()
    {
        QFETCH(int, method);
        QFETCH(qint64, localSize);
        QFETCH(qint64, serverSize);
        QFETCH(bool, verified);
        QFETCH(qint64, bytesThere);
        QFETCH(int, decision);
        QFETCH(qint64, remoteBytes);
        QFETCH(QString, journalMethod);
        StageWorld w;
        const QString path = w.write(QStringLiteral("alice/Run/f.dat"), localSize);
        const PreparedRun prepared = w.prepared(UploadMethod(method));
        Plan first;
        QVERIFY(plan(w, prepared, first).ok()); // makes the experiment and dataset
        FakeFile &f = w.catalogue.addFile(first.datasets.first().datasetId, QString(), QStringLiteral("f.dat"),
                                          serverSize, verified, path);
        f.bytesThere = bytesThere;
        if (!journalMethod.isEmpty()) {
            JournalEntry e;
            e.path = path;
            e.size = localSize;
            e.method = journalMethod;
            e.datafileId = f.id;
            e.state = FileState::Transferring;
            QVERIFY(w.journal->put(e).ok());
        }

        Plan p;
        QVERIFY(plan(w, prepared, p).ok());
        const PlannedFile *planned = fileNamed(p, QStringLiteral("f.dat"));
        QVERIFY(planned);
        QCOMPARE(int(planned->decision), decision);
        QCOMPARE(planned->remoteBytes, remoteBytes);
        if (decision != int(FileDecision::Upload))
            QVERIFY(planned->datafileId > 0);
        if (UploadMethod(method) == UploadMethod::Staging)
            QVERIFY(planned->stagingPath.startsWith("/staging/"));
    }

    // The Verifications tab shows every file's look-up, as MyData did: one
    // batch per dataset, whatever the server said of each file.
    void everyFileLookupIsReported()
    {
        StageWorld w;
        const QString verifiedPath = w.write(QStringLiteral("alice/Run/verified.dat"), 10);
        const QString unverifiedPath = w.write(QStringLiteral("alice/Run/unverified.dat"), 20);
        const QString otherSizePath = w.write(QStringLiteral("alice/Run/other size.dat"), 30);
        w.write(QStringLiteral("alice/Run/missing.dat"), 40);
        const PreparedRun prepared = w.prepared();
        Plan first;
        QVERIFY(plan(w, prepared, first).ok());
        QCOMPARE(w.sink.lookups.size(), 1);
        QCOMPARE(w.sink.lookups.first().size(), 4);
        QCOMPARE(w.sink.lookupOf(QStringLiteral("missing.dat"))->result, LookupResult::NotFound);
        QCOMPARE(w.sink.lookupOf(QStringLiteral("missing.dat"))->detail, QStringLiteral("its dataset is new in this run"));
        QCOMPARE(w.sink.datasets.last().origin, DatasetOrigin::Created);

        const qint64 id = first.datasets.first().datasetId;
        w.catalogue.addFile(id, QString(), QStringLiteral("verified.dat"), 10, true, verifiedPath);
        w.catalogue.addFile(id, QString(), QStringLiteral("unverified.dat"), 20, false, unverifiedPath);
        w.catalogue.addFile(id, QString(), QStringLiteral("other size.dat"), 31, true, otherSizePath);
        w.sink.lookups.clear();
        Plan second;
        QVERIFY(plan(w, prepared, second).ok());
        QCOMPARE(w.sink.lookups.size(), 1);
        const auto missing = w.sink.lookupOf(QStringLiteral("missing.dat"));
        QCOMPARE(missing->result, LookupResult::NotFound);
        QCOMPARE(missing->detail, QString());
        QCOMPARE(missing->size, 40);
        QCOMPARE(missing->dataset, QStringLiteral("Run"));
        QCOMPARE(w.sink.lookupOf(QStringLiteral("verified.dat"))->result, LookupResult::FoundVerified);
        QCOMPARE(w.sink.lookupOf(QStringLiteral("unverified.dat"))->result, LookupResult::FoundUnverified);
        const auto otherSize = w.sink.lookupOf(QStringLiteral("other size.dat"));
        QCOMPARE(otherSize->result, LookupResult::FoundVerified);
        // Another size is other content: a conflict, never verified.
        QVERIFY2(otherSize->detail.contains(QStringLiteral("31 bytes there, 30 here")), qPrintable(otherSize->detail));
        QCOMPARE(fileNamed(second, QStringLiteral("other size.dat"))->decision, FileDecision::Conflict);
        QCOMPARE(w.sink.datasets.last().origin, DatasetOrigin::Existing);
        QCOMPARE(w.sink.datasets.last().files, 4);
        QCOMPARE(w.sink.datasets.last().verified, 1);

        // What the cache remembered costs no request the next time.
        w.sink.lookups.clear();
        Plan third;
        QVERIFY(plan(w, prepared, third).ok());
        QCOMPARE(w.sink.lookupOf(QStringLiteral("verified.dat"))->result, LookupResult::VerifiedInCache);
    }

    // The Users tab shows the email the server has for a user folder.
    void ownersCarryTheirEmail()
    {
        StageWorld w;
        w.catalogue.addUser(QStringLiteral("bob"), QStringLiteral("Bob"), QStringLiteral("Jones"),
                            QStringLiteral("bob@example.org"));
        w.write(QStringLiteral("bob/Run/a.dat"), 10);
        Plan p;
        QVERIFY(plan(w, w.prepared(), p).ok());
        QCOMPARE(w.sink.owners.size(), 1);
        QCOMPARE(w.sink.owners.first().email, QStringLiteral("bob@example.org"));
        QCOMPARE(w.sink.owners.first().fullName, QStringLiteral("Bob Jones"));
    }

    void aTestRunOnlyRecords()
    {
        StageWorld w;
        w.write(QStringLiteral("alice/Run/a.dat"), 10);
        PreparedRun prepared = w.prepared();
        prepared.context.journal = nullptr; // a Test Run has none
        RecordingCatalogueWriter recorder;
        Plan p;
        QVERIFY(plan(w, prepared, p, &recorder).ok());
        QCOMPARE(p.datasets.first().experimentAction, CatalogueAction::WouldCreate);
        QCOMPARE(p.datasets.first().datasetAction, CatalogueAction::WouldCreate);
        QCOMPARE(p.count(FileDecision::Upload), 1);
        for (const QString &call : w.catalogue.calls())
            QVERIFY2(!call.startsWith(QLatin1String("create")) && !call.startsWith(QLatin1String("add")),
                     qPrintable(call));
        QCOMPARE(recorder.recorded(), QStringList({QStringLiteral("experiment \"Instrument - Alice Smith\""),
                                                   QStringLiteral("dataset \"Run\"")}));
        // A dataset that would be created holds none of the files yet.
        QCOMPARE(w.sink.datasets.last().origin, DatasetOrigin::WouldCreate);
        QCOMPARE(w.sink.lookupOf(QStringLiteral("a.dat"))->result, LookupResult::NotFound);
    }

    // What cannot be read is found and failed, never passed over: counted
    // in the plan's found, and in an upload (not a Test Run) each file or
    // folder gets its Uploads row with its sentence.
    void unreadableEntriesAreFoundWithTheirRows_data()
    {
        QTest::addColumn<bool>("testRun");
        QTest::newRow("upload") << false;
        QTest::newRow("test run") << true;
    }
    void unreadableEntriesAreFoundWithTheirRows()
    {
        QFETCH(bool, testRun);
        StageWorld w;
        w.write(QStringLiteral("alice/Run 1/a.dat"), 10);
        const QString locked = w.write(QStringLiteral("alice/Run 1/locked.dat"), 10);
        const QString closed = QFileInfo(w.write(QStringLiteral("alice/Run 1/closed/d.dat"), 10)).path();
        const auto open = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                          QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
                          QFileDevice::ExeOther;
        QVERIFY(QFile::setPermissions(w.tmp.path(), open)); // the data folder is the reader's to enter
        QVERIFY(QFile::setPermissions(locked, {}));
        QVERIFY(QFile::setPermissions(closed, {}));
        const auto reopen = qScopeGuard([&] { QFile::setPermissions(closed, open); });
        PreparedRun prepared = w.prepared();
        prepared.settings.setRawValue(SettingKey::CacheDatafileLookups, QStringLiteral("False")); // root's folder
        if (testRun)
            prepared.context.journal = nullptr;
        RecordingCatalogueWriter recorder;
        Plan p;
        {
            const testhost::ReadingAsOrdinaryUser reader;
            if (!reader.active())
                QSKIP("this process reads every file whatever its permissions (root that cannot switch, Windows)");
            const Status s = plan(w, prepared, p, testRun ? &recorder : nullptr);
            QVERIFY2(s.ok(), qPrintable(s.error().message));
        }
        QCOMPARE(p.unreadable.size(), 2);
        QCOMPARE(p.count(FileDecision::Upload), 1);
        QCOMPARE(p.found(), 3); // a.dat, and each unreadable entry once
        QCOMPARE(p.skippedReadable(), 0);
        QHash<QString, FileEvent> rows;
        for (const FileEvent &e : std::as_const(w.sink.files))
            if (e.state == FileState::Unreadable)
                rows.insert(e.path, e);
        if (testRun) { // the report lists them instead
            QVERIFY(rows.isEmpty());
            return;
        }
        QCOMPARE(rows.size(), 2);
        for (const FailedFile &f : std::as_const(p.unreadable)) {
            QVERIFY2(rows.contains(f.path), qPrintable(f.path));
            QCOMPARE(rows.value(f.path).message, f.reason);
            QCOMPARE(rows.value(f.path).dataset, QStringLiteral("Run 1"));
        }
        QVERIFY(rows.contains(locked));
        QVERIFY(rows.contains(closed));
        QVERIFY2(rows.value(closed).message.startsWith(QStringLiteral("The folder ")),
                 qPrintable(rows.value(closed).message));
    }

    void foldersOfNobody_data()
    {
        QTest::addColumn<bool>("uploadInvalid");
        QTest::newRow("go to the facility account") << true;
        QTest::newRow("are skipped") << false;
    }
    void foldersOfNobody()
    {
        QFETCH(bool, uploadInvalid);
        StageWorld w;
        w.write(QStringLiteral("ghost/Run/a.dat"), 10);
        PreparedRun prepared = w.prepared();
        prepared.settings.setRawValue(SettingKey::UploadInvalidUserFolders,
                                      uploadInvalid ? QStringLiteral("True") : QStringLiteral("False"));
        Plan p;
        QVERIFY(plan(w, prepared, p).ok());
        const PlannedFile *f = fileNamed(p, QStringLiteral("a.dat"));
        QCOMPARE(f->decision, uploadInvalid ? FileDecision::Upload : FileDecision::Skipped);
        QVERIFY2(f->reason.isEmpty() == uploadInvalid, qPrintable(f->reason));
        QVERIFY(p.datasets.first().ownerNote.contains(QStringLiteral("matches no MyTardis username")));
        QCOMPARE(w.catalogue.count(QStringLiteral("createExperiment")), uploadInvalid ? 1 : 0);
    }

    // upload_changed_as_versions: the number goes before the last
    // extension; the lowest free one, unless an earlier one holds this very
    // content already.
    void versionedNames()
    {
        QCOMPARE(versionedName(QStringLiteral("frame_0001.tif"), 2), QStringLiteral("frame_0001 (2).tif"));
        QCOMPARE(versionedName(QStringLiteral("scan.tar.gz"), 3), QStringLiteral("scan.tar (3).gz"));
        QCOMPARE(versionedName(QStringLiteral("notes"), 2), QStringLiteral("notes (2)"));
        QCOMPARE(versionedName(QStringLiteral(".hidden"), 2), QStringLiteral(".hidden (2)"));
        const QSet<QString> taken{QStringLiteral("a (2).tif"), QStringLiteral("a (3).tif")};
        auto freeAfterTaken = [&](const QString &n) { return taken.contains(n) ? VersionSlot::Taken : VersionSlot::Free; };
        QCOMPARE(firstVersionedName(QStringLiteral("a.tif"), freeAfterTaken), QStringLiteral("a (4).tif"));
        auto oursAtThree = [](const QString &n) {
            return n == QLatin1String("a (3).tif") ? VersionSlot::Ours : VersionSlot::Taken;
        };
        QCOMPARE(firstVersionedName(QStringLiteral("a.tif"), oursAtThree), QStringLiteral("a (3).tif"));
    }

    void verifiedFilesGoIntoTheJournal()
    {
        StageWorld w;
        const QString path = w.write(QStringLiteral("alice/Run/done.dat"), 10);
        const PreparedRun prepared = w.prepared();
        Plan first;
        QVERIFY(plan(w, prepared, first).ok());
        w.catalogue.addFile(first.datasets.first().datasetId, QString(), QStringLiteral("done.dat"), 10, true, path);
        Plan p;
        QVERIFY(plan(w, prepared, p).ok());
        auto entry = w.journal->entry(path);
        QVERIFY(entry.ok());
        QCOMPARE(entry->state, FileState::Verified);
        QCOMPARE(entry->size, 10);
    }

    void aLostCreateIsNotMadeTwice()
    {
        StageWorld w;
        w.write(QStringLiteral("alice/Run/a.dat"), 10);
        int lost = 0;
        w.catalogue.state().fault = [&lost](const QString &call, bool *acted) -> std::optional<Error> {
            if ((call == QLatin1String("createExperiment") || call == QLatin1String("createDataset")) && lost < 2) {
                ++lost;
                *acted = true; // made, but the answer never arrived
                return lostAnswer();
            }
            return std::nullopt;
        };
        Plan p;
        const Status s = plan(w, w.prepared(), p);
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QCOMPARE(lost, 2);
        QCOMPARE(w.catalogue.state().experiments.size(), 1);
        QCOMPARE(w.catalogue.state().datasets.size(), 1);
        QCOMPARE(w.catalogue.count(QStringLiteral("createExperiment")), 1);
        QVERIFY(p.datasets.first().datasetId > 0);
    }

    void aDatasetFoundAfterALostCreateIsListed_data()
    {
        QTest::addColumn<int>("datasets");
        QTest::newRow("made alone") << 1;
        QTest::newRow("made together with the experiment's others") << 3; // makeDatasetsTogether
    }
    void aDatasetFoundAfterALostCreateIsListed()
    {
        // Its create's answer was lost and a look-up found it: most likely
        // ours, but another installation (which does not share our lock)
        // may have made it and filled it meanwhile. So it is listed, not
        // taken as new and empty: the file it already holds is not sent.
        QFETCH(int, datasets);
        StageWorld w;
        for (int i = 0; i < datasets; ++i)
            w.write(QStringLiteral("alice/Run %1/a.dat").arg(i), 10);
        // The first create's answer is lost; the look-up after it finds the
        // dataset with the other installation's copy of its file.
        bool lost = false, filled = false;
        QString lostName;
        w.catalogue.state().fault = [&](const QString &call, bool *acted) -> std::optional<Error> {
            if (call == QLatin1String("createDataset") && !std::exchange(lost, true)) {
                *acted = true; // made, but the answer never arrived
                return lostAnswer();
            }
            if (call.startsWith(QLatin1String("findDataset")) && lost && !filled) {
                filled = true;
                Dataset made;
                {
                    QMutexLocker locker(&w.catalogue.state().mutex);
                    made = w.catalogue.state().datasets.first();
                }
                lostName = made.description;
                w.catalogue.addFile(made.id, QString(), QStringLiteral("a.dat"), 10, true,
                                    w.dataDir() + QStringLiteral("/alice/%1/a.dat").arg(made.description));
            }
            return std::nullopt;
        };
        // One thread: the first dataset made is the one whose answer is lost.
        PreparedRun prepared = w.prepared();
        prepared.uploadThreads = 1;
        Plan p;
        const Status s = plan(w, prepared, p);
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QVERIFY(filled);
        QCOMPARE(w.catalogue.state().datasets.size(), datasets);
        QCOMPARE(p.datasets.size(), datasets);
        for (const PlannedDataset &d : std::as_const(p.datasets)) {
            QCOMPARE(d.files.size(), 1);
            const bool theLostOne = d.datasetName == lostName;
            QCOMPARE(d.datasetAction, theLostOne ? CatalogueAction::Reuse : CatalogueAction::Create);
            QCOMPARE(d.files.first().decision, theLostOne ? FileDecision::AlreadyVerified : FileDecision::Upload);
        }
    }

    void existingDatasetsAreLookedUpOnSeveralThreads()
    {
        // Many existing datasets: their look-ups overlap (max_upload_threads
        // of them), each is asked once, and the plan keeps the scan's order.
        StageWorld w;
        constexpr int kDatasets = 12;
        for (int i = 0; i < kDatasets; ++i)
            w.write(QStringLiteral("alice/Run %1/a.dat").arg(i, 2, 10, QLatin1Char('0')), 10);
        PreparedRun prepared = w.prepared();
        prepared.uploadThreads = 4;
        Plan first;
        QVERIFY(plan(w, prepared, first).ok()); // creates them all

        std::atomic_int inFlight{0};
        std::atomic_int most{0};
        w.catalogue.state().fault = [&](const QString &call, bool *) -> std::optional<Error> {
            if (!call.startsWith(QLatin1String("findDataset")))
                return std::nullopt;
            const int now = ++inFlight;
            for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
            }
            // Wait (bounded) for a second look-up to overlap this one: one
            // after another, none ever does.
            QDeadlineTimer patience(2000);
            while (most.load() < 2 && !patience.hasExpired())
                QThread::msleep(1);
            --inFlight;
            return std::nullopt;
        };
        const int findsBefore = w.catalogue.count(QStringLiteral("findDataset"));
        const int eventsBefore = int(w.sink.datasets.size());
        Plan second;
        const Status s = plan(w, prepared, second);
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QVERIFY2(most.load() >= 2, "the dataset look-ups were made one after another");
        QCOMPARE(w.catalogue.count(QStringLiteral("findDataset")) - findsBefore, kDatasets);
        QCOMPARE(w.catalogue.count(QStringLiteral("createDataset")), kDatasets);
        QCOMPARE(second.datasets.size(), kDatasets);
        QCOMPARE(w.sink.datasets.size() - eventsBefore, kDatasets);
        for (int i = 0; i < kDatasets; ++i) {
            QCOMPARE(second.datasets.at(i).datasetName, first.datasets.at(i).datasetName);
            QCOMPARE(second.datasets.at(i).datasetId, first.datasets.at(i).datasetId);
            QCOMPARE(second.datasets.at(i).datasetAction, CatalogueAction::Reuse);
            QCOMPARE(w.sink.datasets.at(eventsBefore + i).datasetId, first.datasets.at(i).datasetId);
        }
    }

    void ownersAndListingsAreLookedUpOnSeveralThreads_data()
    {
        QTest::addColumn<QString>("call");
        QTest::newRow("owners") << QStringLiteral("userByUsername");
        QTest::newRow("listings") << QStringLiteral("dataFilesOfDataset");
    }

    void ownersAndListingsAreLookedUpOnSeveralThreads()
    {
        // A first run of many user folders whose datasets exist: each owner
        // and each dataset's listing is asked once, max_upload_threads of
        // them at a time, and the plan and its events keep the scan's order.
        QFETCH(QString, call);
        StageWorld w;
        constexpr int kOwners = 8;
        QStringList names;
        for (int i = 0; i < kOwners; ++i) {
            names << QStringLiteral("user%1").arg(i);
            if (i % 3) // every third folder matches nobody: it still gets its sentence
                w.catalogue.addUser(names.last(), QStringLiteral("User"), QString::number(i));
            for (int d = 0; d < 2; ++d)
                w.write(QStringLiteral("%1/Run %2/a.dat").arg(names.last()).arg(d), 10);
        }
        PreparedRun prepared = w.prepared();
        prepared.uploadThreads = 4;
        Plan first;
        QVERIFY(plan(w, prepared, first).ok()); // makes the experiments and datasets

        std::atomic_int inFlight{0};
        std::atomic_int most{0};
        w.catalogue.state().fault = [&](const QString &c, bool *) -> std::optional<Error> {
            if (c != call)
                return std::nullopt;
            const int now = ++inFlight;
            for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
            }
            // Wait (bounded) for a second one to overlap this one: one after
            // another, none ever does.
            QDeadlineTimer patience(2000);
            while (most.load() < 2 && !patience.hasExpired())
                QThread::msleep(1);
            --inFlight;
            return std::nullopt;
        };
        const int asksBefore = w.catalogue.count(call);
        const int ownerEventsBefore = int(w.sink.owners.size());
        Plan second;
        const Status s = plan(w, prepared, second);
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QVERIFY2(most.load() >= 2, qPrintable(call + QStringLiteral(" were asked one after another")));
        QCOMPARE(w.catalogue.count(call) - asksBefore, call == QLatin1String("userByUsername") ? kOwners : 2 * kOwners);
        QCOMPARE(w.catalogue.count(QStringLiteral("createDataset")), 2 * kOwners);
        QCOMPARE(second.datasets.size(), 2 * kOwners);
        QCOMPARE(int(w.sink.owners.size()) - ownerEventsBefore, 2 * kOwners);
        for (int i = 0; i < second.datasets.size(); ++i) {
            const PlannedDataset &d = second.datasets.at(i);
            QCOMPARE(d.ownerFolder, first.datasets.at(i).ownerFolder);
            QCOMPARE(d.ownerResolved, first.datasets.at(i).ownerResolved);
            QCOMPARE(d.ownerNote, first.datasets.at(i).ownerNote);
            QCOMPARE(d.datasetId, first.datasets.at(i).datasetId);
            QCOMPARE(d.datasetAction, CatalogueAction::Reuse);
            QCOMPARE(w.sink.owners.at(ownerEventsBefore + i).folder, d.ownerFolder);
        }
        QVERIFY(second.datasets.first().ownerNote.contains(QStringLiteral("matches no MyTardis username")));
        QCOMPARE(second.count(FileDecision::Upload), 2 * kOwners);
    }

    void aMissingDatasetIsNotAskedForAgain()
    {
        // Its experiment exists, the dataset does not: looked up once before
        // and once under the catalogue lock, as without the threads.
        StageWorld w;
        w.write(QStringLiteral("alice/Run 1/a.dat"), 10);
        PreparedRun prepared = w.prepared();
        prepared.uploadThreads = 4;
        Plan first;
        QVERIFY(plan(w, prepared, first).ok());
        for (int i = 2; i <= 4; ++i)
            w.write(QStringLiteral("alice/Run %1/a.dat").arg(i), 10);
        const int findsBefore = w.catalogue.count(QStringLiteral("findDataset"));
        const int experimentFindsBefore = w.catalogue.count(QStringLiteral("findExperiment"));
        Plan second;
        QVERIFY(plan(w, prepared, second).ok());
        QCOMPARE(w.catalogue.count(QStringLiteral("findDataset")) - findsBefore, 1 + 3 * 2);
        QCOMPARE(w.catalogue.count(QStringLiteral("findExperiment")) - experimentFindsBefore, 1);
        QCOMPARE(w.catalogue.count(QStringLiteral("createDataset")), 4);
        QCOMPARE(second.datasets.at(3).datasetAction, CatalogueAction::Create);
    }

    void aServerFailureEndsThePlanWithItsSentence()
    {
        StageWorld w;
        w.write(QStringLiteral("alice/Run/a.dat"), 10);
        Plan first; // makes the dataset, which the second plan then lists
        QVERIFY(plan(w, w.prepared(), first).ok());
        w.catalogue.state().fault = [](const QString &call, bool *) -> std::optional<Error> {
            if (call == QLatin1String("dataFilesOfDataset"))
                return Error::transient(QStringLiteral("The MyTardis server failed (HTTP 503) while listing."), 503);
            return std::nullopt;
        };
        Plan p;
        const Status s = plan(w, w.prepared(), p);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QStringLiteral("HTTP 503")));
    }
};

QTEST_GUILESS_MAIN(TestPlanner)
#include "tst_planner.moc"
