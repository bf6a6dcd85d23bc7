// Moving from MyData in the GUI, against the stand-in server: a first start
// (no Tardigrade settings) on a computer where MyData left its MyData.cfg
// and its approved staging key pair offers "Import from MyData"; after it
// and OK, the settings, the uploader uuid and the key pair are Tardigrade's
// (the key copied, owner-only), and a run and a staging request find the
// server's uploader record and its approval as MyData left them: no second
// record, no new request, nothing for an administrator to approve again.
#include "DataTree.h"
#include "GuiTestHome.h"
#include "StandinProcess.h"
#include "app/AppActions.h"
#include "app/GuiController.h"
#include "app/RunStatus.h"
#include "app/StagingApproval.h"
#include "settings/ConfigPaths.h"
#include "settings/ServerCheckQuestions.h"
#include "settings/SettingsDialog.h"
#include "sync/SettingsReview.h"
#include "windows/MainWindow.h"
#include "windows/StagingAccessDialog.h"
#include "windows/StagingBanner.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace tardigrade;
using namespace tardigrade::test;
using namespace tardigrade::ui;

namespace {

// ssh-keygen's answer for a key file, e.g. {"-E", "md5", "-lf", pub}:
// the fingerprint, without MyData's "MD5:" prefix (openssh.py strips it).
QString keygenFingerprint(const QStringList &args)
{
    QProcess keygen;
    keygen.start(QStringLiteral("ssh-keygen"), args);
    if (!keygen.waitForFinished(10000) || keygen.exitCode() != 0)
        return {};
    QString fp = QString::fromLatin1(keygen.readAllStandardOutput()).split(QLatin1Char(' ')).value(1);
    if (fp.startsWith(QLatin1String("MD5:")))
        fp.remove(0, 4);
    return fp;
}

// The staging key pair as MyData made it: ssh-keygen -f ~/.ssh/MyData -N "".
bool makeMyDataKey(const QString &privateKey)
{
    QDir().mkpath(QFileInfo(privateKey).absolutePath());
    QFile::remove(privateKey);
    QFile::remove(privateKey + QStringLiteral(".pub"));
    QProcess p;
    p.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("rsa"),
                                           QStringLiteral("-b"), QStringLiteral("2048"), QStringLiteral("-N"),
                                           QString(), QStringLiteral("-C"), QStringLiteral("jo@Test Instrument"),
                                           QStringLiteral("-f"), privateKey});
    return p.waitForFinished(30000) && p.exitCode() == 0;
}

} // namespace

class TestMyDataImport : public QObject {
    Q_OBJECT

    GuiTestHome m_home; // also HOME: MyData's folders, never the real ones
    int m_case = 0;

