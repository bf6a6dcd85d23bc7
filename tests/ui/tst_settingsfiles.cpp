// The settings dialog and files other than its own: Save a Copy… (and
// Ctrl+S, which must not reach the main window's Sync Now) writes the fields
// as a MyData.cfg without the API key unless asked, a MyData.cfg dropped
// onto the dialog fills the fields, and Help asks for the documentation.
#include "SettingsDialogFixture.h"
#include "settings/SettingsDialog.h"
#include "settings/SettingsFile.h"
#include "settings/SettingsFiles.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QLineEdit>
#include <QMainWindow>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace tardigrade;
using namespace tardigrade::test;
using namespace tardigrade::ui;

class TestSettingsFiles : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_count = 0;

    QString writeCfg(const QString &instrument)
    {
        return writeNumberedCfg(m_dir, &m_count,
                                dialogTestCfg(m_dir.path(), QStringLiteral("http://127.0.0.1:9000"), {}, instrument));
    }
    static QLineEdit *edit(SettingsDialog &d, SettingKey key) { return qobject_cast<QLineEdit *>(d.fieldFor(key)); }
    // Answers Save a Copy…'s questions: this path, with or without the key.
    static SettingsCopyChooser answer(const QString &path, bool withApiKey, int *asked = nullptr)
    {
        return [=](QWidget *, bool) {
            if (asked)
                ++*asked;
            return std::optional<SettingsCopyChoice>(SettingsCopyChoice{path, withApiKey});
        };
    }
    // A drop of `file` as a file manager sends it (the URL, and the path as
    // text, which a line edit would take), straight to `target`.
    static bool drop(QWidget *target, const QString &file)
    {
        QMimeData data;
        data.setUrls({QUrl::fromLocalFile(file)});
        data.setText(file);
        const QPoint at = target->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &enter);
        if (!enter.isAccepted())
            return false;
        QDropEvent dropped(QPointF(at), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &dropped);
        return dropped.isAccepted();
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void aCopyHasTheFieldsAndNoApiKey()
    {
        const QString own = writeCfg(QStringLiteral("Test Instrument"));
        const QByteArray before = bytes(own);
        SettingsDialog d(own);
        QVERIFY(ready(d));
        QVERIFY(d.saveCopyButton());
        edit(d, SettingKey::InstrumentName)->setText(QStringLiteral("Typed, Not Saved"));

        const QString copy = m_dir.filePath(QStringLiteral("copy.cfg"));
        d.setCopyChooser(answer(copy, false));
        QSignalSpy saved(&d, &SettingsDialog::copySaved);
        d.saveCopyButton()->click();
        QCOMPARE(saved.count(), 1);
        const QByteArray text = bytes(copy);
        QVERIFY(text.startsWith("[MyData]"));
        QVERIFY(!text.contains("api_key"));
        QVERIFY(!text.contains("secret-key-123"));
        const Result<Settings> read = SettingsFile::parse(text, copy);
        QVERIFY(read.ok());
        QCOMPARE(read->value(SettingKey::InstrumentName), QStringLiteral("Typed, Not Saved"));
        QCOMPARE(read->username(), QStringLiteral("testfacility"));
        QCOMPARE(read->uuid(), QStringLiteral("1234567890"));
        QCOMPARE(bytes(own), before); // the dialog's own file is untouched

        // Asked for, the key goes along, where MyData reads it.
        const QString withKey = m_dir.filePath(QStringLiteral("copy-with-key.cfg"));
        d.setCopyChooser(answer(withKey, true));
        d.saveCopy();
        const Result<Settings> keyed = SettingsFile::parse(bytes(withKey), withKey);
        QVERIFY(keyed.ok());
        QCOMPARE(keyed->apiKey(), QStringLiteral("secret-key-123"));
        QCOMPARE(keyed->value(SettingKey::InstrumentName), QStringLiteral("Typed, Not Saved"));
    }

    void aCopyThatCannotBeWrittenSaysWhy()
    {
        Settings s;
        const QString folder = m_dir.filePath(QStringLiteral("a-folder"));
        QVERIFY(QDir().mkpath(folder));
        const Status written = writeSettingsCopy(s, {folder, false});
        QVERIFY(!written);
        QVERIFY(written.error().message.contains(QDir::toNativeSeparators(folder)));
        QVERIFY(written.error().message.endsWith(QLatin1Char('.'))); // one sentence, for a message box
    }

    void ctrlSInTheDialogSavesACopyNotSyncNow()
    {
        // The main window's Ctrl+S (Sync Now) is a window shortcut, as in AppActions.
        QMainWindow main;
        auto *syncNow = new QAction(QStringLiteral("Sync Now"), &main);
        syncNow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
        syncNow->setShortcutContext(Qt::WindowShortcut);
        main.addAction(syncNow);
        QSignalSpy synced(syncNow, &QAction::triggered);
        main.show();
        QVERIFY(QTest::qWaitForWindowExposed(&main));

        SettingsDialog d(writeCfg(QStringLiteral("Test Instrument")), &main);
        QVERIFY(ready(d));
        int asked = 0;
        const QString copy = m_dir.filePath(QStringLiteral("ctrl-s.cfg"));
        d.setCopyChooser(answer(copy, false, &asked));
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QApplication::setActiveWindow(&d); // offscreen leaves the main window active
        QTRY_COMPARE(QApplication::activeWindow(), &d);
        QWidget *field = edit(d, SettingKey::InstrumentName);
        field->setFocus();
        QTest::keyClick(field, Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(asked, 1);
        QVERIFY(QFile::exists(copy));
        QCOMPARE(synced.count(), 0);

        // The rig can tell: in the main window, the same key is Sync Now.
        QApplication::setActiveWindow(&main);
        QTRY_COMPARE(QApplication::activeWindow(), &main);
        QTest::keyClick(&main, Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(synced.count(), 1);
        QCOMPARE(asked, 1);
    }

    void droppingAMyDataCfgFillsTheFields()
    {
        // First start: no question, the fields are filled.
        SettingsDialog first(m_dir.filePath(QStringLiteral("first/MyData.cfg")));
        QVERIFY(ready(first));
        int asked = 0;
        first.setReplaceConfirmation([&asked](const QString &) { return ++asked, true; });
        QSignalSpy imported(&first, &SettingsDialog::imported);
        QVERIFY(drop(&first, writeCfg(QStringLiteral("Dropped Instrument"))));
        QVERIFY(imported.wait(5000));
        QCOMPARE(asked, 0);
        QCOMPARE(edit(first, SettingKey::InstrumentName)->text(), QStringLiteral("Dropped Instrument"));
        QCOMPARE(edit(first, SettingKey::ApiKey)->text(), QStringLiteral("secret-key-123"));

        // Over settings that exist, only when the answer is yes; onto a field too.
        SettingsDialog later(writeCfg(QStringLiteral("Own Instrument")));
        QVERIFY(ready(later));
        bool yes = false;
        QString askedAbout;
        later.setReplaceConfirmation([&](const QString &file) { return askedAbout = file, yes; });
        const QString other = writeCfg(QStringLiteral("Other Instrument"));
        QVERIFY(drop(&later, other));
        QTest::qWait(50);
        QCOMPARE(askedAbout, other);
        QCOMPARE(edit(later, SettingKey::InstrumentName)->text(), QStringLiteral("Own Instrument"));

        yes = true;
        QSignalSpy importedLater(&later, &SettingsDialog::imported);
        QVERIFY(drop(edit(later, SettingKey::ContactName), other));
        QVERIFY(importedLater.wait(5000));
        QCOMPARE(edit(later, SettingKey::InstrumentName)->text(), QStringLiteral("Other Instrument"));
        QCOMPARE(edit(later, SettingKey::ContactName)->text(), QStringLiteral("MyData Tester")); // no path typed in
        QVERIFY(!later.importButton()); // the first-start button stays a first-start button

        // Not a settings file: refused at the door.
        QVERIFY(!drop(&later, m_dir.filePath(QStringLiteral("notes.txt"))));
    }

    void helpAsksForTheDocumentation()
    {
        SettingsDialog d(writeCfg(QStringLiteral("Test Instrument")));
        QVERIFY(ready(d));
        auto *box = d.findChild<QDialogButtonBox *>();
        QVERIFY(box);
        QPushButton *help = box->button(QDialogButtonBox::Help);
        QVERIFY(help);
        QSignalSpy requested(&d, &SettingsDialog::helpRequested);
        help->click();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(d.result(), 0); // Help neither accepts nor rejects
    }
};

QTEST_MAIN(TestSettingsFiles)
#include "tst_settingsfiles.moc"
