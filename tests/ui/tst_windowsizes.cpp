// Every window fits a small screen: a laptop at 1366x768, and 1280x800 at
// 200% (640x400 to Qt). The offscreen platform is given those two screens
// (the 200% one primary, so windows that are not placed open on it): the
// main window's default and saved sizes, the settings dialog, the Test Run
// window and the About box must open wholly on the screen, and their
// minimum sizes must let the user make them that small.
#include "SampleRun.h"
#include "windows/StagingAccessDialog.h"
#include "app/AppActions.h"
#include "app/RunStatus.h"
#include "models/RunModels.h"
#include "settings/SettingsDialog.h"
#include "settings/SettingsPage.h"
#include "windows/AboutBox.h"
#include "windows/MainWindow.h"
#include "windows/ScreenFit.h"
#include "windows/TestRunWindow.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace tardigrade;
using namespace tardigrade::ui;

namespace {
const QSize kLaptop(1366, 768);
const QSize kHiDpi(640, 400); // 1280x800 at 200%

QScreen *screenNamed(const QString &name)
{
    for (QScreen *s : QGuiApplication::screens())
        if (s->name() == name)
            return s;
    return nullptr;
}

QString describe(const QRect &r)
{
    return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}
} // namespace

class TestWindowSizes : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writeCfg(const QString &name, const QString &extra = {})
    {
        const QString path = m_dir.filePath(name + QStringLiteral("/MyData.cfg"));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write the test cfg");
        f.write(QStringLiteral("[MyData]\ninstrument_name = Titan Krios G4\nfacility_name = Microscopy Facility\n"
                               "mytardis_url = https://mytardis.example.edu\nusername = facility-uploader\n"
                               "api_key = b2a7c9d4e1f0\ndata_directory = %1\n")
                    .arg(m_dir.path())
                    .toUtf8() +
                extra.toUtf8());
        return path;
    }

    // The whole window, frame included, on the usable part of its screen.
    static bool openedWithin(QWidget &w, const QRect &available)
    {
        if (!QTest::qWaitForWindowExposed(&w))
            return false;
        QCoreApplication::processEvents();
        const QRect frame = w.frameGeometry();
        if (available.contains(frame))
            return true;
        qWarning("%s opened at %s, outside %s", w.metaObject()->className(), qPrintable(describe(frame)),
                 qPrintable(describe(available)));
        return false;
    }

    // The user can make it that small (a frame's worth of room kept).
    static bool shrinksTo(const QWidget &w, const QSize &screen)
    {
        const QSize room = QRect(QPoint(), screen).marginsRemoved(typicalFrame()).size();
        const QSize least = w.minimumSizeHint().expandedTo(w.minimumSize());
        if (least.width() <= room.width() && least.height() <= room.height())
            return true;
        qWarning("%s needs at least %dx%d; %dx%d is all there is", w.metaObject()->className(), least.width(),
                 least.height(), room.width(), room.height());
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("xdg")).toLocal8Bit());
        QCoreApplication::setOrganizationName(QStringLiteral("TardigradeWindowSizesTest"));
        QVERIFY2(screenNamed(QStringLiteral("hidpi")) && screenNamed(QStringLiteral("laptop")),
                 "the offscreen platform did not take the two screens");
        QCOMPARE(QGuiApplication::primaryScreen()->name(), QStringLiteral("hidpi"));
        QCOMPARE(QGuiApplication::primaryScreen()->availableGeometry().size(), kHiDpi);
        QCOMPARE(screenNamed(QStringLiteral("laptop"))->availableGeometry().size(), kLaptop);
    }

    void init()
    {
        QSettings().remove(QStringLiteral("MainWindow"));
    }

    void fitToScreenShrinksMovesAndCentres()
    {
        const QRect screen(0, 0, 1366, 768);
        const QMargins none;
        // Fits already: left alone.
        QCOMPARE(fitToScreen(QRect(100, 50, 1000, 620), screen, none), QRect(100, 50, 1000, 620));
        // From a 4K monitor: as big as the screen, no bigger.
        QCOMPARE(fitToScreen(QRect(200, 100, 3000, 2000), screen, none), QRect(0, 0, 1366, 768));
        // Hanging over the right and bottom edges: moved in, size kept.
        QCOMPARE(fitToScreen(QRect(900, 500, 1000, 620), screen, none), QRect(366, 148, 1000, 620));
        // On a monitor that is gone: centred.
        QCOMPARE(fitToScreen(QRect(3000, 100, 1000, 620), screen, none), QRect(183, 74, 1000, 620));
        // The frame stays on the screen too.
        QCOMPARE(fitToScreen(QRect(0, 0, 3000, 2000), screen, QMargins(4, 36, 4, 4)), QRect(4, 36, 1358, 728));
        // A second screen at a negative position.
        QCOMPARE(fitToScreen(QRect(-3000, 0, 800, 600), QRect(-1366, 0, 1366, 768), none),
                 QRect(-1082, 84, 800, 600));
    }

    void mainWindowDefaultFitsTheSmallScreen()
    {
        RunStatus status;
        RunModels models;
        AppActions actions;
        MainWindow window(&actions, &models, status);
        QVERIFY(shrinksTo(window, kHiDpi));
        window.show();
        QVERIFY(openedWithin(window, QGuiApplication::primaryScreen()->availableGeometry()));
    }

    void mainWindowHugeSavedGeometryOpensWithinTheScreen_data()
    {
        QTest::addColumn<QRect>("saved");
        QTest::newRow("bigger than the screen") << QRect(20, 40, 3200, 2000);
        QTest::newRow("on a monitor that is gone") << QRect(6000, 3000, 900, 600);
        QTest::newRow("half off the edge") << QRect(500, 300, 900, 600);
    }

    void mainWindowHugeSavedGeometryOpensWithinTheScreen()
    {
        QFETCH(QRect, saved);
        {
            // What a session on a big monitor saved.
            QWidget big;
            big.setGeometry(saved);
            QSettings s;
            s.setValue(QStringLiteral("MainWindow/geometry"), big.saveGeometry());
        }
        RunStatus status;
        RunModels models;
        AppActions actions;
        MainWindow window(&actions, &models, status);
        window.show();
        QVERIFY(openedWithin(window, window.screen()->availableGeometry()));
    }

    void mainWindowStatusBarFitsTheSmallScreenDuringARun()
    {
        RunStatus status;
        RunModels models;
        AppActions actions;
        MainWindow window(&actions, &models, status);
        status.onRunStarted(false);
        status.onProgress(sampleProgress());
        status.onNextRunChanged(QDateTime(QDate(2026, 11, 27), QTime(2, 0)));
        window.show();
        QVERIFY(openedWithin(window, QGuiApplication::primaryScreen()->availableGeometry()));
        QVERIFY(shrinksTo(window, kHiDpi));
        // Nothing in the status bar squeezed below what it needs.
        for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
            if (label->isVisible() && label->objectName() != QLatin1String("stage"))
                QVERIFY2(label->width() >= label->sizeHint().width(), qPrintable(label->text()));
    }

    void settingsDialogFits_data()
    {
        QTest::addColumn<QString>("extra");
        QTest::newRow("editable") << QString();
        QTest::newRow("locked (banner shown)") << QStringLiteral("locked = True\n");
    }

    void settingsDialogFits()
    {
        QFETCH(QString, extra);
        SettingsDialog d(writeCfg(QStringLiteral("settings%1").arg(extra.isEmpty()), extra));
        // While it reads the settings it says so beside the buttons: that
        // sentence must not widen it past the screen either.
        QVERIFY(!d.isReady());
        QVERIFY(shrinksTo(d, kHiDpi));
        QVERIFY(QTest::qWaitFor([&d] { return d.isReady(); }, 5000));
        QVERIFY(shrinksTo(d, kHiDpi));
        QVERIFY(d.sizeHint().width() <= kLaptop.width() && d.sizeHint().height() <= kLaptop.height());
        d.show();
        QVERIFY(openedWithin(d, QGuiApplication::primaryScreen()->availableGeometry()));
        // Every page is reachable: scrolled, not cut off.
        for (SettingsDialog::Page page : {SettingsDialog::GeneralTab, SettingsDialog::ScheduleTab,
                                          SettingsDialog::FiltersTab, SettingsDialog::AdvancedTab}) {
            d.showPage(page);
            QVERIFY(shrinksTo(d, kHiDpi));
        }
    }

    // On a small screen the pages scroll: a field focused from code (a
    // problem clicked in the list) is scrolled into view.
    void focusedFieldScrollsIntoView()
    {
        SettingsDialog d(writeCfg(QStringLiteral("focus")));
        QVERIFY(QTest::qWaitFor([&d] { return d.isReady(); }, 5000));
        d.show();
        QApplication::setActiveWindow(&d);
        QVERIFY(QTest::qWaitForWindowActive(&d));
        SettingsPage *page = d.page(SettingsDialog::AdvancedTab);
        d.showPage(SettingsDialog::AdvancedTab);
        QWidget *lowest = nullptr;
        for (SettingKey key : page->keys()) {
            QWidget *field = page->fieldFor(key);
            if (field->isEnabled() && (!lowest || field->mapTo(page, QPoint()).y() > lowest->mapTo(page, QPoint()).y()))
                lowest = field;
        }
        QVERIFY(lowest);
        auto *area = qobject_cast<QScrollArea *>(page->parentWidget()->parentWidget());
        QVERIFY2(area, "the page is not in a scroll area");
        const auto inView = [area, lowest] {
            const QRect r(lowest->mapTo(area->viewport(), QPoint()), lowest->size());
            return area->viewport()->rect().contains(r);
        };
        QVERIFY2(!inView(), "the page fits: nothing to scroll on this screen");
        lowest->setFocus(Qt::OtherFocusReason);
        QTRY_VERIFY(inView());
    }

    void settingsDialogKeepsItsSizeWhereThereIsRoom()
    {
        // Over a main window on the laptop screen the dialog is not shrunk.
        QWidget parent;
        parent.setGeometry(QRect(screenNamed(QStringLiteral("laptop"))->availableGeometry().topLeft() +
                                     QPoint(100, 100),
                                 QSize(800, 500)));
        parent.show();
        QVERIFY(QTest::qWaitForWindowExposed(&parent));
        SettingsDialog d(writeCfg(QStringLiteral("roomy")), &parent);
        QCOMPARE(d.size(), QSize(660, 520));
    }

    void testRunWindowFits()
    {
        TestRunWindow w;
        QVERIFY(shrinksTo(w, kHiDpi));
        w.show();
        QVERIFY(openedWithin(w, QGuiApplication::primaryScreen()->availableGeometry()));
        w.setReport(QStringLiteral("Summary\n  files: 3 to upload\n").repeated(40));
        QVERIFY(shrinksTo(w, kHiDpi));
    }

    // The staging dialog at each of its states: the key and the paragraph
    // for the administrator scroll or wrap, the dialog does not outgrow
    // the small screen.
    void stagingAccessDialogFits()
    {
        StagingAccessDialog d;
        d.showBusy();
        QVERIFY(shrinksTo(d, kHiDpi));
        d.showError(QStringLiteral("The MyTardis server refused username \"testfacility\" with the given API key "
                                   "(HTTP 401); check the username and the API key in the settings. ")
                        .repeated(4));
        QVERIFY(shrinksTo(d, kHiDpi));
        d.show();
        QVERIFY(openedWithin(d, QGuiApplication::primaryScreen()->availableGeometry()));
    }

    void aboutBoxFits()
    {
        bool within = false;
        QTimer::singleShot(0, this, [&within] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            within = openedWithin(*box, box->screen()->availableGeometry());
            box->close();
        });
        showAboutBox(nullptr);
        QVERIFY(within);
    }
};

// The screens are the platform's: they are chosen before the application
// starts, in a file the offscreen platform reads. The 200% screen is given
// as the 640x400 Qt lays out on it (the offscreen platform of Qt 6.4 does
// not scale by its "dpr").
int main(int argc, char **argv)
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile f(config);
    if (!dir.isValid() || !f.open(QIODevice::WriteOnly))
        qFatal("cannot write the screen configuration");
    f.write(R"({"screens": [
        {"name": "hidpi", "x": 0, "y": 0, "width": 640, "height": 400},
        {"name": "laptop", "x": 640, "y": 0, "width": 1366, "height": 768}
    ]})");
    f.close();
    // Named relative to the folder it is in: a Windows path's "C:" would
    // end the platform's argument at its colon.
    const QString before = QDir::currentPath();
    QDir::setCurrent(dir.path());
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=screens.json");
    QApplication app(argc, argv);
    QDir::setCurrent(before);
    TestWindowSizes test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowsizes.moc"
