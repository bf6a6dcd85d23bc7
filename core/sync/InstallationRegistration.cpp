#include "InstallationRegistration.h"

#include "catalogue/Catalogue.h"
#include "platform/SystemInfo.h"
#include "util/Retry.h"

#include <QCoreApplication>

namespace tardigrade {

namespace {

UploaderFields uploaderFields(const Settings &settings, const Instrument &instrument)
{
    const SystemInfo info = SystemInfo::collect(settings.dataDirectoryPath());
    UploaderFields f;
    f.uuid = settings.uuid();
    f.name = settings.instrumentName();
    f.contactName = settings.value(SettingKey::ContactName);
    f.contactEmail = settings.value(SettingKey::ContactEmail);
    f.userAgentVersion = QStringLiteral(TARDIGRADE_VERSION);
    f.userAgentInstallLocation = QCoreApplication::applicationDirPath();
    f.osPlatform = info.osPlatform;
    f.osSystem = info.osSystem;
    f.osRelease = info.osRelease;
    f.osVersion = info.osVersion;
    f.osUsername = info.username;
    f.machine = info.machine;
    f.architecture = info.architecture;
    f.processor = info.processor;
    f.memory = info.memory;
    f.cpus = info.cpus;
    f.diskUsage = info.diskUsage;
    f.dataPath = settings.dataDirectory();
    f.defaultUser = settings.username();
    f.networkInterface = info.interfaceName; // not "interface": <windows.h> defines that word
    f.macAddress = info.macAddress;
    f.ipv4Address = info.ipv4Address;
    f.ipv6Address = info.ipv6Address;
    f.subnetMask = info.subnetMask;
    f.hostname = info.hostname;
    if (instrument.id != 0)
        f.instruments = QStringList{instrument.resourceUri.isEmpty() ? api::object(Instrument::kResource, instrument.id)
                                                                     : instrument.resourceUri};
    return f;
}

} // namespace

QString InstallationRegistration::stateSentence() const
{
    if (!request)
        return QStringLiteral("This installation has not asked for staging access yet; run 'tardigrade register'.");
    if (approved()) {
        const QString account = request->scpUsername.isEmpty()
                                    ? request->scpHostname
                                    : request->scpUsername + QLatin1Char('@') + request->scpHostname;
        return QStringLiteral("Staging access is approved: files go by SCP to %1:%2.")
            .arg(account)
            .arg(request->scpPort);
    }
    return QStringLiteral("Staging access is not approved yet: a MyTardis administrator must approve this "
                          "installation's request (key fingerprint %1) and add its public key to the staging "
                          "account's authorized_keys; until then files are uploaded by HTTP POST.")
        .arg(QString::fromLatin1(identity.fingerprintMd5()));
}

StagingAccess InstallationRegistration::access() const
{
    StagingAccess a;
    a.state = !request ? StagingState::NotRequested : approved() ? StagingState::Approved : StagingState::Pending;
    a.fingerprint = QString::fromLatin1(identity.fingerprintSha256());
    return a;
}

Result<std::optional<RegistrationRequest>> findStagingRequest(CatalogueReader &reader, const QString &uuid,
                                                              const QByteArray &publicKeyLine, QString *foundBy)
{
    for (const QByteArray &fingerprint :
         {SshIdentity::fingerprintMd5Of(publicKeyLine), SshIdentity::fingerprintSha256Of(publicKeyLine)}) {
        auto request = reader.findRegistrationRequest(uuid, QString::fromLatin1(fingerprint));
        if (!request || *request) {
            if (request && foundBy)
                *foundBy = QString::fromLatin1(fingerprint);
            return request;
        }
    }
    return std::optional<RegistrationRequest>();
}

Result<InstallationRegistration> registerInstallation(CatalogueReader &reader, CatalogueWriter &writer,
                                                      const Settings &settings, const QString &configFile,
                                                      const Instrument &instrument,
                                                      std::optional<UploaderRecord> knownUploader, const Clock &clock)
{
    auto identity = SshIdentity::loadOrCreate(configFile);
    if (!identity)
        return identity.error();
    InstallationRegistration reg{std::nullopt, std::nullopt, *identity, false, false,
                                 QString::fromLatin1(identity->fingerprintMd5())};
    const QString uuid = settings.uuid();
    const std::atomic_bool *cancel = reader.config().cancel;

    std::optional<UploaderRecord> uploader = std::move(knownUploader);
    if (!uploader) {
        auto found = reader.findUploader(uuid);
        if (!found)
            return found.error();
        uploader = *found;
    }
    const UploaderFields fields = uploaderFields(settings, instrument);
    auto written = uploader ? writer.updateUploader(uploader->id, fields)
                            : createOrFind<UploaderRecord>([&] { return writer.createUploader(fields); },
                                                           [&] { return reader.findUploader(uuid); }, clock, cancel);
    if (!written)
        return written.error();
    if (written->id != 0) { // made or changed, not only recorded
        reg.uploaderCreated = !uploader.has_value();
        // PUT answers only part of the record; keep what we knew of the rest.
        UploaderRecord merged = *written;
        if (uploader && merged.settings.isEmpty() && !uploader->settings.isEmpty()) {
            merged.settings = uploader->settings;
            merged.settingsUpdated = uploader->settingsUpdated;
        }
        uploader = merged;
    }
    reg.uploader = uploader;

    const QString fingerprint = reg.fingerprint;
    const auto findRequest = [&] { return reader.findRegistrationRequest(uuid, fingerprint); };
    // A key taken over from MyData on macOS or Linux is listed by its SHA256
    // form, and its approval is the one to keep.
    auto request = findStagingRequest(reader, uuid, reg.identity.publicKeyLine(), &reg.fingerprint);
    if (!request)
        return request.error();
    reg.request = *request;
    if (!reg.request && uploader) {
        NewRegistrationRequest r;
        r.uploaderUri = uploader->resourceUri.isEmpty() ? api::object(UploaderRecord::kResource, uploader->id)
                                                        : uploader->resourceUri;
        r.name = settings.instrumentName();
        r.requesterName = settings.value(SettingKey::ContactName);
        r.requesterEmail = settings.value(SettingKey::ContactEmail);
        r.publicKey = QString::fromLatin1(reg.identity.publicKeyLine());
        r.fingerprint = fingerprint;
        auto created = createOrFind<RegistrationRequest>([&] { return writer.createRegistrationRequest(r); },
                                                         findRequest, clock, cancel);
        if (!created)
            return created.error();
        if (created->id != 0) {
            reg.request = *created;
            reg.requestCreated = true;
        }
    }
    return reg;
}

} // namespace tardigrade
