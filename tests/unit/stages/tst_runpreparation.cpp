// The preparation stage alone, against an in-process catalogue: how files
// will travel (staging when approved, else HTTP with the chunk API for large
// files), the installation's records written once, nothing written in a
// Test Run, settings a facility manager pushed applied.
#include "StageWorld.h"
#include "catalogue/RecordingCatalogueWriter.h"
#include "settings/SettingsFile.h"

#include <QtTest>

using namespace tardigrade;
using namespace tardigrade::test;

namespace {

RunPreparation::Options optionsFor(StageWorld &w, bool testRun = false)
{
    RunPreparation::Options o;
    o.configFile = w.configFile();
    o.testRun = testRun;
    o.makeCatalogue = w.catalogue.factory();
    o.chunkedAbove = 4096;
    return o;
}

Status prepare(StageWorld &w, PreparedRun &prepared, Plan &plan, CatalogueWriter *writer = nullptr,
               bool testRun = false)
{
    return RunPreparation(w.sink, w.catalogue, writer ? *writer : w.catalogue, optionsFor(w, testRun), w.clock)
        .prepare(prepared, plan);
}

// The installation's request, approved by an administrator for staging.
// `fingerprint`: as the request names the key (MD5 unless given).
void approve(StageWorld &w, const SshIdentity &key, const QString &uuid, const QString &fingerprint = {})
{
    UploaderFields fields;
    fields.uuid = uuid;
    fields.name = w.instrument.name;
    const UploaderRecord u = *w.catalogue.createUploader(fields);
    NewRegistrationRequest n;
    n.uploaderUri = u.resourceUri;
    n.fingerprint = fingerprint.isEmpty() ? QString::fromLatin1(key.fingerprintMd5()) : fingerprint;
    (void)w.catalogue.createRegistrationRequest(n);
    RegistrationRequest &r = w.catalogue.state().requests.last();
    r.approved = true;
    r.scpHostname = QStringLiteral("staging.example.org");
    r.scpPort = 2222;
    r.scpUsername = QStringLiteral("mydata");
    r.location = QStringLiteral("/var/staging/");
    w.catalogue.state().calls.clear();
}

} // namespace

class TestRunPreparation : public QObject {
    Q_OBJECT

private slots:
    void notApprovedGoesByHttpAndSaysSo_data()
    {
        QTest::addColumn<bool>("chunkApi");
        QTest::addColumn<int>("method");
        QTest::newRow("server with the chunk API") << true << int(UploadMethod::Chunked);
        QTest::newRow("older server") << false << int(UploadMethod::Post);
    }
    void notApprovedGoesByHttpAndSaysSo()
    {
        QFETCH(bool, chunkApi);
        QFETCH(int, method);
        StageWorld w;
        w.installKey();
        w.catalogue.state().chunkApi = chunkApi;
        PreparedRun prepared = w.prepared();
        Plan plan;
        const Status s = prepare(w, prepared, plan);
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QCOMPARE(int(prepared.context.uploader.method), method);
        QCOMPARE(plan.uploadMethod, uploadMethodName(UploadMethod(method)));
        QCOMPARE(w.catalogue.count(QStringLiteral("createUploader")), 1);
        QCOMPARE(w.catalogue.count(QStringLiteral("createRegistrationRequest")), 1);
        QCOMPARE(w.sink.messages.size(), 1);
        QVERIFY2(w.sink.messages.first().startsWith(QStringLiteral("Staging access is not approved yet")),
                 qPrintable(w.sink.messages.first()));
        QCOMPARE(prepared.account.username, QStringLiteral("facility"));
        QCOMPARE(prepared.instrument.id, w.instrument.id);
        // The GUI's banner reads this, not the sentence.
        QCOMPARE(plan.staging.state, StagingState::Pending);
        QVERIFY(plan.staging.fingerprint.startsWith(QLatin1String("SHA256:")));
    }

