// The Log tab: warnings and errors carry their severity from the engine to
// the view (colour, icon, a role to ask), a long line is shown whole and
// wrapped, never cut with "…", and "Save log for support…" still writes
// every line.
#include "app/Icons.h"
#include "models/LogModel.h"
#include "models/RunModels.h"
#include "sync/Engine.h"
#include "windows/LogLineDelegate.h"
#include "windows/LogPage.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QListView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;
using namespace tardigrade::ui;

namespace {

LogSeverity severityOf(const QAbstractItemModel &model, int row)
{
    return model.index(row, 0).data(LogModel::SeverityRole).value<LogSeverity>();
}

// Words and a long path, as a failed file's line has: 500 characters.
QString longLine()
{
    QString line = QStringLiteral("Failed: /data/krios/alice/2026-11-11 grid1/Movies/") +
                   QString(120, QLatin1Char('x')) + QStringLiteral(".tiff: ");
    while (line.size() < 490)
        line += QStringLiteral("the server did not answer ");
    line.truncate(499);
    return line + QLatin1Char('!');
}

} // namespace

class TestLogPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void errorsAndWarningsAreColouredAndMarked()
    {
        LogModel model;
        model.append(QStringLiteral("05:12:09  Schedule: every day at 02:00."));
        model.append(QStringLiteral("05:12:10  Staging access is not approved yet."), LogSeverity::Warning);
        model.append(QStringLiteral("05:12:11  Run failed: the server did not answer."), LogSeverity::Error);

        QCOMPARE(severityOf(model, 0), LogSeverity::Info);
        QCOMPARE(severityOf(model, 1), LogSeverity::Warning);
        QCOMPARE(severityOf(model, 2), LogSeverity::Error);

        // Routine lines keep the palette's colour and have no icon.
        QVERIFY(!model.index(0).data(Qt::ForegroundRole).isValid());
        QVERIFY(model.index(0).data(Qt::DecorationRole).value<QIcon>().isNull());

        const QPalette palette = QGuiApplication::palette();
        const QColor warning = model.index(1).data(Qt::ForegroundRole).value<QColor>();
        const QColor error = model.index(2).data(Qt::ForegroundRole).value<QColor>();
        QCOMPARE(warning, severityColor(LogSeverity::Warning, palette));
        QCOMPARE(error, severityColor(LogSeverity::Error, palette));
        QVERIFY(warning.isValid() && error.isValid() && warning != error);
        QVERIFY(error != palette.color(QPalette::Text));

        const QIcon warningIcon = model.index(1).data(Qt::DecorationRole).value<QIcon>();
        const QIcon errorIcon = model.index(2).data(Qt::DecorationRole).value<QIcon>();
        QVERIFY(!warningIcon.isNull());
        QVERIFY(!errorIcon.isNull());
        QCOMPARE(warningIcon.pixmap(16).toImage(), severityIcon(LogSeverity::Warning).pixmap(16).toImage());
        QCOMPARE(errorIcon.pixmap(16).toImage(), severityIcon(LogSeverity::Error).pixmap(16).toImage());
        QVERIFY(warningIcon.pixmap(16).toImage() != errorIcon.pixmap(16).toImage());
    }

    void colourSuitsADarkPalette()
    {
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        for (LogSeverity s : {LogSeverity::Warning, LogSeverity::Error}) {
            QVERIFY(severityColor(s, dark).lightness() > 128);
            QVERIFY(severityColor(s, light).lightness() < 128);
        }
    }

    // The severity is the engine's, not guessed from the words: a run that
    // cannot reach its server ends with an error line in the Log tab.
    void theEngineSaysWhichLinesAreErrors()
    {
        const QString cfg = m_dir.filePath(QStringLiteral("engine/MyData.cfg"));
        QVERIFY(QDir().mkpath(QFileInfo(cfg).absolutePath()));
        {
            QFile f(cfg);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[MyData]\nschedule_type = Manually\n"); // no server, no folder: the run cannot start
        }
        Engine engine(cfg);
        engine.setApplyAutostart(false);
        RunModels models;
        models.attach(&engine);
        QSignalSpy finished(&engine, &Engine::runFinished);
        engine.start();
        engine.syncNow();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        const auto summary = finished.at(0).at(0).value<SyncSummary>();
        QVERIFY(!summary.ok());
        const LogModel &log = *models.log();
        // Why the run could not start: the settings' first problem.
        const auto rowSaying = [&log](const QString &words) {
            const QStringList lines = log.lines();
            for (int i = 0; i < lines.size(); ++i)
                if (lines.at(i).contains(words))
                    return i;
            return -1;
        };
        const QString why = QStringLiteral("(instrument_name) is empty");
        QTRY_VERIFY(rowSaying(why) >= 0);
        QCOMPARE(severityOf(log, rowSaying(why)), LogSeverity::Error);
        // The lines around the run are routine.
        QCOMPARE(severityOf(log, rowSaying(QStringLiteral("Schedule:"))), LogSeverity::Info);
        QCOMPARE(severityOf(log, rowSaying(QStringLiteral("Run started"))), LogSeverity::Info);
    }

    void aLongLineIsShownWholeAndWrapped()
    {
        LogModel model;
        model.append(QStringLiteral("05:12:09  a short line"));
        const QString line = longLine();
        QCOMPARE(line.size(), 500);
        model.append(line, LogSeverity::Error);
        LogPage page(&model);
        page.resize(600, 400);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QListView *view = page.view();
        const QModelIndex shortIndex = view->model()->index(0, 0);
        const QModelIndex longIndex = view->model()->index(1, 0);
        QTRY_VERIFY(view->visualRect(longIndex).height() > 0);

        // Not cut: no elision, no sideways scrolling, no tooltip needed.
        QCOMPARE(view->textElideMode(), Qt::ElideNone);
        QVERIFY(!view->horizontalScrollBar()->isVisible());
        QVERIFY(!longIndex.data(Qt::ToolTipRole).isValid());

        // Wrapped: the row is as tall as the text needs at the view's width.
        const QRect shortRect = view->visualRect(shortIndex);
        const QRect longRect = view->visualRect(longIndex);
        QVERIFY(longRect.width() <= view->viewport()->width());
        const QFontMetrics metrics(view->font());
        QStyleOptionViewItem option;
        option.rect = longRect;
        option.widget = view;
        const int textWidth = LogLineDelegate::textRect(option).width();
        const int linesNeeded = (metrics.horizontalAdvance(line) + textWidth - 1) / textWidth;
        QVERIFY2(linesNeeded >= 4, qPrintable(QString::number(linesNeeded)));
        QVERIFY2(longRect.height() >= linesNeeded * metrics.lineSpacing(),
                 qPrintable(QStringLiteral("%1 px for %2 lines").arg(longRect.height()).arg(linesNeeded)));
        QVERIFY(shortRect.height() < 2 * metrics.lineSpacing());

        // Narrower window, more lines.
        page.resize(400, 400);
        QTRY_VERIFY(view->visualRect(view->model()->index(1, 0)).height() > longRect.height());
    }

    void saveForSupportWritesEveryLine()
    {
        LogModel model;
        model.append(QStringLiteral("05:12:09  routine"));
        model.append(QStringLiteral("05:12:10  a warning"), LogSeverity::Warning);
        model.append(longLine(), LogSeverity::Error);
        LogPage page(&model);
        page.setFilter(QStringLiteral("warning"));
        QCOMPARE(page.visibleLines(), 1);
        const QString path = m_dir.filePath(QStringLiteral("support.txt"));
        QVERIFY(page.saveTo(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(QLatin1String("05:12:09  routine\n")));
        QVERIFY(text.contains(QLatin1String("05:12:10  a warning\n")));
        QVERIFY(text.contains(longLine() + QLatin1Char('\n')));
    }
};

QTEST_MAIN(TestLogPage)
#include "tst_logpage.moc"
