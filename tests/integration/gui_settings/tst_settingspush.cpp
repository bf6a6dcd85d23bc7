// The settings of an installation on the server (its uploader record,
// mytardis-api.md section 5), against the stand-in over HTTP: saving in the
// settings dialog sends them (never the API key) on a worker thread, and
// `tardigrade config set` does too; a push the server refuses leaves the
// save as it was and says so in the log in one sentence; settings a
// facility manager set on the server, once a run has applied them, are
// named as such in the dialog.
#include "CliRun.h"
#include "GuiTestHome.h"
#include "StandinProcess.h"
#include "UploaderRecord.h"
#include "app/GuiController.h"
#include "app/SettingsPushJob.h"
#include "models/RunModels.h"
#include "settings/ServerSetNote.h"
#include "settings/SettingsDialog.h"

#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <optional>

using namespace tardigrade;
using namespace tardigrade::test;
using namespace tardigrade::ui;

namespace {

// key=value per setting the server holds for the installation.
QStringList serverSettings(const StandinProcess &server)
{
    return server.sql(QStringLiteral("SELECT key || '=' || value FROM uploader_settings ORDER BY key"))
        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// The answer of the next push the app makes after a save.
struct PushWatch {
    std::optional<Result<SettingsPush>> result;
    explicit PushWatch(GuiController &app)
    {
        QObject::connect(app.settingsPush(), &SettingsPushJob::finished, app.settingsPush(),
                         [this](const Result<SettingsPush> &r) { result.emplace(r); });
    }
    bool wait() { return QTest::qWaitFor([this] { return result.has_value(); }, 30000); }
};

bool ready(SettingsDialog *d)
{
    return QTest::qWaitFor([d] { return d->isReady(); }, 10000);
}

} // namespace

class TestSettingsPush : public QObject {
    Q_OBJECT

