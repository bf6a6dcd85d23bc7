// A window full of a plausible run, for looking at the GUI (screenshots,
// layout checks) without a server: the real MainWindow and TestRunWindow
// fed with made-up events. Not a test; `tardigrade_ui_demo --help`.
#include "app/AppActions.h"
#include "app/Icons.h"
#include "app/RunStatus.h"
#include "models/RunModels.h"
#include "sync/TestRunReport.h"
#include "windows/AboutBox.h"
#include "windows/MainWindow.h"
#include "windows/TestRunWindow.h"

#include <QApplication>
#include <QCommandLineParser>
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
    if (running) {
        ProgressEvent p;
        p.stage = QStringLiteral("Uploading");
        p.filesDone = 17;
        p.filesTotal = 48;
        p.bytesDone = 3'100'000'000LL;
        p.bytesTotal = 8'900'000'000LL;
        p.bytesPerSecond = 104'000'000;
        p.etaSeconds = 56;
        status.onProgress(p);
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
    parser.addOptions({tab, running, testRun, about});
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
        report.setReport(renderTestRunReport(samplePlan(), QDateTime::currentDateTime()));
        report.move(120, 80);
        report.show();
    }
    if (parser.isSet(about))
        QTimer::singleShot(200, &window, [&window] { showAboutBox(&window); });
    return app.exec();
}