    QString home(const QString &rest) const { return m_home.filePath(rest); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.setUp());
        if (QStandardPaths::findExecutable(QStringLiteral("ssh-keygen")).isEmpty())
            QSKIP("ssh-keygen (OpenSSH) makes MyData's key pair");
        // Where MyData (appdirs) kept its settings on Linux: ~/.local/share/MyData.
        qputenv("HOME", m_home.path().toLocal8Bit());
        qunsetenv("XDG_DATA_HOME");
    }

    void init()
    {
        // Each case is a computer of its own: MyData's files made anew.
        QDir(home(QStringLiteral(".local"))).removeRecursively();
        QDir(home(QStringLiteral(".ssh"))).removeRecursively();
        ++m_case;
    }

    void importFromMyDataKeepsUploaderAndApproval_data()
    {
        // MyData asked `ssh-keygen -l` for the fingerprint its request names:
        // with `-E md5` on Windows, plain (SHA256 since OpenSSH 6.8) elsewhere.
        QTest::addColumn<QStringList>("fingerprintArgs");
        QTest::newRow("MyData on Windows (MD5)") << QStringList{"-E", "md5", "-lf"};
        QTest::newRow("MyData on macOS, Linux (SHA256)") << QStringList{"-lf"};
    }

    void importFromMyDataKeepsUploaderAndApproval()
    {
        QFETCH(QStringList, fingerprintArgs);
        StandinProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));

        // MyData as it was left: its settings (with its uuid) and its key pair.
        const QString mydataCfg = home(QStringLiteral(".local/share/MyData/MyData.cfg"));
        QVERIFY(server.writeConfig(mydataCfg));
        const QString mydataKey = home(QStringLiteral(".ssh/MyData"));
        QVERIFY(makeMyDataKey(mydataKey));
        const QByteArray keyBytes = DataTree::readFile(mydataKey);
        const QString fingerprint = keygenFingerprint(fingerprintArgs << mydataKey + ".pub");
        QVERIFY(!fingerprint.isEmpty());

        // ...and the server as MyData left it: its uploader record, and its
        // registration request approved by an administrator.
        bool ok = false;
        server.sql(QStringLiteral("INSERT INTO uploaders (uuid, name, created_time, updated_time) VALUES "
                                  "('%1', 'Test Instrument', '2020-01-01T00:00:00', '2020-01-01T00:00:00')")
                       .arg(server.uuid()),
                   &ok);
        QVERIFY(ok);
        server.sql(QStringLiteral("INSERT INTO registration_requests (uploader_id, name, requester_public_key, "
                                  "requester_key_fingerprint, request_time, approved, approval_time, scp_username, "
                                  "scp_hostname, scp_port, location) SELECT id, 'Test Instrument', '%1', '%2', "
                                  "'2020-01-01T00:00:00', 1, '2020-01-02T00:00:00', 'mydata', '127.0.0.1', '22', "
                                  "'%3' FROM uploaders")
                       .arg(QString::fromLatin1(DataTree::readFile(mydataKey + ".pub").trimmed()), fingerprint,
                            server.stagingDir()),
                   &ok);
        QVERIFY(ok);
        const QString uploaders = QStringLiteral("SELECT id, uuid, created_time FROM uploaders");
        const QString requests = QStringLiteral("SELECT id, uploader_id, requester_key_fingerprint, approved, "
                                                "approval_time, scp_hostname FROM registration_requests");
        const QString uploadersBefore = server.sql(uploaders);
        const QString requestsBefore = server.sql(requests);
        QCOMPARE(uploadersBefore.trimmed().count(QLatin1Char('\n')), 0); // one row each
        QCOMPARE(requestsBefore.trimmed().count(QLatin1Char('\n')), 0);

        // First start: no settings of Tardigrade's own.
        const QString cfg = home(QStringLiteral("case%1/tardigrade/MyData.cfg").arg(m_case));
        GuiController app(cfg);
        app.start();
        SettingsDialog *settings = app.settingsDialog();
        QVERIFY(settings);
        QTRY_VERIFY(settings->isReady());
        QPushButton *fromMyData = settings->myDataImportButton();
        QVERIFY2(fromMyData, "no Import from MyData on a first start with MyData installed");
        QVERIFY(!fromMyData->isHidden());
        QVERIFY(settings->importButton()); // Import MyData.cfg… stays for a file elsewhere
        QVERIFY2(fromMyData->toolTip().contains(QDir::toNativeSeparators(mydataKey)), qPrintable(fromMyData->toolTip()));

        QSignalSpy imported(settings, &SettingsDialog::imported);
        fromMyData->click();
        QTRY_COMPARE(imported.count(), 1);
        QVERIFY2(settings->problems().isEmpty(), qPrintable(settings->problems().join('\n')));
        QCOMPARE(settings->settingsFromFields().uuid(), server.uuid());
        QCOMPARE(fromMyData->text(), QStringLiteral("Imported from MyData"));
        QCOMPARE(settings->importButton()->text(), QStringLiteral("Import MyData.cfg…"));
        QVERIFY(!QFile::exists(cfg)); // nothing saved before OK

        // OK with its server checks (tst_settingsservercheck's subject),
        // answered here: the instrument is created, and the dataset question
        // says staging access stands approved, as it does for MyData's key
        // although that key is copied only when the settings are saved.
        QVERIFY(settings->checksWithServer());
        StagingState stagingAsked = StagingState::Unknown;
        QString stagingSaid;
        ServerCheckQuestions answers;
        answers.createInstrument = [](QWidget *, const QString &, const QString &) { return true; };
        answers.continueWithDatasets = [&](QWidget *, int, const QString &details) {
            stagingAsked = settings->lastServerReview()->staging.state;
            stagingSaid = details;
            return true;
        };
        settings->setServerCheckQuestions(answers);
        QSignalSpy saved(settings, &SettingsDialog::saved);
        settings->accept();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
        QCOMPARE(stagingAsked, StagingState::Approved);
        QVERIFY2(stagingSaid.contains(QLatin1String("Staging access is approved")), qPrintable(stagingSaid));

        // The key pair copied, private part owner-only, MyData's left alone.
        const QString identity = ConfigPaths::stateFilePath(cfg, StateFile::IdentityKey);
        QCOMPARE(DataTree::readFile(identity), keyBytes);
        const QFileDevice::Permissions mode = QFile::permissions(identity);
        QVERIFY(!(mode & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther |
                          QFileDevice::WriteOther)));
        QCOMPARE(DataTree::readFile(mydataKey), keyBytes);
        QVERIFY(DataTree::readFile(cfg).contains(("uuid = " + server.uuid()).toUtf8()));

        // A run registers (prepare) and finds staging approved at once.
        QSignalSpy ended(app.status(), &RunStatus::runEnded);
        app.actions()->syncNow->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 60000);
        QVERIFY(app.mainWindow()->stagingBanner()->isHidden());
        QCOMPARE(app.stagingApproval()->access().state, StagingState::Approved);

        // So does Request Staging Access…: approved, nothing new to approve.
        StagingAccessDialog *dialog = app.stagingApproval()->requestAccess(nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
        QVERIFY2(dialog->stateText().contains(QLatin1String("approved")) &&
                     !dialog->stateText().contains(QLatin1String("not approved")),
                 qPrintable(dialog->stateText()));

        // The server's records are MyData's: one uploader, same id and
        // uuid, the one request, still approved.
        QCOMPARE(server.sql(uploaders), uploadersBefore);
        QCOMPARE(server.sql(requests), requestsBefore);
    }

    void aKeyThatIsNotMyDataPairIsRefusedBeforeAnythingChanges()
    {
        StandinProcess server; // only for the settings file's values
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(server.writeConfig(home(QStringLiteral(".local/share/MyData/MyData.cfg"))));
        const QString mydataKey = home(QStringLiteral(".ssh/MyData"));
        const QString other = home(QStringLiteral("case%1/other").arg(m_case));
        QVERIFY(makeMyDataKey(other));
        QVERIFY(makeMyDataKey(mydataKey));
        QVERIFY(QFile::remove(mydataKey + ".pub"));
        QVERIFY(QFile::copy(other + ".pub", mydataKey + ".pub")); // not the approved pair

        const QString cfg = home(QStringLiteral("case%1/tardigrade/MyData.cfg").arg(m_case));
        SettingsDialog settings(cfg);
        QTRY_VERIFY(settings.isReady());
        QVERIFY(settings.myDataImportButton());
        settings.myDataImportButton()->click();
        QCOMPARE(settings.problems().size(), 1);
        QVERIFY2(settings.problems().first().contains(QLatin1String("does not belong to")),
                 qPrintable(settings.problems().first()));
        QVERIFY(settings.settingsFromFields().uuid().isEmpty()); // the fields as they were
        QVERIFY(!QFile::exists(ConfigPaths::stateFilePath(cfg, StateFile::IdentityKey)));
    }

    void noMyDataNoOffer()
    {
        const QString cfg = home(QStringLiteral("case%1/tardigrade/MyData.cfg").arg(m_case));
        SettingsDialog settings(cfg);
        QTRY_VERIFY(settings.isReady());
        QVERIFY(!settings.myDataImportButton());
        QVERIFY(settings.importButton());
    }
};

QTEST_MAIN(TestMyDataImport)
#include "tst_mydataimport.moc"
