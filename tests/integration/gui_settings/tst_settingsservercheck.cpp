// The Settings dialog's OK against the stand-in server, as MyData's OK did:
// it checks URL, credentials, facility and instrument on a worker thread
// (OK disabled, Cancel stops it), lists what is wrong with the fields
// highlighted, offers the facilities the account manages, creates a missing
// instrument or renames the saved one when asked, lets the user save past
// a server that cannot be reached, and asks "N datasets found, continue?"
// with the number the folder structure finds before it saves.
#include "DataTree.h"
#include "GuiTestHome.h"
#include "StandinProcess.h"
#include "app/GuiController.h"
#include "settings/FieldLabels.h"
#include "settings/SettingsDialog.h"
#include "settings/SettingsFile.h"
#include "sync/RegisterFromSettings.h"
#include "sync/SettingsReview.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace tardigrade;
using namespace tardigrade::test;
using namespace tardigrade::ui;

namespace {

// "Username / Dataset": <data>/<user>/<dataset>/<file>.
void makeDataset(const QString &dataDir, const QString &user, const QString &dataset)
{
    const QString dir = dataDir + QLatin1Char('/') + user + QLatin1Char('/') + dataset;
    QVERIFY(QDir().mkpath(dir));
    QFile f(dir + QStringLiteral("/image.tif"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("pixels");
}

QLineEdit *edit(SettingsDialog &d, SettingKey key)
{
    return qobject_cast<QLineEdit *>(d.fieldFor(key));
}

QPushButton *button(SettingsDialog &d, QDialogButtonBox::StandardButton which)
{
    for (QDialogButtonBox *box : d.findChildren<QDialogButtonBox *>())
        if (QPushButton *b = box->button(which))
            return b;
    return nullptr;
}

// What OK asked, and the answers the test gives.
struct Asked {
    QStringList facilitiesOffered;
    QString facilitySentence;
    QString facilityAnswer;
    QStringList createAsked; // "instrument|facility"
    bool createAnswer = true;
    QStringList renameAsked; // "from|to"
    bool renameAnswer = true;
    QString unreachableSentence;
    bool saveAnywayAnswer = false;
    QList<int> datasetCounts;
    QString datasetDetails;
    bool continueAnswer = true;

    ServerCheckQuestions questions()
    {
        ServerCheckQuestions q;
        q.pickFacility = [this](QWidget *, const QString &sentence, const QStringList &facilities) {
            facilitySentence = sentence;
            facilitiesOffered = facilities;
            return facilityAnswer;
        };
        q.createInstrument = [this](QWidget *, const QString &instrument, const QString &facility) {
            createAsked << instrument + QLatin1Char('|') + facility;
            return createAnswer;
        };
        q.renameInstrument = [this](QWidget *, const QString &from, const QString &to) {
            renameAsked << from + QLatin1Char('|') + to;
            return renameAnswer;
        };
        q.saveAnyway = [this](QWidget *, const QString &sentence) {
            unreachableSentence = sentence;
            return saveAnywayAnswer;
        };
        q.continueWithDatasets = [this](QWidget *, int datasets, const QString &details) {
            datasetCounts << datasets;
            datasetDetails = details;
            return continueAnswer;
        };
        return q;
    }
};

bool ready(SettingsDialog &d)
{
    return QTest::qWaitFor([&d] { return d.isReady(); }, 10000);
}

// OK, then until the check and any save have ended.
void okAndWait(SettingsDialog &d)
{
    d.accept();
    QTRY_VERIFY_WITH_TIMEOUT(!d.isCheckingServer() && !d.isSaving(), 30000);
}

QString instruments(const StandinProcess &server)
{
    return server.sql(QStringLiteral("SELECT id, name FROM instruments ORDER BY id")).trimmed();
}

// The stand-in with its settings file (`overrides` changed in it), and a
// settings dialog on that file whose server check asks `asked`, not the
// user. `before`: the file's bytes before the dialog opened.
struct DialogOnServer {
    StandinProcess server;
    bool started;
    QByteArray before;
    Asked asked;
    SettingsDialog d;

    explicit DialogOnServer(const QMap<QString, QString> &overrides = {})
        : started(server.startWithConfig({}, overrides)), before(DataTree::readFile(server.configPath())),
          d(server.configPath())
    {
        d.setServerCheckQuestions(asked.questions());
    }
};

} // namespace

class TestSettingsServerCheck : public QObject {
    Q_OBJECT

    GuiTestHome m_home;

    // A first OK that creates "Test Instrument" (the questions answered
    // yes), for the cases that rename it afterwards; `id` is its id.
    static void saveCreatingTheInstrument(StandinProcess &server, Asked &asked, QString *id)
    {
        SettingsDialog first(server.configPath());
        first.setServerCheckQuestions(asked.questions());
        QVERIFY(ready(first));
        okAndWait(first);
        QCOMPARE(first.result(), int(QDialog::Accepted));
        const QString made = instruments(server);
        QVERIFY(made.endsWith(QLatin1String("\tTest Instrument")));
        *id = made.section(QLatin1Char('\t'), 0, 0);
    }

private slots:
    void initTestCase() { QVERIFY(m_home.setUp()); }

    void wrongApiKeyIsAProblemOnItsField()
    {
        DialogOnServer w({{QStringLiteral("api_key"), QStringLiteral("not-the-key")}});
        QVERIFY2(w.started, qPrintable(w.server.errorString()));
        QVERIFY(ready(w.d));
        QSignalSpy saved(&w.d, &SettingsDialog::saved);
        okAndWait(w.d);
        QCOMPARE(saved.count(), 0);
        QCOMPARE(DataTree::readFile(w.server.configPath()), w.before);
        QVERIFY(w.d.result() != QDialog::Accepted);
        QVERIFY(w.d.isHighlighted(SettingKey::ApiKey));
        QCOMPARE(w.d.problems().size(), 1);
        QVERIFY2(w.d.problems().first().contains(FieldLabels::of(SettingKey::ApiKey)),
                 qPrintable(w.d.problems().first()));
        QVERIFY(w.asked.datasetCounts.isEmpty()); // nothing is asked past a problem
        QVERIFY(w.asked.createAsked.isEmpty());

        // Fixing the key takes its problem off the list; OK checks again.
        edit(w.d, SettingKey::ApiKey)->setText(w.server.apiKey());
        QVERIFY(w.d.problems().isEmpty());
        QVERIFY(!w.d.isHighlighted(SettingKey::ApiKey));
    }

    void theCheckRunsOffTheGuiThreadAndCancelLeavesTheSettingsUnsaved()
    {
        // Every answer half a second late: waited for on the GUI thread, OK would hang.
        StandinProcess server;
        QVERIFY2(server.startWithConfig({QStringLiteral("--latency-ms"), QStringLiteral("500")}),
                 qPrintable(server.errorString()));
        SettingsDialog d(server.configPath());
        Asked asked;
        d.setServerCheckQuestions(asked.questions());
        d.show();
        QVERIFY(ready(d));
        edit(d, SettingKey::ContactName)->setText(QStringLiteral("Someone Else"));
        const QByteArray before = DataTree::readFile(server.configPath());
        QSignalSpy saved(&d, &SettingsDialog::saved);

        QElapsedTimer clicked;
        clicked.start();
        button(d, QDialogButtonBox::Ok)->click();
        QVERIFY2(clicked.elapsed() < 1000,
                 "OK waited for the server on the GUI thread"); // a check takes several answers
        QVERIFY(d.isCheckingServer());
        QVERIFY(!button(d, QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(button(d, QDialogButtonBox::Cancel)->isEnabled());

        button(d, QDialogButtonBox::Cancel)->click();
        QVERIFY(!d.isCheckingServer());
        QVERIFY(button(d, QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(d.isVisible()); // Cancel stopped the check, not the dialog
        QTest::qWait(2500);     // what the server would have answered by now
        QCOMPARE(saved.count(), 0);
        QVERIFY(asked.datasetCounts.isEmpty() && asked.createAsked.isEmpty());
        QCOMPARE(DataTree::readFile(server.configPath()), before);
        QCOMPARE(instruments(server), QString()); // nothing made on the server
        QVERIFY(d.hasUnsavedChanges());
    }

    void unknownFacilityOffersTheManagedOnes()
    {
        DialogOnServer w({{QStringLiteral("facility_name"), QStringLiteral("Nope")}});
        QVERIFY2(w.started, qPrintable(w.server.errorString()));
        QVERIFY(ready(w.d));

        // Declined: the problem is listed on the facility field.
        okAndWait(w.d);
        QCOMPARE(w.asked.facilitiesOffered, QStringList{QStringLiteral("Test Facility")});
        QVERIFY2(w.asked.facilitySentence.contains(QLatin1String("\"Nope\"")), qPrintable(w.asked.facilitySentence));
        QVERIFY(w.d.isHighlighted(SettingKey::FacilityName));
        QCOMPARE(w.d.problems().size(), 1);

        // Chosen: the field takes it and OK goes on with it.
        w.asked.facilityAnswer = QStringLiteral("Test Facility");
        QSignalSpy saved(&w.d, &SettingsDialog::saved);
        w.d.accept();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
        QCOMPARE(edit(w.d, SettingKey::FacilityName)->text(), QStringLiteral("Test Facility"));
        QCOMPARE(SettingsFile::load(w.server.configPath())->facilityName(), QStringLiteral("Test Facility"));
        QCOMPARE(w.d.result(), int(QDialog::Accepted));
    }

    void missingInstrumentIsCreatedOnYes()
    {
        DialogOnServer w;
        QVERIFY2(w.started, qPrintable(w.server.errorString()));
        QVERIFY(ready(w.d));

        w.asked.createAnswer = false; // No: nothing made, the name is the problem
        okAndWait(w.d);
        QCOMPARE(w.asked.createAsked, QStringList{QStringLiteral("Test Instrument|Test Facility")});
        QCOMPARE(instruments(w.server), QString());
        QVERIFY(w.d.isHighlighted(SettingKey::InstrumentName));
        QCOMPARE(DataTree::readFile(w.server.configPath()), w.before);

        w.asked.createAnswer = true;
        QSignalSpy saved(&w.d, &SettingsDialog::saved);
        w.d.accept();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
        QCOMPARE(w.asked.createAsked.size(), 2);
        QVERIFY(instruments(w.server).endsWith(QLatin1String("\tTest Instrument")));
        QCOMPARE(instruments(w.server).count(QLatin1Char('\n')), 0); // exactly one
        QVERIFY2(w.asked.datasetDetails.contains(QLatin1String("creates instrument")),
                 qPrintable(w.asked.datasetDetails));
    }

    void renamingTheInstrumentRenamesItOnTheServer()
    {
        StandinProcess server;
        QVERIFY2(server.startWithConfig(), qPrintable(server.errorString()));
        Asked asked;
        QString id;
        saveCreatingTheInstrument(server, asked, &id);
        QVERIFY(!id.isEmpty());

        SettingsDialog d(server.configPath());
        d.setServerCheckQuestions(asked.questions());
        QVERIFY(ready(d));
        edit(d, SettingKey::InstrumentName)->setText(QStringLiteral("Renamed Microscope"));
        QSignalSpy saved(&d, &SettingsDialog::saved);
        d.accept();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
        QCOMPARE(asked.renameAsked, QStringList{QStringLiteral("Test Instrument|Renamed Microscope")});
        QCOMPARE(asked.createAsked.size(), 1); // the first dialog's only
        QCOMPARE(instruments(server), id + QStringLiteral("\tRenamed Microscope"));
        QCOMPARE(SettingsFile::load(server.configPath())->instrumentName(), QStringLiteral("Renamed Microscope"));
    }

    void theRenameIsMadeOnlyAfterTheLastYes()
    {
        // Renamed on the server but not saved, the next run would create the
        // old name again: a second instrument. So the rename waits for the
        // dataset question's yes, and a failed rename saves nothing.
        StandinProcess server;
        QVERIFY2(server.startWithConfig(), qPrintable(server.errorString()));
        Asked asked;
        QString id;
        saveCreatingTheInstrument(server, asked, &id);
        QVERIFY(!id.isEmpty());
        const QByteArray before = DataTree::readFile(server.configPath());

        SettingsDialog d(server.configPath());
        d.setServerCheckQuestions(asked.questions());
        QVERIFY(ready(d));
        edit(d, SettingKey::InstrumentName)->setText(QStringLiteral("Renamed Microscope"));
        QSignalSpy saved(&d, &SettingsDialog::saved);

        // Rename: yes; continue: no. Nothing changed anywhere.
        asked.continueAnswer = false;
        okAndWait(d);
        QCOMPARE(asked.renameAsked, QStringList{QStringLiteral("Test Instrument|Renamed Microscope")});
        QCOMPARE(asked.datasetCounts.size(), 2); // the first dialog's and this one's
        QVERIFY2(asked.datasetDetails.contains(QLatin1String("renames instrument \"Test Instrument\"")),
                 qPrintable(asked.datasetDetails));
        QCOMPARE(instruments(server), id + QStringLiteral("\tTest Instrument"));
        QCOMPARE(DataTree::readFile(server.configPath()), before);
        QCOMPARE(saved.count(), 0);

        // Yes, yes, but the server refuses the rename (the record went
        // meanwhile): the sentence is listed and nothing is saved.
        ServerCheckQuestions refused = asked.questions();
        refused.continueWithDatasets = [&server](QWidget *, int, const QString &) {
            server.sql(QStringLiteral("UPDATE instruments SET id = id + 1000"));
            return true;
        };
        d.setServerCheckQuestions(refused);
        okAndWait(d);
        QCOMPARE(saved.count(), 0);
        QCOMPARE(d.problems().size(), 1);
        QCOMPARE(DataTree::readFile(server.configPath()), before);
        QVERIFY(d.result() != QDialog::Accepted);
        server.sql(QStringLiteral("UPDATE instruments SET id = id - 1000"));

        // Yes, yes: renamed, then saved.
        asked.continueAnswer = true;
        d.setServerCheckQuestions(asked.questions());
        d.accept();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
        QCOMPARE(instruments(server), id + QStringLiteral("\tRenamed Microscope")); // the same one, renamed
        QCOMPARE(SettingsFile::load(server.configPath())->instrumentName(), QStringLiteral("Renamed Microscope"));
        QCOMPARE(d.result(), int(QDialog::Accepted));
    }

    void datasetsFoundAreCountedBeforeSaving()
    {
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QString data = server.dataDir();
        makeDataset(data, QStringLiteral("testuser1"), QStringLiteral("Dataset A"));
        makeDataset(data, QStringLiteral("testuser1"), QStringLiteral("Dataset B"));
        makeDataset(data, QStringLiteral("testuser2"), QStringLiteral("Dataset C"));
        QVERIFY(
            server.writeConfig(server.configPath(), {{QStringLiteral("ignore_new_files"), QStringLiteral("False")}}));
        const QByteArray before = DataTree::readFile(server.configPath());
        SettingsDialog d(server.configPath());
        Asked asked;
        d.setServerCheckQuestions(asked.questions());
        QVERIFY(ready(d));
        edit(d, SettingKey::ContactName)->setText(QStringLiteral("Someone Else"));

        asked.continueAnswer = false; // No: back to the fields, nothing saved
        okAndWait(d);
        QCOMPARE(asked.datasetCounts, QList<int>{3});
        QCOMPARE(DataTree::readFile(server.configPath()), before);
        QVERIFY(d.problems().isEmpty());
        QVERIFY(d.result() != QDialog::Accepted);
        // Where staging access stands is said, not a blocker.
        QVERIFY2(asked.datasetDetails.contains(QLatin1String("staging access")), qPrintable(asked.datasetDetails));
        QCOMPARE(d.lastServerReview()->staging.state, StagingState::NotRequested);

        makeDataset(data, QStringLiteral("testuser2"), QStringLiteral("Dataset D"));
        asked.continueAnswer = true;
        okAndWait(d);
        QCOMPARE(asked.datasetCounts, (QList<int>{3, 4}));
        QCOMPARE(d.result(), int(QDialog::Accepted));
        QCOMPARE(SettingsFile::load(server.configPath())->value(SettingKey::ContactName),
                 QStringLiteral("Someone Else"));
    }

    void stagingApprovalIsShownNotRequired()
    {
        StandinProcess server;
        QVERIFY2(server.startWithConfig(), qPrintable(server.errorString()));
        auto registered = registerFromSettings(server.configPath()); // "Request Staging Access…"
        QVERIFY2(registered.ok(), qPrintable(registered.error().message));
        Asked asked;
        asked.continueAnswer = false;
        SettingsDialog d(server.configPath());
        d.setServerCheckQuestions(asked.questions());
        QVERIFY(ready(d));
        okAndWait(d);
        QCOMPARE(asked.datasetCounts.size(), 1); // not a blocker: the question comes
        QCOMPARE(d.lastServerReview()->staging.state, StagingState::Pending);
        QVERIFY2(asked.datasetDetails.contains(QLatin1String("not approved yet")), qPrintable(asked.datasetDetails));
        QCOMPARE(d.lastServerReview()->staging.fingerprint, registered->registration.access().fingerprint);

        QVERIFY(server.approveAll());
        okAndWait(d);
        QCOMPARE(d.lastServerReview()->staging.state, StagingState::Approved);
        QVERIFY2(asked.datasetDetails.contains(QLatin1String("approved")), qPrintable(asked.datasetDetails));
    }

    void theAppChecksWithTheServer()
    {
        StandinProcess server;
        QVERIFY2(server.startWithConfig(), qPrintable(server.errorString()));
        GuiController app(server.configPath());
        app.start();
        app.openSettings();
        QVERIFY(app.settingsDialog());
        QVERIFY(app.settingsDialog()->checksWithServer());
    }

    void anUnreachableServerCanBeSavedAnyway()
    {
        DialogOnServer w({{QStringLiteral("mytardis_url"), QStringLiteral("http://127.0.0.1:1")}});
        QVERIFY2(w.started, qPrintable(w.server.errorString()));
        QVERIFY(ready(w.d));

        okAndWait(w.d); // Cancel: the sentence is listed on the URL field
        QVERIFY2(w.asked.unreachableSentence.contains(QLatin1String("Cannot reach")),
                 qPrintable(w.asked.unreachableSentence));
        QVERIFY(w.d.isHighlighted(SettingKey::MytardisUrl));
        QCOMPARE(DataTree::readFile(w.server.configPath()), w.before);

        w.asked.saveAnywayAnswer = true;
        QSignalSpy saved(&w.d, &SettingsDialog::saved);
        w.d.accept();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
        QCOMPARE(w.d.result(), int(QDialog::Accepted));
        QVERIFY(w.asked.datasetCounts.isEmpty());
    }
};

QTEST_MAIN(TestSettingsServerCheck)
#include "tst_settingsservercheck.moc"
