// Settings dialog fields that follow other fields or the server: the user
// filter and "upload folders that match no user" are worded as the folder
// structure names its folders, the dataset grouping field shows the
// experiment title as a run will make it (live, with the instrument name),
// the upload method goes through the file (MyData's "SCP" kept while not
// changed), and settings a facility manager set on the server are named
// as such.
#include "SettingsDialogFixture.h"
#include "settings/AdvancedPage.h"
#include "settings/FieldLabels.h"
#include "settings/ServerSetNote.h"
#include "settings/ServerSetSettings.h"
#include "settings/SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;
using namespace tardigrade::test;
using namespace tardigrade::ui;

class TestSettingsByStructure : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_count = 0;

    QString writeCfg(const QString &extra = {})
    {
        return writeNumberedCfg(m_dir, &m_count,
                                dialogTestCfg(m_dir.filePath(QStringLiteral("data")),
                                              QStringLiteral("http://127.0.0.1:9"),
                                              QStringLiteral("folder_structure = Username / Dataset\n"
                                                             "upload_method = SCP\n")) +
                                    extra);
    }
    static QComboBox *combo(SettingsDialog &d, SettingKey key) { return qobject_cast<QComboBox *>(d.fieldFor(key)); }
    static QString grouping(SettingsDialog &d)
    {
        return static_cast<AdvancedPage *>(d.page(SettingsDialog::AdvancedTab))->datasetGrouping();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("data")))); // empty: any structure fits
    }

    void labelsAndTitleFollowTheStructure_data()
    {
        QTest::addColumn<QString>("structure");
        QTest::addColumn<QString>("userFilter");  // its label, "" when the field is off
        QTest::addColumn<QString>("uploadInvalid"); // the check box, "" when it is off
        QTest::addColumn<QString>("title");
        const QString user = QStringLiteral("Upload username folders that match no user");
        const QString email = QStringLiteral("Upload email folders that match no user");
        const QString group = QStringLiteral("Upload user group folders that match no group");
        QTest::newRow("Username / Dataset") << "Username / Dataset" << "Username folder name contains" << user
                                            << "Test Instrument - <owner's full name>";
        QTest::newRow("Email / Dataset") << "Email / Dataset" << "Email folder name contains" << email
                                         << "Test Instrument - <owner's full name>";
        QTest::newRow("Username / Experiment / Dataset") << "Username / Experiment / Dataset"
                                                         << "Username folder name contains" << user
                                                         << "<experiment folder>";
        QTest::newRow("Email / Experiment / Dataset") << "Email / Experiment / Dataset"
                                                      << "Email folder name contains" << email << "<experiment folder>";
        QTest::newRow("MyTardis") << "Username / \"MyTardis\" / Experiment / Dataset"
                                  << "Username folder name contains" << user << "<experiment folder>";
        QTest::newRow("Full Name") << "User Group / Instrument / Full Name / Dataset"
                                   << "User group folder name contains" << group
                                   << "Test Instrument - <full name folder>";
        QTest::newRow("Experiment / Dataset") << "Experiment / Dataset" << "" << "" << "<experiment folder>";
        QTest::newRow("Dataset") << "Dataset" << "" << ""
                                 << "Test Instrument - <facility account's full name>";
        QTest::newRow("User Group / Dataset") << "User Group / Dataset" << "User group folder name contains"
                                              << group << "<group folder>";
        QTest::newRow("User Group / Experiment / Dataset") << "User Group / Experiment / Dataset"
                                                           << "User group folder name contains" << group
                                                           << "<group folder> - <experiment folder>";
    }

    void labelsAndTitleFollowTheStructure()
    {
        QFETCH(QString, structure);
        QFETCH(QString, userFilter);
        QFETCH(QString, uploadInvalid);
        QFETCH(QString, title);
        SettingsDialog d(writeCfg());
        QVERIFY(ready(d));
        // Chosen in the dialog, as a person would: the Filters page follows.
        combo(d, SettingKey::FolderStructure)->setCurrentText(structure);
        QCOMPARE(grouping(d), title);
        QWidget *filter = d.fieldFor(SettingKey::UserFilter);
        auto *invalid = qobject_cast<QCheckBox *>(d.fieldFor(SettingKey::UploadInvalidUserFolders));
        QCOMPARE(filter->isEnabled(), !userFilter.isEmpty());
        QCOMPARE(invalid->isEnabled(), !uploadInvalid.isEmpty());
        if (!userFilter.isEmpty()) {
            QCOMPARE(d.labelOf(SettingKey::UserFilter), userFilter);
            QCOMPARE(invalid->text(), uploadInvalid);
        }
        // Experiment filters only where there are experiment folders.
        QCOMPARE(d.fieldFor(SettingKey::ExperimentFilter)->isEnabled(), structure.contains(QLatin1String("Experiment")));

        // The same when the file says it.
        SettingsDialog loaded(writeCfg(QStringLiteral("folder_structure = %1\n").arg(structure)));
        QVERIFY(ready(loaded));
        QCOMPARE(grouping(loaded), title);
        if (!userFilter.isEmpty())
            QCOMPARE(loaded.labelOf(SettingKey::UserFilter), userFilter);
    }

    void titleFollowsTheInstrumentNameAsTyped()
    {
        SettingsDialog d(writeCfg());
        QVERIFY(ready(d));
        QCOMPARE(grouping(d), QStringLiteral("Test Instrument - <owner's full name>"));
        qobject_cast<QLineEdit *>(d.fieldFor(SettingKey::InstrumentName))->setText(QStringLiteral("Krios 2"));
        QCOMPARE(grouping(d), QStringLiteral("Krios 2 - <owner's full name>"));
        qobject_cast<QLineEdit *>(d.fieldFor(SettingKey::InstrumentName))->clear();
        QCOMPARE(grouping(d), QStringLiteral("<instrument name> - <owner's full name>"));
    }

    // A sentence naming the user filter uses the words beside the field.
    void sentencesUseTheStructuresWords()
    {
        const QString sentence = QStringLiteral("Check user_filter: it matches no folder.");
        QCOMPARE(FieldLabels::inSentence(sentence, QStringLiteral("Email / Dataset")),
                 QStringLiteral("Check “Email folder name contains”: it matches no folder."));
        QCOMPARE(FieldLabels::inSentence(sentence, QStringLiteral("User Group / Dataset")),
                 QStringLiteral("Check “User group folder name contains”: it matches no folder."));
        QCOMPARE(FieldLabels::inSentence(sentence),
                 QStringLiteral("Check “User folder name contains”: it matches no folder."));
    }

    void uploadMethodGoesThroughTheFile()
    {
        const QString cfg = writeCfg();
        {
            SettingsDialog d(cfg);
            QVERIFY(ready(d));
            QComboBox *method = combo(d, SettingKey::UploadMethod);
            QVERIFY(method);
            QCOMPARE(method->currentData().toString(), QStringLiteral("Staging")); // MyData's "SCP"
            QVERIFY(appliedAndSaved(d));
            QVERIFY(bytes(cfg).contains("upload_method = SCP\n")); // unchanged, kept as written
            method->setCurrentIndex(method->findData(QStringLiteral("HTTP POST")));
            QVERIFY(appliedAndSaved(d));
            QVERIFY2(bytes(cfg).contains("upload_method = HTTP POST\n"), bytes(cfg).constData());
        }
        {
            SettingsDialog d(cfg);
            QVERIFY(ready(d));
            QComboBox *method = combo(d, SettingKey::UploadMethod);
            QCOMPARE(method->currentData().toString(), QStringLiteral("HTTP POST"));
            method->setCurrentIndex(method->findData(QStringLiteral("Staging")));
            QVERIFY(appliedAndSaved(d));
            QVERIFY2(bytes(cfg).contains("upload_method = Staging\n"), bytes(cfg).constData());
        }
    }

    void settingsTheServerSetAreNamed()
    {
        const QString cfg = writeCfg();
        // A run applied these; contact_name has been changed here since.
        QVERIFY(ServerSetSettings::record(cfg, {{QStringLiteral("folder_structure"), QStringLiteral("Username / Dataset")},
                                               {QStringLiteral("contact_name"), QStringLiteral("Central Config")}}));
        SettingsDialog d(cfg);
        QVERIFY(ready(d));
        ServerSetNote *note = d.serverSetNote();
        QVERIFY(!note->isHidden());
        QCOMPARE(note->keys(), QStringList{QStringLiteral("folder_structure")});
        QCOMPARE(note->text(), QStringLiteral("Set by a facility manager on the server: Folder structure."));
        QWidget *structure = d.fieldFor(SettingKey::FolderStructure);
        QVERIFY(structure->property(ServerSetNote::markProperty()).toBool());
        QVERIFY(structure->toolTip().contains(QLatin1String("facility manager")));
        QVERIFY(!d.fieldFor(SettingKey::ContactName)->property(ServerSetNote::markProperty()).toBool());

        // Changed and saved here, it is this PC's own again.
        combo(d, SettingKey::FolderStructure)->setCurrentText(QStringLiteral("Email / Dataset"));
        QVERIFY2(appliedAndSaved(d), qPrintable(d.problems().join(QLatin1Char('\n'))));
        QVERIFY(note->isHidden());
        QVERIFY(!structure->property(ServerSetNote::markProperty()).toBool());
        QVERIFY(!structure->toolTip().contains(QLatin1String("facility manager")));
    }

    void noNoteWithoutServerSettings()
    {
        SettingsDialog d(writeCfg());
        QVERIFY(ready(d));
        QVERIFY(d.serverSetNote()->isHidden());
    }
};

QTEST_MAIN(TestSettingsByStructure)
#include "tst_settingsbystructure.moc"
