// Translations: the build collects the GUI's strings into a .ts file under
// the contexts the running program asks for, and the loader installs a .qm
// for the locale when there is one (and nothing when there is none).
#include "app/AppActions.h"
#include "app/RunStatus.h"
#include "app/Translations.h"
#include "models/LogModel.h"
#include "models/RunModels.h"
#include "settings/SettingsDialog.h"
#include "settings/SettingsSchema.h"
#include "sync/TestRunReport.h"
#include "sync/TestRunTree.h"
#include "windows/LogPage.h"
#include "windows/MainWindow.h"
#include "windows/TestRunWindow.h"

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace tardigrade;
using namespace tardigrade::ui;

namespace {

// What the pseudo-translation puts before every string it translates.
const QString kMark = QStringLiteral("@@");

// Known and left: a setting's choices ("Daily", "Username / Dataset",
// "months") are shown as MyData.cfg spells them, the value and the text in
// one; translating them needs the settings pages to keep the value apart.
QStringList settingChoices()
{
    QStringList choices;
    for (const SettingSpec &spec : settingsSchema())
        choices << spec.choices;
    return choices;
}

// The texts of `root` a person reads (titles, labels, buttons, actions,
// tabs, headers, placeholders, tool tips) that do not carry the mark: they
// did not come through tr().
QStringList unmarkedTexts(const QWidget *root)
{
    QStringList found;
    const auto check = [&found](const QObject *where, const QString &text) {
        // Words only: numbers, paths and symbols are not translated.
        if (!text.contains(QRegularExpression(QStringLiteral("[A-Za-z]{3,}"))) || text.contains(kMark))
            return;
        if (text.startsWith(QLatin1String("https://"))) // an example address, the same in every language
            return;
        found << QStringLiteral("%1 (%2): %3")
                     .arg(QLatin1String(where->metaObject()->className()), where->objectName(), text);
    };
    QList<const QWidget *> widgets{root};
    for (const QWidget *w : root->findChildren<QWidget *>())
        widgets << w;
    for (const QWidget *w : widgets) {
        if (w->isWindow())
            check(w, w->windowTitle());
        check(w, w->toolTip());
        if (const auto *label = qobject_cast<const QLabel *>(w))
            check(w, label->text());
        if (const auto *button = qobject_cast<const QAbstractButton *>(w)) {
            // OK, Cancel, Close: Qt's words, translated by Qt's own .qm.
            const auto *box = qobject_cast<const QDialogButtonBox *>(w->parentWidget());
            if (!box || box->standardButton(const_cast<QAbstractButton *>(button)) == QDialogButtonBox::NoButton)
                check(w, button->text());
        }
        if (const auto *combo = qobject_cast<const QComboBox *>(w)) {
            for (int i = 0; i < combo->count(); ++i)
                if (!settingChoices().contains(combo->itemText(i)))
                    check(w, combo->itemText(i));
        }
        if (const auto *box = qobject_cast<const QGroupBox *>(w))
            check(w, box->title());
        if (const auto *menu = qobject_cast<const QMenu *>(w))
            check(w, menu->title());
        if (const auto *edit = qobject_cast<const QLineEdit *>(w))
            check(w, edit->placeholderText());
        if (const auto *spin = qobject_cast<const QSpinBox *>(w))
            check(w, spin->suffix());
        if (const auto *tabs = qobject_cast<const QTabWidget *>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                check(w, tabs->tabText(i));
                check(w, tabs->tabToolTip(i));
            }
        }
        if (const auto *view = qobject_cast<const QAbstractItemView *>(w); view && view->model()) {
            const QAbstractItemModel *m = view->model();
            for (int c = 0; c < m->columnCount(); ++c)
                check(w, m->headerData(c, Qt::Horizontal).toString());
        }
    }
    for (const QAction *a : root->findChildren<QAction *>()) {
        check(a, a->text());
        check(a, a->toolTip());
    }
    return found;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private slots:
    void theBuildMakesTheTemplate()
    {
#ifndef TARDIGRADE_TRANSLATION_TEMPLATE
        QSKIP("built without Qt's Linguist tools (Debian: qt6-l10n-tools qt6-tools-dev)");
#else
        QFile ts(QStringLiteral(TARDIGRADE_TRANSLATION_TEMPLATE));
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
        const QString text = QString::fromUtf8(ts.readAll());
        QVERIFY(text.contains(QLatin1String("<source>Sync Now</source>")));
        // Under the context tr() uses at run time, or a translation would
        // never be found.
        const QString context = QLatin1String(AppActions::staticMetaObject.className());
        QCOMPARE(context, QStringLiteral("tardigrade::ui::AppActions"));
        const int at = text.indexOf(QLatin1String("<source>Sync Now</source>"));
        const int contextAt = text.lastIndexOf(QLatin1String("<name>"), at);
        QCOMPARE(text.mid(contextAt + 6, context.size()), context);
#endif
    }