    // The chunk API is a bonus: a probe the server fails means POST, not a failed run.
    void aFailedChunkProbeMeansPost()
    {
        StageWorld w;
        w.installKey();
        w.catalogue.state().fault = [](const QString &call, bool *) -> std::optional<Error> {
            if (call != QLatin1String("offersChunkedUpload"))
                return std::nullopt;
            Error e = Error::transient(QStringLiteral("The MyTardis server failed (HTTP 500) while asking."), 500);
            e.origin = ErrorOrigin::Http;
            return e;
        };
        PreparedRun prepared = w.prepared();
        Plan plan;
        const Status s = prepare(w, prepared, plan);
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QCOMPARE(prepared.context.uploader.method, UploadMethod::Post);
        QVERIFY(!prepared.context.fingerprint.isEmpty()); // registrations name the key, staging or not
    }

    void approvedGoesByStaging()
    {
        StageWorld w;
        const SshIdentity key = w.installKey();
        PreparedRun prepared = w.prepared();
        approve(w, key, prepared.settings.uuid());
        Plan plan;
        QVERIFY(prepare(w, prepared, plan).ok());
        const RunContext &c = prepared.context;
        QCOMPARE(c.uploader.method, UploadMethod::Staging);
        QCOMPARE(c.uploader.ssh.host, QStringLiteral("staging.example.org"));
        QCOMPARE(c.uploader.ssh.port, 2222);
        QCOMPARE(c.uploader.ssh.user, QStringLiteral("mydata"));
        QCOMPARE(c.uploader.ssh.privateKeyPath, key.privateKeyPath());
        QCOMPARE(c.stagingLocation, QByteArray("/var/staging/"));
        QCOMPARE(c.fingerprint, QString::fromLatin1(key.fingerprintMd5()));
        QCOMPARE(w.catalogue.count(QStringLiteral("updateUploader")), 1); // the record is kept current
        QCOMPARE(w.catalogue.count(QStringLiteral("createUploader")), 0);
        QCOMPARE(w.catalogue.count(QStringLiteral("createRegistrationRequest")), 0);
        QVERIFY(w.sink.messages.isEmpty());
        QCOMPARE(plan.staging.state, StagingState::Approved);
        QCOMPARE(plan.staging.fingerprint, QString::fromLatin1(key.fingerprintSha256()));

        // HTTP POST chosen in the settings wins over approval.
        prepared = w.prepared();
        prepared.settings.setRawValueNamed(QStringLiteral("upload_method"), QStringLiteral("HTTP POST"));
        QVERIFY(prepare(w, prepared, plan).ok());
        QCOMPARE(prepared.context.uploader.method, UploadMethod::Chunked);
        QCOMPARE(plan.staging.state, StagingState::NotUsed); // no banner: approval would change nothing
    }

    // MyData on macOS and Linux asked `ssh-keygen -l` without `-E md5`, so
    // its request names the key by the SHA256 form: a key taken over from
    // it keeps that request (no new one to approve), and file registrations
    // name it the same way.
    void aMyDataRequestNamedBySha256IsKept()
    {
        StageWorld w;
        const SshIdentity key = w.installKey();
        PreparedRun prepared = w.prepared();
        approve(w, key, prepared.settings.uuid(), QString::fromLatin1(key.fingerprintSha256()));
        Plan plan;
        QVERIFY(prepare(w, prepared, plan).ok());
        QCOMPARE(prepared.context.uploader.method, UploadMethod::Staging);
        QCOMPARE(prepared.context.fingerprint, QString::fromLatin1(key.fingerprintSha256()));
        QCOMPARE(w.catalogue.count(QStringLiteral("createRegistrationRequest")), 0);
        QCOMPARE(plan.staging.state, StagingState::Approved);
    }

    void aTestRunWritesNothing()
    {
        StageWorld w;
        w.installKey();
        PreparedRun prepared = w.prepared();
        prepared.settings.setRawValue(SettingKey::InstrumentName, QStringLiteral("New Instrument"));
        RecordingCatalogueWriter recorder;
        Plan plan;
        const Status s = prepare(w, prepared, plan, &recorder, true);
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        for (const QString &call : w.catalogue.calls())
            QVERIFY2(!call.startsWith(QLatin1String("create")) && !call.startsWith(QLatin1String("update")),
                     qPrintable(call));
        QCOMPARE(prepared.instrument.id, 0);
        QVERIFY(plan.notes.join(QLatin1Char(' ')).contains(QStringLiteral("does not exist")));
        QCOMPARE(recorder.recorded().first(), QStringLiteral("instrument \"New Instrument\" in facility \"Facility\""));
        QVERIFY(recorder.recorded().contains(QStringLiteral("uploader record 11111111-2222-3333-4444-555555555555")));
    }

