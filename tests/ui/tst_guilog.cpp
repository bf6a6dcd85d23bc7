// The tray app keeps tardigrade.log as the CLI does: every line of the Log
// tab goes to the file (with its severity), Debug logging adds the engine's
// detailed steps to both, and Clear empties the view, not the file.
#include "app/GuiController.h"
#include "app/GuiLog.h"
#include "app/EngineHost.h"
#include "models/RunModels.h"
#include "settings/ConfigPaths.h"
#include "sync/Engine.h"
#include "util/Log.h"
#include "util/LogFile.h"
#include "windows/LogPage.h"
#include "windows/MainWindow.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;
using namespace tardigrade::ui;

class TestGuiLog : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_cfg;

    QString logText() const
    {
        QFile f(ConfigPaths::stateFilePath(m_cfg, StateFile::Log));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("xdg")).toLocal8Bit());
        m_cfg = m_dir.filePath(QStringLiteral("cfg/MyData.cfg"));
        QDir().mkpath(QFileInfo(m_cfg).absolutePath());
        QFile f(m_cfg);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[MyData]\nschedule_type = Manually\n");
        f.close();
        GuiLog::install(m_cfg); // as runGui does
    }

    void logLinesGoToTheFileWithTheirSeverity()
    {
        GuiController app(m_cfg);
        Engine *engine = app.engineHost()->engine();
        emit engine->logLine(QStringLiteral("Uploaded a.tif"), LogSeverity::Info);
        emit engine->logLine(QStringLiteral("Failed: b.tif: HTTP 403"), LogSeverity::Error);
        QTRY_VERIFY(logText().contains(QStringLiteral("info tardigrade.gui: Uploaded a.tif")));
        QTRY_VERIFY(logText().contains(QStringLiteral("error tardigrade.gui: Failed: b.tif: HTTP 403")));
        QTRY_COMPARE(app.models()->log()->rowCount(), 2);
    }

    void debugLoggingReachesTheFileAndTheTab()
    {
        GuiController app(m_cfg);
        LogPage *page = app.mainWindow()->logPage();
        QVERIFY(!page->debugToggle()->isChecked());
        qCDebug(lcSync) << "quiet detail";
        page->debugToggle()->setChecked(true);
        qCDebug(lcSync) << "loud detail";
        QTRY_VERIFY(app.models()->log()->lines().join(QLatin1Char('\n')).contains(QStringLiteral("loud detail")));
        QVERIFY(logText().contains(QStringLiteral("debug tardigrade.sync: loud detail")));
        QVERIFY(!logText().contains(QStringLiteral("quiet detail")));
        page->debugToggle()->setChecked(false);
        qCDebug(lcSync) << "quiet again";
        QTest::qWait(50);
        QVERIFY(!logText().contains(QStringLiteral("quiet again")));
        QVERIFY(!app.models()->log()->lines().join(QLatin1Char('\n')).contains(QStringLiteral("quiet again")));
    }

    void clearEmptiesTheViewNotTheFile()
    {
        GuiController app(m_cfg);
        emit app.engineHost()->engine()->logLine(QStringLiteral("before the clear"), LogSeverity::Info);
        QTRY_VERIFY(app.models()->log()->rowCount() > 0);
        app.mainWindow()->logPage()->clearButton()->click();
        QCOMPARE(app.models()->log()->rowCount(), 0);
        QVERIFY(logText().contains(QStringLiteral("before the clear")));
    }

    // `tardigrade --loglevel debug` starts the tray app with Debug logging
    // on, and the Log tab's checkbox says so.
    void debugLevelStartsWithTheToggleOn()
    {
        GuiLog::install(m_cfg, QtDebugMsg);
        {
            GuiController app(m_cfg);
            QVERIFY(app.mainWindow()->logPage()->debugToggle()->isChecked());
            qCDebug(lcSync) << "detail from the start";
            QVERIFY(logText().contains(QStringLiteral("debug tardigrade.sync: detail from the start")));
        }
        GuiLog::install(m_cfg); // back to the default for any later case
        QVERIFY(!LogFile::isDebug());
    }
};

QTEST_MAIN(TestGuiLog)
#include "tst_guilog.moc"
