// The settings dialog on a real MyData.cfg: shows the values, refuses
// invalid input with the validator's sentences (highlighting the field),
// saves valid input keeping keys it does not show, and locks/unlocks with
// the facility account's API key.
#include "SettingsDialogFixture.h"
#include "settings/AdvancedPage.h"
#include "settings/FieldLabels.h"
#include "settings/SchedulePage.h"
#include "settings/SettingsDialog.h"
#include "settings/SettingsFile.h"
#include "util/Clock.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QTabWidget>
#include <QTimeEdit>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;
using namespace tardigrade::test;
using namespace tardigrade::ui;

class TestSettingsDialog : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dataDir;

    QString writeCfg(const QString &extra = {})
    {
        return writeNumberedCfg(m_dir, &m_count,
                                dialogTestCfg(m_dataDir, QStringLiteral("http://127.0.0.1:9000"),
                                              QStringLiteral("schedule_type = Weekly\n"
                                                             "scheduled_time = 02:46:00\n"
                                                             "tuesday_checked = True\n"
                                                             "folder_structure = Username / Dataset\n"
                                                             "ignore_interval_number = 6\n"
                                                             "ignore_interval_unit = months\n"
                                                             "upload_method = SCP\n"
                                                             "max_upload_threads = 1\n"
                                                             "upload_invalid_user_folders = False\n")) +
                                    extra);
    }

    // The test settings with one of their lines left out.
    QString writeCfgWithout(const QByteArray &line)
    {
        const QString path = writeCfg();
        QByteArray text = bytes(path);
        if (!text.contains(line))
            qFatal("the test cfg has no such line");
        text.replace(line, "");
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            qFatal("cannot rewrite the test cfg");
        return path;
    }

    static QLineEdit *edit(SettingsDialog &d, const char *key)
    {
        return qobject_cast<QLineEdit *>(d.fieldFor(findSetting(QString::fromLatin1(key))->id));
    }


    int m_count = 0;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_dataDir = m_dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(m_dataDir));
    }

    void showsTheFileValues()
    {
        SettingsDialog d(writeCfg());
        QVERIFY(ready(d));
        QCOMPARE(edit(d, "instrument_name")->text(), QStringLiteral("Test Instrument"));
        QCOMPARE(edit(d, "data_directory")->text(), m_dataDir);
        QCOMPARE(edit(d, "api_key")->text(), QStringLiteral("secret-key-123"));
        QCOMPARE(edit(d, "api_key")->echoMode(), QLineEdit::Password);
        QCOMPARE(qobject_cast<QComboBox *>(d.fieldFor(SettingKey::ScheduleType))->currentText(),
                 QStringLiteral("Weekly"));
        QVERIFY(qobject_cast<QCheckBox *>(d.fieldFor(SettingKey::TuesdayChecked))->isChecked());
        QVERIFY(!qobject_cast<QCheckBox *>(d.fieldFor(SettingKey::MondayChecked))->isChecked());
        QCOMPARE(qobject_cast<QSpinBox *>(d.fieldFor(SettingKey::MaxUploadThreads))->value(), 1);
        QCOMPARE(qobject_cast<QSpinBox *>(d.fieldFor(SettingKey::IgnoreIntervalNumber))->value(), 6);
        QVERIFY(!qobject_cast<QCheckBox *>(d.fieldFor(SettingKey::UploadInvalidUserFolders))->isChecked());
        auto *structure = qobject_cast<QComboBox *>(d.fieldFor(SettingKey::FolderStructure));
        QCOMPARE(structure->count(), 10);
        QCOMPARE(structure->currentText(), QStringLiteral("Username / Dataset"));
        auto *advanced = static_cast<class AdvancedPage *>(d.page(SettingsDialog::AdvancedTab));
        QCOMPARE(advanced->datasetGrouping(), QStringLiteral("Test Instrument - <owner's full name>"));
        structure->setCurrentText(QStringLiteral("Username / Experiment / Dataset"));
        QCOMPARE(advanced->datasetGrouping(), QStringLiteral("<experiment folder>"));
        QVERIFY(!d.isLocked());
        QCOMPARE(d.lockButton()->text(), QStringLiteral("Lock"));
    }

    void scheduleEnablesOnlyWhatTheTypeUses_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QStringList>("enabled");
        QTest::newRow("manual") << QStringLiteral("Manually") << QStringList{};
        QTest::newRow("startup") << QStringLiteral("On Startup") << QStringList{};
        QTest::newRow("once") << QStringLiteral("Once")
                              << QStringList{QStringLiteral("scheduled_date"), QStringLiteral("scheduled_time")};
        QTest::newRow("daily") << QStringLiteral("Daily") << QStringList{QStringLiteral("scheduled_time")};
        QTest::newRow("weekly") << QStringLiteral("Weekly")
                                << QStringList{QStringLiteral("scheduled_time"), QStringLiteral("monday_checked"),
                                               QStringLiteral("sunday_checked")};
        QTest::newRow("timer") << QStringLiteral("Timer")
                               << QStringList{QStringLiteral("timer_minutes"), QStringLiteral("timer_from_time"),
                                              QStringLiteral("timer_to_time")};
    }

    void scheduleEnablesOnlyWhatTheTypeUses()
    {
        QFETCH(QString, type);
        QFETCH(QStringList, enabled);
        SettingsDialog d(writeCfg());
        QVERIFY(ready(d));
        auto *page = static_cast<class SchedulePage *>(d.page(SettingsDialog::ScheduleTab));
        page->setScheduleType(type);
        const QStringList all = {QStringLiteral("scheduled_date"), QStringLiteral("scheduled_time"),
                                 QStringLiteral("monday_checked"), QStringLiteral("sunday_checked"),
                                 QStringLiteral("timer_minutes"),  QStringLiteral("timer_from_time"),
                                 QStringLiteral("timer_to_time")};
        for (const QString &key : all)
            QVERIFY2(d.fieldFor(findSetting(key)->id)->isEnabled() == enabled.contains(key), qPrintable(key));
        QVERIFY(d.fieldFor(SettingKey::ScheduleType)->isEnabled());
    }

    void refusesInvalidInput_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("label");
        QTest::newRow("email") << QStringLiteral("contact_email") << QStringLiteral("not-an-address")
                               << QStringLiteral("is not an email address") << QStringLiteral("contact email");
        QTest::newRow("url") << QStringLiteral("mytardis_url") << QStringLiteral("mytardis example")
                             << QStringLiteral("is not a web address") << QStringLiteral("MyTardis URL");
        QTest::newRow("data directory") << QStringLiteral("data_directory") << QStringLiteral("/no/such/folder/here")
                                        << QStringLiteral("does not exist") << QStringLiteral("data directory");
        QTest::newRow("instrument") << QStringLiteral("instrument_name") << QString() << QStringLiteral("is empty")
                                    << QStringLiteral("nstrument name");
    }

    void refusesInvalidInput()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, sentence);
        QFETCH(QString, label);
        const QString path = writeCfg();
        const QByteArray before = bytes(path);
        SettingsDialog d(path);
        QVERIFY(ready(d));
        QSignalSpy saved(&d, &SettingsDialog::saved);
        auto *field = qobject_cast<QLineEdit *>(d.fieldFor(findSetting(key)->id));
        QVERIFY(field);
        field->setText(value);
        QVERIFY(!d.apply());
        QCOMPARE(saved.count(), 0);
        QVERIFY(!d.problems().isEmpty());
        bool found = false;
        // The field is named as its label says; the key is for the CLI.
        for (const QString &p : d.problems())
            found = found || (p.contains(sentence) && p.contains(label) && !p.contains(key));
        QVERIFY2(found, qPrintable(d.problems().join(QLatin1Char('\n'))));
        QVERIFY(d.isHighlighted(findSetting(key)->id));
        QCOMPARE(bytes(path), before); // nothing written
        // Fixing it and pressing OK again saves and clears the list.
        field->setText(SettingsFile::load(path)->valueNamed(key));
        QVERIFY2(appliedAndSaved(d), qPrintable(d.problems().join(QLatin1Char('\n'))));
        QVERIFY(d.problems().isEmpty());
        QVERIFY(!d.isHighlighted(findSetting(key)->id));
        QCOMPARE(saved.count(), 1);
    }

    // Every field the dialog shows has a label to name it by in a sentence.
    void everyFieldHasALabel()
    {
        SettingsDialog d(writeCfg());
        QVERIFY(ready(d));
        // ...and the sentences (FieldLabels) use the words the dialog shows
        // ("Mon" on a check box is "Monday" in a sentence).
        for (int page = SettingsDialog::GeneralTab; page <= SettingsDialog::AdvancedTab; ++page)
            for (SettingKey key : d.page(SettingsDialog::Page(page))->keys()) {
                const QString label = d.labelOf(key);
                QVERIFY2(!label.isEmpty() && label != keyName(key), qPrintable(keyName(key)));
                const QString named = FieldLabels::of(key, d.settingsFromFields().folderStructure());
                QVERIFY2(named.startsWith(label),
                         qPrintable(keyName(key) + QStringLiteral(": ") + label + QStringLiteral(" / ") + named));
            }
        QCOMPARE(d.labelOf(SettingKey::MytardisUrl), QStringLiteral("MyTardis URL"));
    }

    // Locked in the first-run dialog, before anything is saved: the key that
    // unlocks is the one entered; an empty key never unlocks.
    void lockBeforeTheFirstSave()
    {
        const QString path = m_dir.filePath(QStringLiteral("first-lock/MyData.cfg"));
        SettingsDialog d(path);
        QVERIFY(ready(d));
        // No key anywhere: locking would lock for good, so it is not offered.
        QVERIFY(!d.lockButton()->isEnabled());
        d.lock();
        QVERIFY(!d.isLocked());

        // Typed, then locked: that key unlocks, an empty or wrong one does not.
        SettingsDialog e(path);
        QVERIFY(ready(e));
        edit(e, "username")->setText(QStringLiteral("facility"));
        edit(e, "api_key")->setText(QStringLiteral("typed-key-42"));
        QVERIFY(e.lockButton()->isEnabled());
        e.lock();
        QVERIFY(!e.unlockWith(QString()).ok());
        QVERIFY(!e.unlockWith(QStringLiteral("   ")).ok());
        const Status wrong = e.unlockWith(QStringLiteral("guess"));
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.error().message.contains(QStringLiteral("\"facility\"")), qPrintable(wrong.error().message));
        QVERIFY(!wrong.error().message.contains(QStringLiteral("\"\"")));
        QVERIFY(e.isLocked());
        QVERIFY(e.unlockWith(QStringLiteral("typed-key-42")).ok());
        QVERIFY(!e.isLocked());
    }

    // A Once schedule starts at the next full hour, not at today 00:00
    // (always in the past, so the dialog refused its own default).
    void onceStartsAtTheNextFullHour()
    {
        const FakeClock clock(QDateTime(QDate(2026, 11, 29), QTime(13, 25)));
        const QString path = writeCfgWithout("scheduled_time = 02:46:00\n");
        SettingsDialog d(path);
        d.setClock(clock);
        QVERIFY(ready(d));
        auto *type = qobject_cast<QComboBox *>(d.fieldFor(SettingKey::ScheduleType));
        type->setCurrentText(QStringLiteral("Once"));
        QCOMPARE(qobject_cast<QDateEdit *>(d.fieldFor(SettingKey::ScheduledDate))->date(), QDate(2026, 11, 29));
        QCOMPARE(qobject_cast<QTimeEdit *>(d.fieldFor(SettingKey::ScheduledTime))->time(), QTime(14, 0));
        QVERIFY2(appliedAndSaved(d), qPrintable(d.problems().join(QLatin1Char('\n'))));
        QCOMPARE(SchedulePage::nextFullHour(QDateTime(QDate(2026, 11, 29), QTime(23, 59))),
                 QDateTime(QDate(2026, 11, 30), QTime(0, 0)));
    }

    // A uuid given to the installation since the dialog read the file (by a
    // run, or by Request Staging Access) survives OK: it is the server's name
    // for this installation and its approval.
    void okKeepsAUuidWrittenMeanwhile()
    {
        const QString path = writeCfgWithout("uuid = 1234567890\n");
        SettingsDialog d(path);
        QVERIFY(ready(d));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write("uuid = 9f1c2e\n");
        }
        edit(d, "facility_name")->setText(QStringLiteral("Other Facility"));
        QVERIFY2(appliedAndSaved(d), qPrintable(d.problems().join(QLatin1Char('\n'))));
        QCOMPARE(SettingsFile::load(path)->uuid(), QStringLiteral("9f1c2e"));
    }

    // A problem with the file itself is not a field's: typing does not
    // make it go away, only reading or writing the file again does.
    void aFileProblemStaysWhileTyping()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken/MyData.cfg"));
        QDir().mkpath(QFileInfo(path).absolutePath());
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not a settings file\n[[[\n");
        }
        SettingsDialog d(path);
        QVERIFY(ready(d));
        const QStringList before = d.problems();
        QVERIFY(!before.isEmpty());
        edit(d, "instrument_name")->setText(QStringLiteral("Krios"));
        QVERIFY(d.problems().contains(before.constFirst()));
    }

    // First start: the settings can come from an existing MyData.cfg,
    // without the command line.
    void firstStartImportsAMyDataCfg()
    {
        const QString path = m_dir.filePath(QStringLiteral("first-import/MyData.cfg"));
        SettingsDialog d(path);
        QVERIFY(ready(d));
        QVERIFY(d.importButton());
        QVERIFY(!d.importButton()->isHidden());

        d.importFrom(m_dir.filePath(QStringLiteral("no-such.cfg")));
        QVERIFY(d.problems().constFirst().contains(QStringLiteral("does not exist")));

        const QString mydata = writeCfg(QStringLiteral("some_key_mydata_had = 7\n"));
        QSignalSpy imported(&d, &SettingsDialog::imported);
        d.importFrom(mydata);
        QVERIFY(imported.count() > 0 || imported.wait(5000));
        QVERIFY(d.problems().isEmpty());
        QCOMPARE(edit(d, "instrument_name")->text(), QStringLiteral("Test Instrument"));
        QVERIFY(!QFile::exists(path)); // nothing saved before OK
        QVERIFY2(appliedAndSaved(d), qPrintable(d.problems().join(QLatin1Char('\n'))));
        const Result<Settings> saved = SettingsFile::load(path);
        QVERIFY(saved.ok());
        QCOMPARE(saved->value(SettingKey::InstrumentName), QStringLiteral("Test Instrument"));
        QCOMPARE(saved->apiKey(), QStringLiteral("secret-key-123"));
        QCOMPARE(saved->valueNamed(QStringLiteral("uuid")), QStringLiteral("1234567890"));

        // With settings already there, the dialog does not offer it.
        SettingsDialog again(path);
        QVERIFY(!again.importButton());
    }

    void showsEveryProblemAtOnce()
    {
        SettingsDialog d(writeCfg());
        QVERIFY(ready(d));
        edit(d, "contact_email")->setText(QStringLiteral("nope"));
        edit(d, "mytardis_url")->setText(QStringLiteral("nope"));
        QVERIFY(!d.apply());
        QCOMPARE(d.problems().size(), 2);
        QVERIFY(d.isHighlighted(SettingKey::ContactEmail));
        QVERIFY(d.isHighlighted(SettingKey::MytardisUrl));

        // The list and the red fields follow the fixes as they are typed,
        // not only when OK is pressed again.
        d.showPage(SettingsDialog::ScheduleTab);

        edit(d, "contact_email")->setText(QStringLiteral("dana@example.org"));
        QCOMPARE(d.problems().size(), 1);
        QVERIFY(!d.isHighlighted(SettingKey::ContactEmail));
        QVERIFY(d.isHighlighted(SettingKey::MytardisUrl));
        QVERIFY(d.problems().constFirst().contains(QStringLiteral("MyTardis URL")));
        // Re-checking while typing does not jump away from the page in view.
        QCOMPARE(d.findChild<QTabWidget *>()->currentIndex(), int(SettingsDialog::ScheduleTab));

        edit(d, "mytardis_url")->setText(QStringLiteral("https://mytardis.example.org"));
        QVERIFY(d.problems().isEmpty());
        QVERIFY(!d.isHighlighted(SettingKey::MytardisUrl));
    }

    void savesRoundTripKeepingUnknownKeys()
    {
        const QString path = writeCfg(QStringLiteral("my_site_key = keep me, please\n"));
        SettingsDialog d(path);
        QVERIFY(ready(d));
        QSignalSpy saved(&d, &SettingsDialog::saved);
        edit(d, "instrument_name")->setText(QStringLiteral("Krios 2"));
        qobject_cast<QCheckBox *>(d.fieldFor(SettingKey::MondayChecked))->setChecked(true);
        qobject_cast<QSpinBox *>(d.fieldFor(SettingKey::MaxUploadThreads))->setValue(4);
        QVERIFY2(appliedAndSaved(d), qPrintable(d.problems().join(QLatin1Char('\n'))));
        QCOMPARE(saved.count(), 1);

        const Result<Settings> back = SettingsFile::load(path);
        QVERIFY(back.ok());
        QCOMPARE(back->instrumentName(), QStringLiteral("Krios 2"));
        QVERIFY(back->boolValue(SettingKey::MondayChecked));
        QVERIFY(back->boolValue(SettingKey::TuesdayChecked));
        QCOMPARE(back->intValue(SettingKey::MaxUploadThreads), 4);
        QCOMPARE(back->valueNamed(QStringLiteral("upload_method")), QStringLiteral("SCP"));
        QCOMPARE(back->valueNamed(QStringLiteral("my_site_key")), QStringLiteral("keep me, please"));
        QCOMPARE(back->uuid(), QStringLiteral("1234567890"));
        QCOMPARE(back->apiKey(), QStringLiteral("secret-key-123"));
        QVERIFY(!back->boolValue(SettingKey::Locked));
    }

    // "On start, show" on the Advanced page: each choice says what it does,
    // the tray icon only (the default) is what an unset key means, and a
    // choice is written as MyData.cfg spells it.
    void startWindowStateChoice()
    {
        const QString path = writeCfg();
        SettingsDialog d(path);
        QVERIFY(ready(d));
        auto *start = qobject_cast<QComboBox *>(d.fieldFor(SettingKey::StartWindowState));
        QVERIFY(start);
        QCOMPARE(start->count(), 3);
        QCOMPARE(d.labelOf(SettingKey::StartWindowState), QStringLiteral("On start, show"));
        QCOMPARE(start->currentText(), QStringLiteral("Only the tray icon (the window opens from it)"));
        QVERIFY2(appliedAndSaved(d), qPrintable(d.problems().join(QLatin1Char('\n'))));
        QVERIFY(!SettingsFile::load(path)->isSet(SettingKey::StartWindowState)); // unset stays unset
        start->setCurrentIndex(start->findData(QStringLiteral("Maximized")));
        QCOMPARE(start->currentText(), QStringLiteral("The window, maximized"));
        QVERIFY2(appliedAndSaved(d), qPrintable(d.problems().join(QLatin1Char('\n'))));
        QCOMPARE(SettingsFile::load(path)->value(SettingKey::StartWindowState), QStringLiteral("Maximized"));

        SettingsDialog again(writeCfg(QStringLiteral("start_window_state = Normal\n")));
        QVERIFY(ready(again));
        QCOMPARE(qobject_cast<QComboBox *>(again.fieldFor(SettingKey::StartWindowState))->currentText(),
                 QStringLiteral("The window"));
    }

    void okWithoutChangesChangesNoValue()
    {
        const QString path = writeCfg(QStringLiteral("timer_minutes = 0\n"));
        const Result<Settings> before = SettingsFile::load(path);
        SettingsDialog d(path);
        QVERIFY(ready(d));
        QVERIFY2(appliedAndSaved(d), qPrintable(d.problems().join(QLatin1Char('\n'))));
        const Result<Settings> after = SettingsFile::load(path);
        QVERIFY(before.ok() && after.ok());
        for (const QString &key : before->keys())
            QVERIFY2(after->valueNamed(key) == before->valueNamed(key), qPrintable(key));
        QVERIFY(!after->isSet(SettingKey::ScheduledDate)); // unset stays unset
        QVERIFY(!after->isSet(SettingKey::DatasetGrouping));
    }

    // The API key comes from the system keychain, which may take seconds:
    // the dialog reads on a thread of its own and shows that it is busy, so
    // the GUI thread never waits for it.
    void readsWithoutBlockingTheGuiThread()
    {
        SettingsDialog d(writeCfg());
        QVERIFY(!d.isReady()); // the constructor returned before the settings were read
        QVERIFY(!d.fieldFor(SettingKey::InstrumentName)->isEnabled());
        QVERIFY(!d.apply()); // nothing to save yet
        QSignalSpy loaded(&d, &SettingsDialog::loaded);
        QVERIFY(loaded.wait(5000));
        QVERIFY(d.isReady());
        QVERIFY(d.fieldFor(SettingKey::InstrumentName)->isEnabled());
        QCOMPARE(edit(d, "api_key")->text(), QStringLiteral("secret-key-123"));
        QCOMPARE(edit(d, "instrument_name")->text(), QStringLiteral("Test Instrument"));
    }

    // Cancel, Esc and the close button wait for a save in progress: what was
    // written is always followed by saved().
    void aSaveInProgressIsSeenThrough()
    {
        SettingsDialog d(writeCfg());
        QVERIFY(ready(d));
        QSignalSpy saved(&d, &SettingsDialog::saved);
        QVERIFY(d.apply());
        QVERIFY(d.isSaving());
        d.reject();
        QVERIFY(!d.close());
        QCOMPARE(d.result(), 0);
        QVERIFY(saved.wait(5000));
        QVERIFY(!d.isSaving());
        d.reject(); // and afterwards Cancel works again
        QCOMPARE(d.result(), int(QDialog::Rejected));
    }

    void lockedSettingsAreReadOnlyUntilUnlocked()
    {
        const QString path = writeCfg(QStringLiteral("locked = True\n"));
        const QByteArray before = bytes(path);
        SettingsDialog d(path);
        QVERIFY(ready(d));
        QVERIFY(d.isLocked());
        QCOMPARE(d.lockButton()->text(), QStringLiteral("Unlock…"));
        QVERIFY(edit(d, "instrument_name")->isReadOnly());
        QVERIFY(edit(d, "api_key")->isReadOnly());
        QVERIFY(!d.fieldFor(SettingKey::ScheduleType)->isEnabled());
        QVERIFY(!d.fieldFor(SettingKey::FolderStructure)->isEnabled());
        QVERIFY(!d.fieldFor(SettingKey::MaxUploadThreads)->isEnabled());
        QVERIFY(!d.fieldFor(SettingKey::IgnoreOldDatasets)->isEnabled());

        // OK while locked closes without writing anything.
        d.accept();
        QCOMPARE(d.result(), int(QDialog::Accepted));
        QCOMPARE(bytes(path), before);

        const Status wrong = d.unlockWith(QStringLiteral("guess"));
        QVERIFY(!wrong.ok());
        QVERIFY(wrong.error().message.contains(QStringLiteral("API key of the facility account")));
        QVERIFY(d.isLocked());
        QVERIFY(edit(d, "instrument_name")->isReadOnly());

        QVERIFY(d.unlockWith(QStringLiteral("secret-key-123")).ok());
        QVERIFY(!d.isLocked());
        QCOMPARE(d.lockButton()->text(), QStringLiteral("Lock"));
        QVERIFY(!edit(d, "instrument_name")->isReadOnly());
        QVERIFY(d.fieldFor(SettingKey::FolderStructure)->isEnabled());
        edit(d, "facility_name")->setText(QStringLiteral("Other Facility"));
        QVERIFY2(appliedAndSaved(d), qPrintable(d.problems().join(QLatin1Char('\n'))));
        QVERIFY(!SettingsFile::load(path)->boolValue(SettingKey::Locked));
        QCOMPARE(SettingsFile::load(path)->facilityName(), QStringLiteral("Other Facility"));
    }

    void lockWritesLockedTrue()
    {
        const QString path = writeCfg();
        SettingsDialog d(path);
        QVERIFY(ready(d));
        d.lockButton()->click();
        QVERIFY(d.isLocked());
        QVERIFY(edit(d, "username")->isReadOnly());
        QVERIFY(appliedAndSaved(d));
        QVERIFY(SettingsFile::load(path)->boolValue(SettingKey::Locked));
        SettingsDialog again(path);
        QVERIFY(ready(again));
        QVERIFY(again.isLocked());
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
