// The status bar during a run: its parts keep their places as the counts
// change, it never promises "0 s left" while bytes remain, shows no speed
// once the bytes are sent (verifying), and the toolbar does not shift when
// Pause becomes Resume. Per file, hashing and sending are two phases, each
// with its own progress from 0 to 100%.
#include "app/AppActions.h"
#include "app/RunStatus.h"
#include "models/Formatting.h"
#include "models/RunModels.h"
#include "models/UploadTableModel.h"
#include "windows/MainWindow.h"
#include "windows/RunStatusBar.h"

#include <QAction>
#include <QLabel>
#include <QMainWindow>
#include <QProgressBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

using namespace tardigrade;
using namespace tardigrade::ui;

namespace {
ProgressEvent progress(const QString &stage, qint64 done, qint64 total, double speed, int eta)
{
    ProgressEvent p;
    p.stage = stage;
    p.filesDone = int(done / 1000);
    p.filesTotal = int(total / 1000);
    p.bytesDone = done;
    p.bytesTotal = total;
    p.bytesPerSecond = speed;
    p.etaSeconds = eta;
    return p;
}
} // namespace

class TestRunStatusBar : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // Where each part of the status bar is, right now.
    static QList<QRect> places(QStatusBar *bar)
    {
        QCoreApplication::sendPostedEvents(); // the layout's requests
        QList<QRect> rects;
        rects << bar->findChild<QProgressBar *>()->geometry();
        for (const char *name : {"bytes", "speed", "eta"})
            rects << bar->findChild<QLabel *>(QLatin1String(name))->geometry();
        return rects;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("xdg")).toLocal8Bit());
        QCoreApplication::setOrganizationName(QStringLiteral("TardigradeStatusBarTest"));
    }

    void partsKeepTheirPlacesAsTheCountsChange_data()
    {
        QTest::addColumn<int>("width");
        QTest::newRow("laptop") << 1100;
        QTest::newRow("1280x800 at 200%") << 632;
    }

    void partsKeepTheirPlacesAsTheCountsChange()
    {
        QFETCH(int, width);
        RunStatus status;
        QMainWindow window;
        auto *bar = new RunStatusBar(status, &window);
        window.setStatusBar(bar);
        window.resize(width, 400);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        status.onRunStarted(false);
        status.onProgress(progress(QStringLiteral("Scanning"), 0, 0, 0, -1)); // nothing known yet
        const QList<QRect> before = places(bar);
        const QList<ProgressEvent> later = {
            progress(QStringLiteral("Uploading"), 1'000, 9'000, 0, -1),                         // bytes appear
            progress(QStringLiteral("Uploading"), 3'100'000'000LL, 8'900'000'000LL, 104e6, 56), // speed, ETA
            progress(QStringLiteral("Uploading"), 310'000'000'000LL, 890'000'000'000LL, 950e6, 200'000),
            progress(QStringLiteral("Uploading"), 8'899'000'000LL, 8'900'000'000LL, 1e3, 2),
            progress(QStringLiteral("Verifying"), 8'900'000'000LL, 8'900'000'000LL, 104e6, -1), // speed goes
            progress(QStringLiteral("Looking up the experiments and datasets of every owner folder"), 0, 0, 0, -1),
        };
        for (const ProgressEvent &p : later) {
            status.onProgress(p);
            QCOMPARE(places(bar), before);
        }
        // Everything fits: the counts are not cut.
        QVERIFY(window.width() <= width);
        for (const char *name : {"bytes", "speed", "eta"}) {
            auto *label = bar->findChild<QLabel *>(QLatin1String(name));
            QVERIFY2(label->width() >= label->sizeHint().width(), name);
        }
    }

    void neverZeroSecondsLeftWhileBytesRemain()
    {
        RunStatus status;
        RunStatusBar bar(status);
        status.onRunStarted(false);
        for (int eta = 0; eta < 6; ++eta) {
            status.onProgress(progress(QStringLiteral("Uploading"), 8'899'000'000LL, 8'900'000'000LL, 5e6, eta));
            QVERIFY2(!bar.etaText().isEmpty(), "bytes remain: the ETA is known");
            QVERIFY2(!bar.etaText().startsWith(QLatin1String("0 ")), qPrintable(bar.etaText()));
            QVERIFY2(!formatEta(eta).startsWith(QLatin1Char('0')), qPrintable(formatEta(eta)));
        }
        status.onProgress(progress(QStringLiteral("Uploading"), 8'899'000'000LL, 8'900'000'000LL, 5e6, 0));
        QCOMPARE(bar.etaText(), QStringLiteral("a few seconds left"));
        status.onProgress(progress(QStringLiteral("Uploading"), 8'899'000'000LL, 8'900'000'000LL, 5e6, 20));
        QCOMPARE(bar.etaText(), QStringLiteral("20 s left"));
        // Every byte sent: nothing left to promise.
        status.onProgress(progress(QStringLiteral("Uploading"), 8'900'000'000LL, 8'900'000'000LL, 5e6, 0));
        QCOMPARE(bar.etaText(), QString());
    }

    void noSpeedWhileVerifying()
    {
        RunStatus status;
        RunStatusBar bar(status);
        status.onRunStarted(false);
        status.onProgress(progress(QStringLiteral("Uploading"), 500'000'000, 1'000'000'000, 25e6, 20));
        QCOMPARE(bar.speedText(), QStringLiteral("25.0 MB/s"));
        // The engine's last rate comes with the verifying stage: stale.
        status.onProgress(progress(QStringLiteral("Verifying"), 1'000'000'000, 1'000'000'000, 25e6, 3));
        QCOMPARE(bar.speedText(), QString());
        QCOMPARE(bar.etaText(), QString());
        QCOMPARE(bar.bytesText(), QStringLiteral("1.0 GB of 1.0 GB"));
        // Nothing moving: all sent while the stage still says uploading.
        status.onProgress(progress(QStringLiteral("Uploading"), 1'000'000'000, 1'000'000'000, 25e6, 0));
        QCOMPARE(bar.speedText(), QString());
        // Verifying files that were sent in an earlier run: no bytes at all.
        status.onProgress(progress(QStringLiteral("Verifying"), 0, 0, 0, -1));
        QCOMPARE(bar.speedText(), QString());
    }

    void toolbarDoesNotShiftWhenPauseBecomesResume()
    {
        RunStatus status;
        RunModels models;
        AppActions actions;
        actions.follow(status);
        MainWindow window(&actions, &models, status);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *toolbar = window.findChild<QToolBar *>(QStringLiteral("actions"));
        QVERIFY(toolbar);
        QWidget *pause = toolbar->widgetForAction(actions.pauseResume);
        QWidget *settings = toolbar->widgetForAction(actions.settings);
        QCoreApplication::sendPostedEvents();
        const QRect pauseBefore = pause->geometry();
        const QRect settingsBefore = settings->geometry();
        status.onPausedChanged(true);
        QCOMPARE(actions.pauseResume->text(), QStringLiteral("Resume"));
        QCoreApplication::sendPostedEvents();
        QCOMPARE(pause->geometry(), pauseBefore);
        QCOMPARE(settings->geometry(), settingsBefore);
        // And the wider text is not cut: the button is as wide as it wants.
        QVERIFY(pause->width() >= pause->sizeHint().width());
        status.onPausedChanged(false);
        QCoreApplication::sendPostedEvents();
        QCOMPARE(pause->geometry(), pauseBefore);
    }

    // The Uploads tab: a file is first hashed, then sent; the State column
    // names the phase and the progress starts again from 0% for each.
    void uploadRowShowsHashingThenSendingAsPhases()
    {
        UploadTableModel model;
        const auto show = [&model](FileState state, qint64 done) -> QString {
            FileEvent e;
            e.path = QStringLiteral("alice/run1/a.tif");
            e.state = state;
            e.size = 1000;
            e.done = done;
            model.apply(e);
            return model.index(0, UploadTableModel::State).data().toString() + QLatin1Char(' ') +
                   model.index(0, UploadTableModel::Progress).data().toString();
        };
        QCOMPARE(show(FileState::Hashing, 0), QStringLiteral("Hashing 0%"));
        QCOMPARE(show(FileState::Hashing, 400), QStringLiteral("Hashing 40%"));
        QCOMPARE(show(FileState::Hashing, 1000), QStringLiteral("Hashing 100%"));
        QCOMPARE(show(FileState::Transferring, 0), QStringLiteral("Transferring 0%"));
        QCOMPARE(model.index(0, UploadTableModel::Speed).data().toString(), QString()); // a new phase: no rate yet
        QCOMPARE(show(FileState::Transferring, 250), QStringLiteral("Transferring 25%"));
        QCOMPARE(model.index(0, UploadTableModel::Progress).data(UploadTableModel::PercentRole).toInt(), 25);
        QCOMPARE(show(FileState::Verifying, 1000), QStringLiteral("Verifying 100%"));
    }
};

QTEST_MAIN(TestRunStatusBar)
#include "tst_runstatusbar.moc"
