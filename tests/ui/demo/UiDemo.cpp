// A window full of a plausible run, for looking at the GUI (screenshots,
// layout checks) without a server: the real MainWindow and TestRunWindow
// fed with made-up events. Not a test; `tardigrade_ui_demo --help`.
#include "app/AppActions.h"
#include "app/Icons.h"
#include "app/QuitQuestion.h"
#include "app/RunStatus.h"
#include "models/RunModels.h"
#include "settings/SettingsDialog.h"
#include "schedule/NextRun.h"
#include "sync/RegisterFromSettings.h"
#include "sync/TestRunReport.h"
#include "sync/TestRunTree.h"
#include "windows/AboutBox.h"
#include "windows/CleanupWindow.h"
#include "models/CleanupTableModel.h"
#include "windows/MainWindow.h"
#include "windows/StagingAccessDialog.h"
#include "windows/StagingBanner.h"
#include "windows/TasksPage.h"
#include "windows/TestRunWindow.h"
#include "../SampleRun.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

using namespace tardigrade;
using namespace tardigrade::ui;

namespace {

// `groups`: a "User Group / ..." structure, whose owner folders are groups.
void feed(RunModels &models, RunStatus &status, bool running, bool groups)
{
    const QStringList owners =
        groups ? QStringList{QStringLiteral("Krios-cryoem"), QStringLiteral("Krios-structural"),
                             QStringLiteral("Krios-teaching"), QStringLiteral("Krios-visitors")}
               : QStringList{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("chen.wei"),
                             QStringLiteral("unknown_user")};
    status.onRunStarted(false);
    models.onRunStarted(false);
    for (const QString &o : owners) {
        const bool known = o != owners.last();
        if (groups) {
            models.onOwnerChanged({o, QStringLiteral("group"), known ? o : QString(), QString(),
                                   known ? QStringLiteral("found")
                                         : QStringLiteral("not found: uploaded to the facility account")});
            continue;
        }
        models.onOwnerChanged(
            {o, QStringLiteral("username"), known ? o : QString(),
             known ? (o == QLatin1String("alice") ? QStringLiteral("Alice Smith")
                      : o == QLatin1String("bob") ? QStringLiteral("Bob Jones")
                                                  : QStringLiteral("Chen Wei"))
                   : QString(),
             known ? QStringLiteral("found") : QStringLiteral("not found: uploaded to the facility account"),
             known ? o + QStringLiteral("@example.edu") : QString()});
    }
    int n = 0;
    for (const QString &o : owners) {
        for (int d = 1; d <= 3; ++d) {
            const QString ds = QStringLiteral("2026-11-%1 grid%2").arg(10 + d, 2, 10, QLatin1Char('0')).arg(d);
            const QString path = o + QLatin1Char('/') + ds;
            DatasetEvent folder{path, o, QStringLiteral("Titan Krios 1 - ") + o, ds, 12 + d, d * 4,
                                qint64(d) * 3'400'000'000LL,
                                d == 1 ? QStringLiteral("exists") : QStringLiteral("created")};
            folder.origin = d == 1 ? DatasetOrigin::Existing : DatasetOrigin::Created;
            models.onDatasetChanged(folder);
            // What the look-up found: the files being sent were not there;
            // earlier ones were, verified (some known from the cache), one
            // registered but not verified yet.
            QVector<LookupEvent> lookedUp;
            for (int f = 1; f <= 4; ++f)
                lookedUp.append({path + QStringLiteral("/Movies/FoilHole_%1_Data_%2.tiff").arg(1000 + n + f - 1).arg(f),
                                 ds, 180'000'000 + (n + f - 1) * 1'000'000, LookupResult::NotFound,
                                 d == 1 ? QString() : QStringLiteral("its dataset is new in this run")});
            for (int f = 1; d == 1 && f <= 3; ++f)
                lookedUp.append({path + QStringLiteral("/Movies/FoilHole_%1_Data_0.tiff").arg(900 + n + f), ds,
                                 179'000'000, f == 3 ? LookupResult::FoundUnverified
                                                     : f == 2 ? LookupResult::VerifiedInCache
                                                              : LookupResult::FoundVerified,
                                 f == 3 ? QStringLiteral("120000000 bytes already on staging") : QString()});
            models.onFilesLookedUp(lookedUp);
            for (int f = 1; f <= 4; ++f, ++n) {
                FileEvent e;
                e.path = path + QStringLiteral("/Movies/FoilHole_%1_Data_%2.tiff").arg(1000 + n).arg(f);
                e.dataset = ds;
                e.size = 180'000'000 + n * 1'000'000;
                const FileState states[] = {FileState::Verified, FileState::Verifying, FileState::Transferring,
                                            FileState::Hashing,  FileState::Found,     FileState::Failed};
                e.state = states[n % 6];
                e.done = e.state == FileState::Transferring ? e.size * (n % 10) / 10
                         : e.state == FileState::Hashing    ? e.size / 3
                                                            : 0;
                if (e.state == FileState::Failed)
                    e.message = QStringLiteral("the server's copy has a different checksum: it will be sent again "
                                               "in the next run");
                models.onFileChanged(e);
            }
        }
    }
    for (int i = 0; i < 40; ++i)
        models.onLogLine(QStringLiteral("2026-11-24 05:%1:%2 tardigrade.%3: %4")
                             .arg(10 + i / 6, 2, 10, QLatin1Char('0'))
                             .arg((i * 7) % 60, 2, 10, QLatin1Char('0'))
                             .arg(i % 3 == 0 ? QStringLiteral("scan") : QStringLiteral("transfer"))
                             .arg(i % 3 == 0 ? QStringLiteral("dataset alice/2026-11-11 grid1: 13 files")
                                             : QStringLiteral("FoilHole_%1_Data_1.tiff: 180.0 MB sent").arg(1000 + i)));
    // What the Log tab makes stand out: a warning and a long error.
    models.onLogLine(QStringLiteral("Staging access is not approved yet: a MyTardis administrator must approve this "
                                    "installation's request (key fingerprint 3f:2a:9c:41:7e:0b:55:d2:8a:19:c3:6f:"
                                    "e4:70:b8:12) and add its public key to the staging account's authorized_keys; "
                                    "until then files are uploaded by HTTP POST."),
                     LogSeverity::Warning);
    models.onLogLine(QStringLiteral("Failed: /data/krios/alice/2026-11-11 grid1/Movies/"
                                    "FoilHole_1005_Data_3_with_a_rather_long_name_from_EPU.tiff: the server's copy "
                                    "has a different checksum: it will be sent again in the next run"),
                     LogSeverity::Error);
    models.onLogLine(QStringLiteral("Run finished: 48 files found in 12 datasets, 16 already verified, 31 uploaded, "
                                    "30 verified, 1 failed."),
                     LogSeverity::Warning);
    if (running) {
        status.onProgress(sampleProgress());
    } else {
        SyncSummary s;
        s.found = 48;
        s.uploaded = 31;
        s.verified = 30;
        s.alreadyVerified = 16;
        s.bytesUploaded = 5'700'000'000LL;
        status.onRunFinished(s);
    }
    status.onNextRunChanged(QDateTime(QDate(2026, 11, 27), QTime(2, 0)));
}

Plan samplePlan()
{
    Plan plan;
    plan.uploadMethod = QStringLiteral("staging");
    plan.notes << QStringLiteral("instrument \"Titan Krios 1\" exists in facility \"Ramaciotti Centre\"");
    for (const QString &o : {QStringLiteral("alice"), QStringLiteral("bob")}) {
        PlannedDataset d;
        d.path = QStringLiteral("/data/krios/") + o + QStringLiteral("/2026-11-11 grid1");
        d.ownerFolder = o;
        d.ownerKind = QStringLiteral("username");
        d.ownerResolved = o;
        d.experimentTitle = QStringLiteral("Titan Krios 1 - ") + o;
        d.experimentAction = CatalogueAction::Reuse;
        d.datasetName = QStringLiteral("2026-11-11 grid1");
        d.datasetAction = CatalogueAction::WouldCreate;
        for (int i = 0; i < 4; ++i) {
            PlannedFile f;
            f.name = QStringLiteral("FoilHole_%1_Data.tiff").arg(2000 + i);
            f.directory = QStringLiteral("Movies");
            f.absolutePath = d.path + QStringLiteral("/Movies/") + f.name;
            f.size = 181'000'000 + i;
            f.decision = i == 3 ? FileDecision::AlreadyVerified : FileDecision::Upload;
            d.files << f;
        }
        plan.datasets << d;
    }
    // A dataset mostly done before: its verified files fold into one row.
    PlannedDataset done = plan.datasets.first();
    done.path = QStringLiteral("/data/krios/alice/2026-11-09 grid4");
    done.datasetName = QStringLiteral("2026-11-09 grid4");
    done.datasetAction = CatalogueAction::Reuse;
    done.datasetId = 4711;
    done.files.clear();
    for (int i = 0; i < 40; ++i) {
        PlannedFile f;
        f.name = QStringLiteral("FoilHole_%1_Data.tiff").arg(3000 + i);
        f.directory = QStringLiteral("Movies");
        f.absolutePath = done.path + QStringLiteral("/Movies/") + f.name;
        f.size = 179'000'000 + i;
        f.decision = i < 37 ? FileDecision::AlreadyVerified : i == 37 ? FileDecision::Resume : FileDecision::Skipped;
        if (f.decision == FileDecision::Skipped)
            f.reason = QStringLiteral("modified less than 5 minutes ago");
        done.files << f;
    }
    plan.datasets.insert(1, done);
    return plan;
}

// A daily 02:00 schedule and a week of nights: one with failures, one
// stopped, one that could not reach the server.
void showTasks(MainWindow &window, RunModels &models, RunStatus &status)
{
    ScheduleSpec spec;
    spec.type = ScheduleType::Daily;
    spec.time = QTime(2, 0);
    const QDateTime now = QDateTime::currentDateTime();
    window.tasksPage()->setSchedule(spec);
    const QDateTime next = nextRunTime(spec, now, now).value_or(QDateTime());
    status.onNextRunChanged(next); // the status bar says the same
    window.tasksPage()->setNextRun(next, false);
    QVector<RunRecord> runs;
    for (int day = 7; day >= 1; --day) {
        SyncSummary s;
        s.started = QDateTime(now.date().addDays(-day), QTime(2, 0, 3));
        s.datasets = 12 + day;
        s.found = 1400 + 37 * (7 - day);
        s.uploaded = day == 7 ? 1400 : 37;
        s.verified = s.uploaded;
        s.alreadyVerified = s.found - s.uploaded;
        s.finished = s.started.addSecs(day == 7 ? 5400 : 95 + day * 7);
        QString trigger = QStringLiteral("Daily");
        if (day == 5) {
            s.verified -= 2;
            s.failed = {FailedFile{QStringLiteral("alice/grid3/a.tiff"), QStringLiteral("HTTP 500")},
                        FailedFile{QStringLiteral("alice/grid3/b.tiff"), QStringLiteral("HTTP 500")}};
        } else if (day == 3) {
            trigger = QStringLiteral("Sync Now");
            s.started = s.started.addSecs(9 * 3600);
            s.finished = s.started.addSecs(41);
            s.uploaded = s.verified = 12;
            s.alreadyVerified = s.found - 30;
            s.cancelled = true;
        } else if (day == 2) {
            s = SyncSummary{};
            s.started = QDateTime(now.date().addDays(-day), QTime(2, 0, 3));
            s.finished = s.started.addSecs(31);
            s.fatalError = QStringLiteral("Cannot reach the MyTardis server at https://mytardis.example.edu: "
                                          "check the network and the MyTardis URL under Settings, General.");
        }
        runs << RunRecord::of(s, trigger);
    }
    models.history()->setRuns(runs);
    window.showTab(MainWindow::TasksTab);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TardigradeDemo"));
    initResources();
    QApplication::setWindowIcon(appIcon());
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption tab(QStringLiteral("tab"), QStringLiteral("Tab to show (0: Folders, 1: Users, 2: Groups, 3: Uploads, 4: Verifications, 5: Log)."), QStringLiteral("n"),
                           QStringLiteral("0"));
    QCommandLineOption running(QStringLiteral("running"), QStringLiteral("Show a run in progress."));
    QCommandLineOption groups(QStringLiteral("groups"),
                              QStringLiteral("A User Group folder structure: group folders, the Groups tab."));
    QCommandLineOption testRun(QStringLiteral("test-run"), QStringLiteral("Show the Test Run window."));
    QCommandLineOption about(QStringLiteral("about"), QStringLiteral("Show the About box."));
    QCommandLineOption stagingBanner(QStringLiteral("staging-banner"),
                                     QStringLiteral("Show the banner of a request awaiting approval."));
    QCommandLineOption stagingDialog(QStringLiteral("staging-dialog"),
                                     QStringLiteral("Show the staging access dialog: answer, busy or error."),
                                     QStringLiteral("answer|busy|error"));
    QCommandLineOption settingsOk(QStringLiteral("settings-ok"),
                                  QStringLiteral("Open the settings of FILE and press OK once read (the server "
                                                 "checks and their questions)."),
                                  QStringLiteral("file"));
    parser.addOptions({tab, running, groups, testRun, about, stagingBanner, stagingDialog, settingsOk});
    QCommandLineOption settingsOkInstrument(QStringLiteral("settings-ok-instrument"),
                                            QStringLiteral("With --settings-ok: type NAME as the instrument name "
                                                           "before OK (a rename of the saved one)."),
                                            QStringLiteral("name"));
    parser.addOption(settingsOkInstrument);
    QCommandLineOption cleanup(QStringLiteral("cleanup"),
                               QStringLiteral("Show the Cleanup window with files found; 'confirm' adds its question, "
                                              "'deleting' shows Delete under way with Stop, 'off' shows it not "
                                              "allowed."),
                               QStringLiteral("found|confirm|deleting|off"));
    parser.addOption(cleanup);
    QCommandLineOption tasks(QStringLiteral("tasks"),
                             QStringLiteral("Show the Tasks tab: a daily schedule and a week of past runs."));
    parser.addOption(tasks);
    QCommandLineOption quitQuestion(QStringLiteral("quit-question"),
                                    QStringLiteral("Ask Quit while an upload runs, as the tray's Quit does."));
    parser.addOption(quitQuestion);
    QCommandLineOption conflict(QStringLiteral("conflict"),
                                QStringLiteral("A frame re-acquired in place: a Conflict row on the Uploads tab and "
                                               "in the Test Run."));
    parser.addOption(conflict);
    QCommandLineOption unreadable(QStringLiteral("unreadable"),
                                  QStringLiteral("A file and a folder the user may not read: Cannot read rows on "
                                                 "the Uploads tab and in the Test Run."));
    parser.addOption(unreadable);
    parser.process(app);

    RunStatus status;
    RunModels models;
    AppActions actions;
    actions.follow(status);
    MainWindow window(&actions, &models, status);
    window.setCloseHides(false);
    window.setGroupStructure(parser.isSet(groups));
    feed(models, status, parser.isSet(running), parser.isSet(groups));
    const QString conflictReason =
        QStringLiteral("MyTardis holds another file under this name (MD5 9e107d9d372bb6826bd81d3542a419d6 there, "
                       "e4d909c290d0fb1ca068ffaddf22cbd0 here); rename the local file to upload it, or set "
                       "upload_changed_as_versions to upload it under a new name");
    if (parser.isSet(conflict))
        models.onFileChanged({QStringLiteral("alice/2026-11-11 grid1/Movies/FoilHole_0999_Data_0.tiff"),
                              QStringLiteral("2026-11-11 grid1"), FileState::Conflict, 179'000'000, 0,
                              conflictReason});
    // The sentences UnreadableEntry makes, for a file and a folder.
    const QVector<FailedFile> unreadableEntries = {
        {QStringLiteral("alice/2026-11-11 grid1/Movies/FoilHole_0998_Data_0.tiff"),
         QStringLiteral("alice/2026-11-11 grid1/Movies/FoilHole_0998_Data_0.tiff cannot be read (Permission "
                        "denied): give the user running Tardigrade permission to read it; the next run uploads it.")},
        {QStringLiteral("bob/2026-11-12 grid2/Atlas"),
         QStringLiteral("The folder bob/2026-11-12 grid2/Atlas cannot be read (Permission denied), so none of its "
                        "files are uploaded: give the user running Tardigrade permission to read it; the next run "
                        "uploads them.")}};
    if (parser.isSet(unreadable))
        for (const FailedFile &f : unreadableEntries)
            models.onFileChanged({f.path, f.path.section(QLatin1Char('/'), 1, 1), FileState::Unreadable, 0, 0,
                                  f.reason});
    window.showTab(MainWindow::Tab(parser.value(tab).toInt()));
    window.show();
    if (parser.isSet(tasks))
        showTasks(window, models, status);

    TestRunWindow report;
    if (parser.isSet(testRun)) {
        Plan plan = samplePlan();
        if (parser.isSet(conflict) && !plan.datasets.isEmpty()) {
            PlannedFile f;
            f.name = QStringLiteral("FoilHole_0999_Data_0.tiff");
            f.directory = QStringLiteral("Movies");
            f.absolutePath = plan.datasets.first().path + QStringLiteral("/Movies/") + f.name;
            f.size = 179'000'000;
            f.decision = FileDecision::Conflict;
            f.reason = conflictReason;
            plan.datasets.first().files.prepend(f);
        }
        if (parser.isSet(unreadable))
            plan.unreadable = unreadableEntries;
        const QDateTime when = QDateTime::currentDateTime();
        report.setTree(TestRunTree::fromPlan(plan, when)); // as the engine sends them: tree, then report
        report.setReport(renderTestRunReport(plan, when));
        report.move(120, 80);
        report.show();
    }
    if (parser.isSet(stagingBanner))
        window.stagingBanner()->setAccess(
            {StagingState::Pending, QStringLiteral("SHA256:PuUTPJ4sxAAILV/gygwHVifCEY4Vzay0aCxwE8wBgDQ")});
    StagingAccessDialog staging(&window);
    QTemporaryDir keyDir; // a real key, made here: the dialog shows nothing made up
    if (parser.isSet(stagingDialog)) {
        const QString what = parser.value(stagingDialog);
        if (what == QLatin1String("error")) {
            staging.showError(QStringLiteral("The MyTardis server refused username \"testfacility\" with the given "
                                             "API key (HTTP 401); check username and api_key in the settings."));
        } else if (what == QLatin1String("answer")) {
            RegisteredInstallation r;
            (void)r.settings.setValueNamed(QStringLiteral("instrument_name"), QStringLiteral("Titan Krios 1"));
            r.registration.identity = *SshIdentity::loadOrCreateAt(keyDir.filePath(QStringLiteral("id")));
            r.registration.request = RegistrationRequest{};
            staging.showRegistration(r);
        }
        staging.show();
    }
    if (parser.isSet(about))
        QTimer::singleShot(200, &window, [&window] { showAboutBox(&window); });
    if (parser.isSet(settingsOk)) {
        auto *settings = new SettingsDialog(parser.value(settingsOk), &window);
        settings->setServerChecks(true);
        const QString instrument = parser.value(settingsOkInstrument);
        QObject::connect(settings, &SettingsDialog::loaded, settings, [settings, instrument] {
            if (auto *field = qobject_cast<QLineEdit *>(settings->fieldFor(SettingKey::InstrumentName));
                field && !instrument.isEmpty())
                field->setText(instrument);
            settings->accept();
        });
        settings->show();
    }
    QTemporaryDir cleanupDir; // a settings file of its own: allow_cleanup as asked
    std::unique_ptr<CleanupWindow> cleanupWindow;
    if (parser.isSet(cleanup)) {
        const QString what = parser.value(cleanup);
        const QString cfg = cleanupDir.filePath(QStringLiteral("MyData.cfg"));
        QFile file(cfg);
        if (file.open(QIODevice::WriteOnly))
            file.write(what == QLatin1String("off") ? "[MyData]\nallow_cleanup = False\n"
                                                    : "[MyData]\nallow_cleanup = True\ncleanup_older_than_days = 30\n");
        file.close();
        cleanupWindow = std::make_unique<CleanupWindow>(cfg);
        if (what != QLatin1String("off")) {
            QVector<CleanupCandidate> found;
            const QDateTime now = QDateTime::currentDateTimeUtc();
            for (int i = 0; i < 14; ++i) {
                CleanupCandidate c;
                c.relativePath = QStringLiteral("alice/2026-09-%1 grid%2/Movies/FoilHole_%3_Data.tiff")
                                     .arg(10 + i / 5, 2, 10, QLatin1Char('0'))
                                     .arg(1 + i / 5)
                                     .arg(4100 + i);
                c.path = QStringLiteral("/data/krios/") + c.relativePath;
                c.size = 243'000'000 + qint64(i) * 1'700'000;
                c.mtime = now.addDays(-(75 - i * 2));
                found << c;
            }
            cleanupWindow->model()->setCandidates(found, now);
            cleanupWindow->model()->setData(cleanupWindow->model()->index(13, CleanupTableModel::PathColumn),
                                            Qt::Unchecked, Qt::CheckStateRole);
            cleanupWindow->model()->setData(cleanupWindow->model()->index(12, CleanupTableModel::PathColumn),
                                            Qt::Unchecked, Qt::CheckStateRole);
            cleanupWindow->statusLabel()->setText(
                QStringLiteral("14 files (%1) can be deleted: the server holds verified copies.\n")
                        .arg(formatBytes(cleanupWindow->model()->totalBytes())) +
                QStringLiteral("2 files are not listed because the server holds no verified copy with the same "
                               "size and checksum."));
        }
        cleanupWindow->move(140, 90);
        cleanupWindow->show();
        if (what == QLatin1String("deleting")) { // as it looks while the job works (none runs here)
            cleanupWindow->statusLabel()->setText(QStringLiteral("Checking and deleting 12 files…"));
            cleanupWindow->progressBar()->setRange(0, 12);
            cleanupWindow->progressBar()->setValue(5);
            cleanupWindow->progressBar()->show();
            cleanupWindow->stopButton()->show();
            for (QWidget *held : {static_cast<QWidget *>(cleanupWindow->findButton()),
                                  static_cast<QWidget *>(cleanupWindow->deleteButton()),
                                  static_cast<QWidget *>(cleanupWindow->ageField())})
                held->setEnabled(false);
        }
        if (what == QLatin1String("confirm"))
            QTimer::singleShot(300, cleanupWindow.get(), [&cleanupWindow] { cleanupWindow->deleteSelected(); });
    }
    if (parser.isSet(quitQuestion)) // over the window, once it is up
        QTimer::singleShot(300, &window, [&window] { askToQuit(&window, true, QString()); });
    return app.exec();
}
