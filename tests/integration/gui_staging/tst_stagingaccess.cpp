// Staging access from the GUI, against the stand-in server over HTTP:
// "Request Staging Access…" in the settings registers on a worker thread and
// shows the public key, its SHA256 fingerprint (as `ssh-keygen -lf` prints
// it) and where approval stands, with exactly one request on the server;
// the main window's banner shows while approval is awaited and hides, with
// the "approved" notification, once a run finds the request approved; a
// wrong API key or URL ends in one sentence.
#include "GuiTestHome.h"
#include "StandinProcess.h"
#include "app/AppActions.h"
#include "app/GuiController.h"
#include "app/RunStatus.h"
#include "app/StagingApproval.h"
#include "settings/SettingsDialog.h"
#include "windows/MainWindow.h"
#include "windows/StagingAccessDialog.h"
#include "windows/StagingBanner.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
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

QString publicKeyFileOf(const StandinProcess &server)
{
    return server.tempPath() + QStringLiteral("/config/tardigrade_id.pub");
}

// "4096 SHA256:abc... comment (RSA)" -> "SHA256:abc..."; empty without ssh-keygen.
QString sshKeygenFingerprint(const QString &publicKeyFile)
{
    QProcess keygen;
    keygen.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-lf"), publicKeyFile});
    if (!keygen.waitForFinished(10000) || keygen.exitCode() != 0)
        return {};
    return QString::fromLatin1(keygen.readAllStandardOutput()).split(QLatin1Char(' ')).value(1);
}

QString requestCount(const StandinProcess &server)
{
    return server.sql(QStringLiteral("SELECT COUNT(*) FROM registration_requests")).trimmed();
}

} // namespace

class TestStagingAccess : public QObject {
    Q_OBJECT

    GuiTestHome m_home;

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.setUp());
        if (QStandardPaths::findExecutable(QStringLiteral("ssh-keygen")).isEmpty())
            QSKIP("ssh-keygen (OpenSSH) is needed to check the fingerprint");
    }

    void requestFromSettingsShowsKeyAndFingerprint()
    {
        // Every answer half a second late: a request made on the GUI thread
        // would hold the click for seconds.
        StandinProcess server;
        QVERIFY2(server.startWithConfig({QStringLiteral("--latency-ms"), QStringLiteral("500")}),
                 qPrintable(server.errorString()));
        GuiController app(server.configPath());
        app.start();
        app.openSettings();
        SettingsDialog *settings = app.settingsDialog();
        QTRY_VERIFY(settings->isReady());
        QVERIFY(settings->stagingButton()->isVisible());
        QElapsedTimer clicked;
        clicked.start();
        settings->stagingButton()->click();
        QVERIFY2(clicked.elapsed() < 1000, "the GUI thread waited for the request");

        StagingAccessDialog *dialog = app.stagingApproval()->dialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->isBusy()); // the key is made and the server asked on a worker thread
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));

        QFile pub(publicKeyFileOf(server));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        const QString key = QString::fromLatin1(pub.readAll().trimmed());
        QVERIFY(key.startsWith(QLatin1String("ssh-rsa AAAA")));
        QCOMPARE(dialog->publicKey(), key);
        const QString fingerprint = sshKeygenFingerprint(publicKeyFileOf(server));
        QVERIFY(fingerprint.startsWith(QLatin1String("SHA256:")));
        QCOMPARE(dialog->fingerprint(), fingerprint);
        QVERIFY2(dialog->stateText().contains(QLatin1String("not approved yet")), qPrintable(dialog->stateText()));
        dialog->copyButton()->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), key);
        QCOMPARE(requestCount(server), QStringLiteral("1"));
        // The banner knows as much as the dialog.
        QVERIFY(!app.mainWindow()->stagingBanner()->isHidden());

        // Asking again finds the same request instead of making another.
        dialog->checkAgainButton()->click();
        QVERIFY(dialog->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        QCOMPARE(dialog->publicKey(), key);
        QCOMPARE(requestCount(server), QStringLiteral("1"));
    }

    void approvalHidesTheBannerAndNotifies()
    {
        StandinProcess server;
        QVERIFY2(server.startWithConfig(), qPrintable(server.errorString()));
        GuiController app(server.configPath());
        app.start();
        StagingBanner *banner = app.mainWindow()->stagingBanner();
        QVERIFY(banner->isHidden()); // nothing known before a run
        QSignalSpy ended(app.status(), &RunStatus::runEnded);
        QSignalSpy approved(app.stagingApproval(), &StagingApproval::approvalArrived);

        app.actions()->syncNow->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 30000);
        QVERIFY(!banner->isHidden());
        const QString fingerprint = sshKeygenFingerprint(publicKeyFileOf(server));
        QVERIFY(!fingerprint.isEmpty());
        QVERIFY2(banner->text().contains(fingerprint), qPrintable(banner->text()));
        QVERIFY(banner->requestButton()->isVisible());
        QCOMPARE(approved.count(), 0);
        QCOMPARE(requestCount(server), QStringLiteral("1"));

        QVERIFY(server.approveAll());
        app.actions()->syncNow->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, 30000);
        QVERIFY(banner->isHidden());
        QCOMPARE(approved.count(), 1); // what the tray shows
        QCOMPARE(approved.at(0).at(0).toString(), StagingApproval::approvedTitle());

        // Approved stays approved: no second notification.
        app.actions()->syncNow->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 3, 30000);
        QVERIFY(banner->isHidden());
        QCOMPARE(approved.count(), 1);
    }

    void failureEndsInOneSentence_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("says");
        QTest::newRow("wrong API key") << QStringLiteral("api_key") << QStringLiteral("not-the-key")
                                       << QStringLiteral("API key");
        QTest::newRow("wrong URL") << QStringLiteral("mytardis_url") << QStringLiteral("http://127.0.0.1:1")
                                   << QStringLiteral("Cannot reach the MyTardis server");
    }

    void failureEndsInOneSentence()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, says);
        StandinProcess server;
        QVERIFY2(server.startWithConfig({}, {{key, value}}), qPrintable(server.errorString()));
        StagingApproval approval(server.configPath());
        StagingAccessDialog *dialog = approval.requestAccess(nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 60000);
        const QString error = dialog->errorText();
        QVERIFY2(error.contains(says), qPrintable(error));
        // One sentence: one line, one full stop at its end.
        QVERIFY2(!error.contains(QLatin1Char('\n')) && error.endsWith(QLatin1Char('.')) &&
                     !error.chopped(1).contains(QLatin1String(". ")),
                 qPrintable(error));
        QVERIFY(dialog->publicKey().isEmpty());
        QCOMPARE(requestCount(server), QStringLiteral("0"));
        QCOMPARE(approval.access().state, StagingState::Unknown);
    }
};

QTEST_MAIN(TestStagingAccess)
#include "tst_stagingaccess.moc"