    GuiTestHome m_home;

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.setUp());
        qputenv("TARDIGRADE_SECRET_STORE", "file");
    }

    void savingSendsTheSettingsButNeverTheApiKey()
    {
        StandinProcess server;
        QVERIFY2(server.startWithConfig(), qPrintable(server.errorString()));
        QVERIFY(makeUploaderRecord(server));
        QVERIFY(serverSettings(server).isEmpty());

        GuiController app(server.configPath());
        app.openSettings();
        SettingsDialog *d = app.settingsDialog();
        QVERIFY(ready(d));
        qobject_cast<QComboBox *>(d->fieldFor(SettingKey::FolderStructure))
            ->setCurrentText(QStringLiteral("Username / Experiment / Dataset"));
        auto *method = qobject_cast<QComboBox *>(d->fieldFor(SettingKey::UploadMethod));
        method->setCurrentIndex(method->findData(QStringLiteral("HTTP POST")));
        PushWatch pushed(app);
        QVERIFY2(d->apply(), qPrintable(d->problems().join(QLatin1Char('\n'))));
        QVERIFY(pushed.wait());
        const Result<SettingsPush> &result = *pushed.result;
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->outcome, SettingsPush::Outcome::Sent);

        const QStringList held = serverSettings(server);
        QVERIFY2(held.contains(QStringLiteral("folder_structure=Username / Experiment / Dataset")),
                 qPrintable(held.join(QLatin1Char('\n'))));
        QVERIFY(held.contains(QStringLiteral("upload_method=HTTP POST")));
        QVERIFY(held.contains(QStringLiteral("instrument_name=Test Instrument")));
        QVERIFY(held.contains(QStringLiteral("mytardis_url=") + server.urlString()));
        for (const QString &row : held) {
            QVERIFY2(!row.startsWith(QLatin1String("api_key=")) && !row.contains(server.apiKey()), qPrintable(row));
            QVERIFY(!row.startsWith(QLatin1String("uuid=")));
        }
        QVERIFY(!server.sql(QStringLiteral("SELECT settings_updated FROM uploaders")).trimmed().isEmpty());
        int patches = 0;
        for (const QJsonObject &r : server.requests())
            if (r.value(QLatin1String("method")).toString() == QLatin1String("PATCH") &&
                r.value(QLatin1String("path")).toString().startsWith(QLatin1String("/api/v1/mydata_uploader/")))
                ++patches;
        QCOMPARE(patches, 1);
        QVERIFY(app.models()->log()->lines().join(QLatin1Char('\n')).contains(QLatin1String("uploader record")));
    }

    void aRefusedPushLeavesTheSaveAndSaysSo()
    {
        StandinProcess server;
        QVERIFY2(server.startWithConfig({QStringLiteral("--fail-rate"), QStringLiteral("1"),
                                         QStringLiteral("--fail-path"), QStringLiteral("^PATCH "),
                                         QStringLiteral("--fail-mode"), QStringLiteral("403")}),
                 qPrintable(server.errorString()));
        QVERIFY(makeUploaderRecord(server));

        GuiController app(server.configPath());
        app.openSettings();
        SettingsDialog *d = app.settingsDialog();
        QVERIFY(ready(d));
        qobject_cast<QLineEdit *>(d->fieldFor(SettingKey::ContactName))->setText(QStringLiteral("Night Shift"));
        QSignalSpy saved(d, &SettingsDialog::saved);
        PushWatch pushed(app);
        QVERIFY(d->apply());
        QVERIFY(pushed.wait());
        QCOMPARE(saved.count(), 1);
        QVERIFY(!pushed.result->ok());
        QFile cfg(server.configPath());
        QVERIFY(cfg.open(QIODevice::ReadOnly));
        QVERIFY(cfg.readAll().contains("contact_name = Night Shift\n"));
        QVERIFY(serverSettings(server).isEmpty());
        QString said;
        for (const QString &line : app.models()->log()->lines())
            if (line.contains(QLatin1String("not sent to MyTardis")))
                said = line;
        QVERIFY2(!said.isEmpty(), qPrintable(app.models()->log()->lines().join(QLatin1Char('\n'))));
        QVERIFY2(!said.contains(QLatin1Char('\n')) && said.endsWith(QLatin1Char('.')), qPrintable(said));
    }

    void configSetSendsTheSettingsToo()
    {
        StandinProcess server;
        QVERIFY2(server.startWithConfig(), qPrintable(server.errorString()));
        QVERIFY(makeUploaderRecord(server));
        const CliResult set = runTardigrade(QStringLiteral(TARDIGRADE_BIN), server.configPath(),
                                            {QStringLiteral("config"), QStringLiteral("set"),
                                             QStringLiteral("contact_name"), QStringLiteral("Via CLI")});
        QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
        QVERIFY2(set.out.contains("uploader record"), qPrintable(set.describe()));
        QVERIFY(serverSettings(server).contains(QStringLiteral("contact_name=Via CLI")));
        for (const QString &row : serverSettings(server))
            QVERIFY2(!row.startsWith(QLatin1String("api_key=")), qPrintable(row));
    }

    void settingsFromTheServerAreNamedInTheDialog()
    {
        StandinProcess server;
        QVERIFY2(server.startWithConfig({}, {{QStringLiteral("upload_method"), QStringLiteral("HTTP POST")}}),
                 qPrintable(server.errorString()));
        const CliResult first = runTardigrade(QStringLiteral(TARDIGRADE_BIN), server.configPath(), {QStringLiteral("upload")});
        QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));

        // A facility manager changes two settings of this installation.
        bool ok = false;
        server.sql(QStringLiteral("INSERT OR REPLACE INTO uploader_settings (uploader_id, key, value) "
                                  "SELECT id, 'max_upload_threads', '2' FROM uploaders"),
                   &ok);
        QVERIFY(ok);
        server.sql(QStringLiteral("INSERT OR REPLACE INTO uploader_settings (uploader_id, key, value) "
                                  "SELECT id, 'contact_name', 'Central Config' FROM uploaders"),
                   &ok);
        QVERIFY(ok);
        const QString later = QDateTime::currentDateTime().addSecs(60).toString(Qt::ISODateWithMs);
        server.sql(QStringLiteral("UPDATE uploaders SET settings_updated = '%1'").arg(later), &ok);
        QVERIFY(ok);
        const CliResult second = runTardigrade(QStringLiteral(TARDIGRADE_BIN), server.configPath(), {QStringLiteral("upload")});
        QVERIFY2(second.exitCode == 0, qPrintable(second.describe()));

        SettingsDialog d(server.configPath());
        QVERIFY(ready(&d));
        ServerSetNote *note = d.serverSetNote();
        QVERIFY(!note->isHidden());
        QCOMPARE(note->keys(), (QStringList{QStringLiteral("contact_name"), QStringLiteral("max_upload_threads")}));
        QCOMPARE(note->text(),
                 QStringLiteral("Set by a facility manager on the server: Contact name, Parallel uploads."));
        for (SettingKey key : {SettingKey::ContactName, SettingKey::MaxUploadThreads}) {
            QVERIFY(d.fieldFor(key)->property(ServerSetNote::markProperty()).toBool());
            QVERIFY(d.fieldFor(key)->toolTip().contains(QLatin1String("facility manager")));
        }
        QVERIFY(!d.fieldFor(SettingKey::InstrumentName)->property(ServerSetNote::markProperty()).toBool());
    }
};

QTEST_MAIN(TestSettingsPush)
#include "tst_settingspush.moc"
