// A window full of a plausible run, for looking at the GUI (screenshots,
// layout checks) without a server: the real MainWindow and TestRunWindow
// fed with made-up events. Not a test; `tardigrade_ui_demo --help`.
#include "app/AppActions.h"
#include "app/Icons.h"
#include "app/RunStatus.h"
#include "models/RunModels.h"
#include "sync/RegisterFromSettings.h"
#include "sync/TestRunReport.h"
#include "sync/TestRunTree.h"
#include "windows/AboutBox.h"
#include "windows/MainWindow.h"
#include "windows/StagingAccessDialog.h"
#include "windows/StagingBanner.h"
#include "windows/TestRunWindow.h"
#include "../SampleRun.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTemporaryDir>
#include <QTimer>

using namespace tardigrade;
using namespace tardigrade::ui;

namespace {

void feed(RunModels &models, RunStatus &status, bool running)
{
    const QStringList owners = {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("chen.wei"),
                                QStringLiteral("unknown_user")};
    status.onRunStarted(false);
    models.onRunStarted(false);
    for (const QString &o : owners) {
        const bool known = o != QLatin1String("unknown_user");
        models.onOwnerChanged(
            {o, QStringLiteral("username"), known ? o : QString(),
             known ? (o == QLatin1String("alice") ? QStringLiteral("Alice Smith")
                      : o == QLatin1String("bob") ? QStringLiteral("Bob Jones")
                                                  : QStringLiteral("Chen Wei"))
                   : QString(),
             known ? QStringLiteral("found") : QStringLiteral("not found: uploaded to the facility account")});
    }
    int n = 0;
    for (const QString &o : owners) {
        for (int d = 1; d <= 3; ++d) {
            const QString ds = QStringLiteral("2026-11-%1 grid%2").arg(10 + d, 2, 10, QLatin1Char('0')).arg(d);
            const QString path = o + QLatin1Char('/') + ds;
            models.onDatasetChanged({path, o, QStringLiteral("Titan Krios 1 - ") + o, ds, 12 + d, d * 4,
                                     qint64(d) * 3'400'000'000LL,
                                     d == 1 ? QStringLiteral("exists") : QStringLiteral("created")});
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

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TardigradeDemo"));
    initResources();
    QApplication::setWindowIcon(appIcon());
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption tab(QStringLiteral("tab"), QStringLiteral("Tab to show (0-4)."), QStringLiteral("n"),
                           QStringLiteral("0"));
    QCommandLineOption running(QStringLiteral("running"), QStringLiteral("Show a run in progress."));
    QCommandLineOption testRun(QStringLiteral("test-run"), QStringLiteral("Show the Test Run window."));
    QCommandLineOption about(QStringLiteral("about"), QStringLiteral("Show the About box."));
    QCommandLineOption stagingBanner(QStringLiteral("staging-banner"),
                                     QStringLiteral("Show the banner of a request awaiting approval."));
    QCommandLineOption stagingDialog(QStringLiteral("staging-dialog"),
                                     QStringLiteral("Show the staging access dialog: answer, busy or error."),
                                     QStringLiteral("answer|busy|error"));
    parser.addOptions({tab, running, testRun, about, stagingBanner, stagingDialog});
    parser.process(app);

    RunStatus status;
    RunModels models;
    AppActions actions;
    actions.follow(status);
    MainWindow window(&actions, &models, status);
    window.setCloseHides(false);
    feed(models, status, parser.isSet(running));
    window.showTab(MainWindow::Tab(parser.value(tab).toInt()));
    window.show();

    TestRunWindow report;
    if (parser.isSet(testRun)) {
        const Plan plan = samplePlan();
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
    return app.exec();
}
