// The tray app after a Test Run and uploads against servers that fail (HTTP
// 500s before it recovers, then one that refuses every request): the support file
// "Report a Problem…" saves, the Log tab and the Test Run report hold no API
// key and no line of the staging private key.
#include "DataTree.h"
#include "GuiTestHome.h"
#include "StandinProcess.h"
#include "app/AppActions.h"
#include "app/GuiController.h"
#include "app/RunStatus.h"
#include "models/RunModels.h"
#include "windows/LogPage.h"
#include "windows/MainWindow.h"
#include "windows/TestRunWindow.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace tardigrade;
using namespace tardigrade::test;
using namespace tardigrade::ui;

namespace {

const QByteArray kApiKey = "TgGuiSecretKey-5d2b8e0f7a13c946";

void closeNextMessageBox()
{
    QTimer::singleShot(50, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->close();
    });
}

} // namespace

class TestSecretsInSupportFile : public QObject {
    Q_OBJECT

    GuiTestHome m_home;

private slots:
    void initTestCase() { QVERIFY(m_home.setUp()); }

    void theSupportFileHoldsNoSecret()
    {
        StandinProcess server;
        QVERIFY2(server.start({QStringLiteral("--api-key"), QString::fromLatin1(kApiKey), QStringLiteral("--fail-first"),
                               QStringLiteral("3"), QStringLiteral("--fail-mode"), QStringLiteral("500")}),
                 qPrintable(server.errorString()));
        DataTree tree(server.dataDir());
        tree.write(QStringLiteral("testuser1/Dataset A/frame 1.tif"), 4000);
        const QString cfg = server.configPath();
        QMap<QString, QString> settings{{QStringLiteral("api_key"), QString::fromLatin1(kApiKey)},
                                        {QStringLiteral("schedule_type"), QStringLiteral("Manually")},
                                        {QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                        {QStringLiteral("verification_delay"), QStringLiteral("0")}};
        QVERIFY(server.writeConfig(cfg, settings));

        GuiController app(cfg);
        app.start();
        QSignalSpy ended(app.status(), &RunStatus::runEnded);
        app.actions()->testRun->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 60000);
        app.actions()->syncNow->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, 60000);

        // Then a server that refuses every request but its API root.
        QVERIFY(server.start({QStringLiteral("--api-key"), QString::fromLatin1(kApiKey), QStringLiteral("--fail-rate"),
                              QStringLiteral("1"), QStringLiteral("--fail-mode"), QStringLiteral("403"),
                              QStringLiteral("--fail-path"), QStringLiteral("^(?!GET /api/v1/$).*")}));
        settings.insert(QStringLiteral("mytardis_url"), server.urlString());
        QVERIFY(server.writeConfig(cfg, settings));
        app.actions()->syncNow->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 3, 60000);

        QList<QByteArray> secrets{kApiKey};
        QFile key(QFileInfo(cfg).absolutePath() + QStringLiteral("/tardigrade_id"));
        QFile pub(key.fileName() + QStringLiteral(".pub"));
        QVERIFY2(key.open(QIODevice::ReadOnly) && pub.open(QIODevice::ReadOnly), "no staging key was made");
        const QByteArray publicKey = pub.readAll();
        for (const QByteArray &line : key.readAll().split('\n'))
            if (line.size() >= 20 && !line.startsWith("-----") && !publicKey.contains(line.trimmed()))
                secrets << line.trimmed();

        app.setUrlOpener([](const QUrl &) { return true; });
        closeNextMessageBox();
        const QString file = app.reportProblem();
        QFile saved(file);
        QVERIFY2(saved.open(QIODevice::ReadOnly), qPrintable(file));
        const QByteArray support = saved.readAll();
        QVERIFY2(support.contains("(HTTP 403)"), "the refusal is not in the support file"); // the runs are in it
        const QByteArray report = app.testRunWindow()->reportText().toUtf8();
        QVERIFY(!report.isEmpty());
        for (const QByteArray &secret : secrets) {
            QVERIFY2(!support.contains(secret), "the support file shows a secret");
            QVERIFY2(!report.contains(secret), "the Test Run report shows a secret");
        }
    }
};

QTEST_MAIN(TestSecretsInSupportFile)
#include "tst_secretsinsupportfile.moc"
