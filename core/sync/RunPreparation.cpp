#include "RunPreparation.h"

#include "InstallationRegistration.h"
#include "SyncRun.h"
#include "catalogue/MyTardisClient.h"
#include "catalogue/ServerSettingsCheck.h"
#include "settings/ConfigPaths.h"
#include "settings/InstallationUuid.h"
#include "settings/SettingsFile.h"
#include "settings/SettingsValidator.h"
#include "transfer/KnownHosts.h"
#include "util/Log.h"

#include <QFileInfo>

namespace tardigrade {

namespace {

// Settings a facility manager pushed from the server (the uploader record's
// `settings`) win when they were changed after the local file.
bool applyServerSettings(Settings &settings, const Uploader &uploader, const QDateTime &localChanged,
                         QStringList *applied)
{
    if (uploader.settings.isEmpty() || !uploader.settingsUpdated.isValid())
        return false;
    if (localChanged.isValid() && uploader.settingsUpdated <= localChanged)
        return false;
    bool changed = false;
    for (const UploaderSetting &s : uploader.settings) {
        if (s.key == QLatin1String("uuid") || s.key == QLatin1String("api_key") || settings.value(s.key) == s.value)
            continue;
        if (settings.setValue(s.key, s.value)) {
            applied->append(s.key);
            changed = true;
        }
    }
    return changed;
}

} // namespace

RunPreparation::RunPreparation(SyncRun &run, QString configFile, bool testRun, const Clock &clock,
                               const std::atomic_bool *cancel)
    : m_run(run), m_configFile(std::move(configFile)), m_testRun(testRun), m_clock(clock), m_cancel(cancel)
{
}

Result<PreparedRun> RunPreparation::prepare(Plan &plan)
{
    PreparedRun prepared;
    m_run.stageReached(QStringLiteral("Checking settings"));
    if (Status s = loadSettings(prepared, plan); !s)
        return s.error();
    if (Status s = checkServer(prepared, plan); !s)
        return s.error();
    if (Status s = decideUploadMethod(prepared, plan); !s)
        return s.error();
    return prepared;
}

Status RunPreparation::loadSettings(PreparedRun &prepared, Plan &plan)
{
    if (!m_testRun && !QFileInfo::exists(m_configFile))
        return Error::user(QStringLiteral("There is no settings file at %1; create one with 'tardigrade config import "
                                          "FILE' or 'tardigrade config set KEY VALUE', or in the settings dialog.")
                               .arg(m_configFile));
    auto loaded = SettingsFile::load(m_configFile);
    if (!loaded)
        return loaded.error();
    prepared.settings = *loaded;
    Settings &settings = prepared.settings;
    if (ensureInstallationUuid(settings) && !m_testRun) {
        if (Status s = SettingsFile::save(settings, m_configFile); !s)
            return s.error();
    }
    const QStringList problems = SettingsValidator::validateLocally(settings, m_clock);
    plan.settingsProblems += problems;
    if (!problems.isEmpty()) {
        // A Test Run reports them and goes on as far as it can; an upload
        // run must not guess.
        const bool serverFieldsMissing = settings.mytardisUrl().isEmpty() || settings.username().isEmpty() ||
                                         settings.apiKey().isEmpty();
        if (!m_testRun || serverFieldsMissing)
            return Error::user(problems.join(QLatin1Char('\n')));
    }

    ClientConfig &client = prepared.context.client;
    client.url = settings.mytardisUrl();
    client.username = settings.username();
    client.apiKey = settings.apiKey();
    client.timeoutSecs = qMax(1, settings.intValue(QStringLiteral("connection_timeout")));
    client.maxTries = 5;
    client.cancel = m_cancel;
    prepared.context.configFile = m_configFile;
    prepared.context.cancel = m_cancel;
    prepared.context.uploaderUuid = settings.uuid();
    prepared.context.fakeMd5 = settings.boolValue(QStringLiteral("fake_md5_sum"));
    prepared.context.maxUploadRetries = qMax(0, settings.intValue(QStringLiteral("max_upload_retries")));
    prepared.context.verificationDelaySecs = qMax(0, settings.intValue(QStringLiteral("verification_delay")));
    prepared.context.cacheLookups = settings.boolValue(QStringLiteral("cache_datafile_lookups"));
    prepared.uploadThreads = qBound(1, settings.intValue(QStringLiteral("max_upload_threads")), 64);
    prepared.verifyThreads = qBound(1, settings.intValue(QStringLiteral("max_verification_threads")), 64);
    return {};
}

Status RunPreparation::checkServer(PreparedRun &prepared, Plan &plan)
{
    m_run.stageReached(QStringLiteral("Checking the server"));
    MyTardisClient client(prepared.context.client);
    ServerCheckOptions options;
    options.facilityName = prepared.settings.facilityName();
    options.instrumentName = prepared.settings.instrumentName();
    options.uuid = prepared.settings.uuid();
    options.dryRun = m_testRun;
    options.lockFile = ConfigPaths::stateFile(m_configFile, QStringLiteral("catalogue.lock"));
    const ServerCheckResult check = ServerSettingsCheck(client).run(options);
    if (check.cancelled)
        return Error::cancelled();
    plan.notes += check.notes;
    if (!check.ok()) {
        plan.settingsProblems += check.failures;
        return Error::user(check.failures.join(QLatin1Char('\n')));
    }
    prepared.account = *check.account;
    prepared.facility = *check.facility;
    prepared.instrument = *check.instrument;
    m_uploader = check.uploader;

    if (m_uploader) {
        QStringList applied;
        const QDateTime localChanged = QFileInfo(m_configFile).lastModified();
        if (applyServerSettings(prepared.settings, *m_uploader, localChanged, &applied)) {
            plan.notes << QStringLiteral("Settings changed by a facility manager on the server were applied: %1.")
                              .arg(applied.join(QStringLiteral(", ")));
            if (!m_testRun)
                if (Status s = SettingsFile::save(prepared.settings, m_configFile); !s)
                    return s;
        }
    }
    return {};
}

Status RunPreparation::decideUploadMethod(PreparedRun &prepared, Plan &plan)
{
    const QString method = prepared.settings.value(QStringLiteral("upload_method")).trimmed().toLower();
    MyTardisClient client(prepared.context.client);
    auto reg = registerInstallation(client, prepared.settings, m_configFile, prepared.instrument, m_uploader,
                                    m_testRun);
    if (!reg)
        return reg.error();
    if (method.contains(QLatin1String("post"))) {
        plan.uploadMethod = QStringLiteral("post");
        return {};
    }
    if (!reg->approved()) {
        plan.uploadMethod = QStringLiteral("post");
        plan.notes << reg->stateSentence();
        emit m_run.message(reg->stateSentence());
        return {};
    }
    const RegistrationRequest &r = *reg->request;
    RunContext &c = prepared.context;
    c.staging = true;
    c.fingerprint = QString::fromLatin1(reg->identity.fingerprintMd5());
    c.stagingLocation = r.location.toUtf8();
    c.ssh.host = r.scpHostname;
    c.ssh.port = r.scpPort;
    c.ssh.user = r.scpUsername;
    c.ssh.privateKeyPath = reg->identity.privateKeyPath();
    c.ssh.knownHostsPath = KnownHosts::defaultPath(m_configFile);
    c.ssh.ciphers = prepared.settings.value(QStringLiteral("cipher"));
    c.ssh.timeoutSecs = c.client.timeoutSecs;
    if (prepared.settings.boolValue(QStringLiteral("use_none_cipher"))) {
        // MyData's "none" cipher needed HPN-SSH on both ends and sent the data
        // in the clear; stock OpenSSH staging hosts refuse it. Said, not ignored.
        const QString why = QStringLiteral("use_none_cipher is set, but staging hosts running stock OpenSSH do not "
                                           "offer the unencrypted \"none\" cipher: uploads are encrypted with %1. "
                                           "Remove use_none_cipher from the settings to stop this message.")
                                .arg(c.ssh.ciphers.trimmed().isEmpty() ? QStringLiteral("libssh's default ciphers")
                                                                       : c.ssh.ciphers);
        plan.notes << why;
        emit m_run.message(why);
    }
    plan.uploadMethod = QStringLiteral("staging");
    plan.notes << reg->stateSentence();
    return {};
}

} // namespace tardigrade
