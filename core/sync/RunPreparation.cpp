#include "RunPreparation.h"

#include "InstallationRegistration.h"
#include "catalogue/Catalogue.h"
#include "catalogue/ClientConfigFromSettings.h"
#include "catalogue/ServerSettingsCheck.h"
#include "settings/ConfigPaths.h"
#include "settings/InstallationUuid.h"
#include "settings/ServerSetSettings.h"
#include "settings/SettingsFile.h"
#include "settings/SettingsValidator.h"
#include "transfer/KnownHosts.h"
#include "util/Log.h"

#include <QFileInfo>

namespace tardigrade {

namespace {

// Settings a facility manager pushed from the server (the uploader record's
// `settings`) win when they were changed after the local file.
bool applyServerSettings(Settings &settings, const UploaderRecord &uploader, const QDateTime &localChanged,
                         QStringList *applied)
{
    if (uploader.settings.isEmpty() || !uploader.settingsUpdated.isValid())
        return false;
    if (localChanged.isValid() && uploader.settingsUpdated <= localChanged)
        return false;
    bool changed = false;
    for (const UploaderSetting &s : uploader.settings) {
        // Names from the server: never this installation's identity, a secret
        // or the permission to delete local files.
        if (!takenFromServer(s.key) || settings.valueNamed(s.key) == s.value)
            continue;
        if (settings.setValueNamed(s.key, s.value)) {
            applied->append(s.key);
            changed = true;
        }
    }
    return changed;
}

} // namespace

RunPreparation::RunPreparation(RunEventSink &events, CatalogueReader &reader, CatalogueWriter &writer, Options options,
                               const Clock &clock)
    : m_events(events), m_reader(reader), m_writer(writer), m_options(std::move(options)), m_clock(clock)
{
}

Status RunPreparation::prepare(PreparedRun &prepared, Plan &plan)
{
    if (Status s = checkServer(prepared, plan); !s)
        return s;
    return decideUploadMethod(prepared, plan);
}

void RunPreparation::say(Plan &plan, const QString &sentence)
{
    plan.notes << sentence;
    m_events.message(sentence);
}

Result<PreparedRun> RunPreparation::loadSettings(const Options &options, const Clock &clock, Plan &plan)
{
    const QString &configFile = options.configFile;
    if (!options.testRun && !QFileInfo::exists(configFile))
        return Error::user(QStringLiteral("There is no settings file at %1; create one with 'tardigrade config import "
                                          "FILE' or 'tardigrade config set KEY VALUE', or in the settings dialog.")
                               .arg(configFile));
    auto loaded = SettingsFile::load(configFile);
    if (!loaded)
        return loaded.error();
    PreparedRun prepared;
    prepared.settings = *loaded;
    Settings &settings = prepared.settings;
    if (ensureInstallationUuid(settings) && !options.testRun) {
        if (Status s = SettingsFile::save(settings, configFile); !s)
            return s.error();
    }
    const QStringList problems = SettingsValidator::validateLocally(settings, clock);
    plan.settingsProblems += problems;
    if (!problems.isEmpty()) {
        // A Test Run reports them and goes on as far as it can; an upload
        // run must not guess.
        const bool serverFieldsMissing = settings.mytardisUrl().isEmpty() || settings.username().isEmpty() ||
                                         settings.apiKey().isEmpty();
        if (!options.testRun || serverFieldsMissing)
            return Error::user(problems.join(QLatin1Char('\n')));
    }

    RunContext &context = prepared.context;
    context.client = clientConfigFrom(settings, options.cancel);
    context.configFile = configFile;
    context.dataDirectory = settings.dataDirectoryPath();
    context.makeCatalogue = options.makeCatalogue;
    context.cancel = options.cancel;
    context.clock = &clock;
    context.uploader.cancel = options.cancel;
    context.uploader.chunkedAbove = options.chunkedAbove;
    context.uploaderUuid = settings.uuid();
    context.fakeMd5 = settings.boolValue(SettingKey::FakeMd5Sum);
    context.maxUploadRetries = qMax(0, settings.intValue(SettingKey::MaxUploadRetries));
    context.verificationDelaySecs = qMax(0, settings.intValue(SettingKey::VerificationDelay));
    context.cacheLookups = settings.boolValue(SettingKey::CacheDatafileLookups);
    prepared.uploadThreads = qBound(1, settings.intValue(SettingKey::MaxUploadThreads), 64);
    prepared.verifyThreads = qBound(1, settings.intValue(SettingKey::MaxVerificationThreads), 64);
    return prepared;
}

Status RunPreparation::checkServer(PreparedRun &prepared, Plan &plan)
{
    m_events.stageReached(QStringLiteral("Checking the server"));
    ServerCheckOptions options;
    options.facilityName = prepared.settings.facilityName();
    options.instrumentName = prepared.settings.instrumentName();
    options.uuid = prepared.settings.uuid();
    options.lockFile = m_options.lockFile;
    const ServerCheckResult check = ServerSettingsCheck(m_reader, m_writer, m_clock).run(options);
    if (check.cancelled)
        return Error::cancelled();
    plan.notes += check.notes;
    if (!check.ok()) {
        // A setting the validator refused (an unusable ca_certificate or
        // proxy) also stops the server check with the same sentence: said once.
        for (const QString &failure : check.failures)
            if (!plan.settingsProblems.contains(failure))
                plan.settingsProblems << failure;
        Error failed{check.kind, check.failures.join(QLatin1Char('\n'))};
        failed.origin = ErrorOrigin::Http; // the request layer retried what it could
        return failed;
    }
    prepared.account = *check.account;
    prepared.facility = *check.facility;
    prepared.instrument = *check.instrument;
    m_uploader = check.uploader;

    if (m_uploader) {
        QStringList applied;
        const QDateTime localChanged = QFileInfo(m_options.configFile).lastModified();
        if (applyServerSettings(prepared.settings, *m_uploader, localChanged, &applied)) {
            plan.notes << QStringLiteral("Settings changed by a facility manager on the server were applied: %1.")
                              .arg(applied.join(QStringLiteral(", ")));
            if (!m_options.testRun) {
                if (Status s = SettingsFile::save(prepared.settings, m_options.configFile); !s)
                    return s;
                // Remembered, so the settings dialog can say who set them.
                QMap<QString, QString> values;
                for (const QString &key : std::as_const(applied))
                    values.insert(key, prepared.settings.valueNamed(key));
                if (Status s = ServerSetSettings::record(m_options.configFile, values); !s)
                    qCWarning(lcSync).noquote() << s.error().message;
            }
        }
    }
    return {};
}

Status RunPreparation::decideUploadMethod(PreparedRun &prepared, Plan &plan)
{
    RunContext &c = prepared.context;
    auto reg = registerInstallation(m_reader, m_writer, prepared.settings, m_options.configFile,
                                    prepared.instrument, m_uploader, m_clock);
    if (!reg)
        return reg.error();
    const bool postChosen = uploadMethodIsPost(prepared.settings.value(SettingKey::UploadMethod));
    plan.staging = reg->access();
    if (postChosen)
        plan.staging.state = StagingState::NotUsed;
    if (postChosen || !reg->approved()) {
        if (!postChosen)
            say(plan, reg->stateSentence());
        // The chunk API is a bonus: a server that answers its probe with
        // anything but "here" is taken to have none, and files go by POST.
        auto chunked = m_reader.offersChunkedUpload();
        if (!chunked && chunked.error().kind == ErrorKind::Cancelled)
            return chunked.error();
        if (!chunked)
            qCInfo(lcSync) << "No chunked uploads:" << chunked.error().message;
        c.uploader.method = chunked && *chunked ? UploadMethod::Chunked : UploadMethod::Post;
        // Registrations for chunked uploads name the installation's key too.
        c.fingerprint = reg->fingerprint;
        plan.uploadMethod = uploadMethodName(c.uploader.method);
        return {};
    }
    const RegistrationRequest &r = *reg->request;
    c.uploader.method = UploadMethod::Staging;
    c.fingerprint = reg->fingerprint;
    c.stagingLocation = r.location.toUtf8();
    SshEndpoint &ssh = c.uploader.ssh;
    ssh.host = r.scpHostname;
    ssh.port = r.scpPort;
    ssh.user = r.scpUsername;
    ssh.privateKeyPath = reg->identity.privateKeyPath();
    ssh.knownHostsPath = KnownHosts::defaultPath(m_options.configFile);
    ssh.ciphers = prepared.settings.value(SettingKey::Cipher);
    ssh.timeoutSecs = c.client.timeoutSecs;
    if (prepared.settings.boolValue(SettingKey::UseNoneCipher)) {
        // MyData's "none" cipher needed HPN-SSH on both ends and sent the data
        // in the clear; stock OpenSSH staging hosts refuse it. Said, not ignored.
        say(plan, QStringLiteral("use_none_cipher is set, but staging hosts running stock OpenSSH do not offer the "
                                 "unencrypted \"none\" cipher: uploads are encrypted with %1. Remove use_none_cipher "
                                 "from the settings to stop this message.")
                      .arg(ssh.ciphers.trimmed().isEmpty() ? QStringLiteral("libssh's default ciphers")
                                                           : ssh.ciphers));
    }
    plan.uploadMethod = uploadMethodName(c.uploader.method);
    plan.notes << reg->stateSentence();
    return {};
}

} // namespace tardigrade