    void aLostCreateOfTheUploaderRecordIsNotRepeated()
    {
        StageWorld w;
        w.installKey();
        bool lost = false;
        w.catalogue.state().fault = [&lost](const QString &call, bool *acted) -> std::optional<Error> {
            if (call == QLatin1String("createUploader") && !lost) {
                lost = true;
                *acted = true;
                return lostAnswer();
            }
            return std::nullopt;
        };
        PreparedRun prepared = w.prepared();
        Plan plan;
        const Status s = prepare(w, prepared, plan);
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QVERIFY(lost);
        QCOMPARE(w.catalogue.state().uploaders.size(), 1);
        QCOMPARE(w.catalogue.state().requests.size(), 1);
    }

    void settingsPushedFromTheServerWin()
    {
        StageWorld w;
        const SshIdentity key = w.installKey();
        PreparedRun prepared = w.prepared();
        QVERIFY(SettingsFile::save(prepared.settings, w.configFile()).ok());
        approve(w, key, prepared.settings.uuid());
        UploaderRecord &u = w.catalogue.state().uploaders.last();
        u.settings = {{QStringLiteral("max_upload_threads"), QStringLiteral("2")}};
        u.settingsUpdated = QDateTime::currentDateTime().addSecs(60); // after the file's last change
        Plan plan;
        QVERIFY(prepare(w, prepared, plan).ok());
        QCOMPARE(prepared.settings.value(SettingKey::MaxUploadThreads), QStringLiteral("2"));
        QVERIFY(plan.notes.join(QLatin1Char(' ')).contains(QStringLiteral("max_upload_threads")));
        auto saved = SettingsFile::load(w.configFile());
        QCOMPARE(saved->value(SettingKey::MaxUploadThreads), QStringLiteral("2"));
    }

    // Deleting this PC's files is this PC's choice: a server that says
    // allow_cleanup = True (or names a secret or the uuid) is not followed.
    void theServerCannotAllowCleanup()
    {
        StageWorld w;
        const SshIdentity key = w.installKey();
        PreparedRun prepared = w.prepared();
        QVERIFY(SettingsFile::save(prepared.settings, w.configFile()).ok());
        const QString uuid = prepared.settings.uuid();
        approve(w, key, uuid);
        UploaderRecord &u = w.catalogue.state().uploaders.last();
        u.settings = {{QStringLiteral("allow_cleanup"), QStringLiteral("True")},
                      {QStringLiteral("uuid"), QStringLiteral("someone-else")},
                      {QStringLiteral("max_upload_threads"), QStringLiteral("2")}};
        u.settingsUpdated = QDateTime::currentDateTime().addSecs(60);
        Plan plan;
        QVERIFY(prepare(w, prepared, plan).ok());
        QCOMPARE(prepared.settings.value(SettingKey::MaxUploadThreads), QStringLiteral("2")); // the rest applies
        QCOMPARE(prepared.settings.value(SettingKey::AllowCleanup), QStringLiteral("False"));
        QCOMPARE(prepared.settings.uuid(), uuid);
        QCOMPARE(SettingsFile::load(w.configFile())->value(SettingKey::AllowCleanup), QStringLiteral("False"));
    }

    void theServerSaysWhatIsWrong()
    {
        StageWorld w;
        PreparedRun prepared = w.prepared();
        prepared.settings.setRawValue(SettingKey::FacilityName, QStringLiteral("Elsewhere"));
        Plan plan;
        const Status s = prepare(w, prepared, plan);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind, ErrorKind::User);
        QVERIFY2(s.error().message.startsWith(QStringLiteral("Facility \"Elsewhere\" was not found")),
                 qPrintable(s.error().message));
        QCOMPARE(plan.settingsProblems, QStringList{s.error().message});
    }
};

QTEST_GUILESS_MAIN(TestRunPreparation)
#include "tst_runpreparation.moc"