    void noTranslationNoChange()
    {
#ifndef TARDIGRADE_TEST_QM_DIR
        QSKIP("built without Qt's Linguist tools");
#else
        QVERIFY(!installTranslations(QLocale(QLocale::French, QLocale::France),
                                     {QStringLiteral(TARDIGRADE_TEST_QM_DIR)}));
        AppActions actions;
        QCOMPARE(actions.syncNow->text(), QStringLiteral("Sync Now"));
#endif
    }

    void aTranslationForTheLocaleIsInstalled()
    {
#ifndef TARDIGRADE_TEST_QM_DIR
        QSKIP("built without Qt's Linguist tools");
#else
        // Austrian German finds the German file; a folder without it is passed over.
        QVERIFY(installTranslations(QLocale(QLocale::German, QLocale::Austria),
                                    {QDir::tempPath() + QStringLiteral("/no-such-folder"),
                                     QStringLiteral(TARDIGRADE_TEST_QM_DIR)}));
        AppActions actions;
        QCOMPARE(actions.syncNow->text(), QStringLiteral("Jetzt synchronisieren"));
        LogModel model;
        LogPage page(&model);
        const auto buttons = page.findChildren<QPushButton *>();
        QVERIFY(std::any_of(buttons.begin(), buttons.end(), [](const QPushButton *b) {
            return b->text() == QStringLiteral("Protokoll für den Support speichern…");
        }));
#endif
    }

    // The audit of "every user string through tr()", made by a machine: with
    // every string of the template translated to "@@" + itself, the windows
    // show no word without the mark. (Installed last, it is asked first.)
    void everyStringOnScreenGoesThroughTr()
    {
#ifndef TARDIGRADE_PSEUDO_QM
        QSKIP("built without Qt's Linguist tools");
#else
        auto *pseudo = new QTranslator(qApp);
        QVERIFY(pseudo->load(QStringLiteral(TARDIGRADE_PSEUDO_QM)));
        QCoreApplication::installTranslator(pseudo);
        QStringList found;

        RunStatus status;
        RunModels models;
        AppActions actions;
        actions.follow(status);
        MainWindow window(&actions, &models, status);
        found << unmarkedTexts(&window);

        TestRunWindow testRun;
        found << unmarkedTexts(&testRun);
        Plan plan;
        PlannedDataset d;
        d.ownerFolder = QStringLiteral("alice");
        d.datasetName = QStringLiteral("grid1");
        d.experimentTitle = QStringLiteral("Krios - alice");
        plan.datasets << d;
        testRun.setTree(TestRunTree::fromPlan(plan, QDateTime::currentDateTime()));
        testRun.setReport(renderTestRunReport(plan, QDateTime::currentDateTime()));
        // The tree's rows hold names from the plan; its headers, tabs,
        // heading and buttons are the window's.
        found << unmarkedTexts(&testRun).filter(QRegularExpression(QStringLiteral("^(?!QTreeWidget)")));

        QTemporaryDir dir;
        SettingsDialog settings(dir.filePath(QStringLiteral("MyData.cfg")));
        QVERIFY(QTest::qWaitFor([&settings] { return settings.isReady(); }, 5000));
        found << unmarkedTexts(&settings);

        found.removeDuplicates();
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("\n") + found.join(QLatin1Char('\n'))));
        QCoreApplication::removeTranslator(pseudo);
#endif
    }

    void theInstallationsFoldersAreSearched()
    {
        const QString exe = QCoreApplication::applicationDirPath();
        const QStringList folders = translationFolders();
        QCOMPARE(folders.value(0), QDir(exe).filePath(QStringLiteral("translations")));
        QVERIFY(folders.contains(QDir::cleanPath(exe + QStringLiteral("/../share/tardigrade/translations"))));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
