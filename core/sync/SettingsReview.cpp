#include "SettingsReview.h"

#include "InstallationRegistration.h"
#include "catalogue/ClientConfigFromSettings.h"
#include "catalogue/MyTardisClient.h"
#include "catalogue/RecordingCatalogueWriter.h"
#include "scan/Scanner.h"
#include "settings/ConfigPaths.h"
#include "transfer/SshIdentity.h"

#include <QFile>

namespace tardigrade {

namespace {

ServerCheckOptions checkOptions(const Settings &settings, const QString &configFile)
{
    ServerCheckOptions options;
    options.facilityName = settings.facilityName();
    options.instrumentName = settings.instrumentName();
    options.uuid = settings.uuid();
    options.lockFile = configFile.isEmpty() ? QString() : ConfigPaths::stateFile(configFile, StateFile::CatalogueLock);
    return options;
}

// Where staging access stands, read only: the key pair is not made and no
// request is sent here (Request Staging Access… does that).
void readStagingState(CatalogueReader &reader, const Settings &settings, const QString &publicKeyFile,
                      SettingsReview &review)
{
    const bool postChosen = uploadMethodIsPost(settings.value(SettingKey::UploadMethod));
    if (postChosen) {
        review.staging.state = StagingState::NotUsed;
        review.stagingSentence =
            QStringLiteral("Files go by HTTP POST (upload_method), so staging access is not needed.");
        return;
    }
    const auto notRequested = [&review] {
        review.staging.state = StagingState::NotRequested;
        review.stagingSentence = QStringLiteral("This computer has not asked for staging access yet: until it is "
                                                "approved, files are uploaded by HTTP POST.");
    };
    QFile publicKey(publicKeyFile);
    if (settings.uuid().trimmed().isEmpty() || !review.server.uploader || !publicKey.open(QIODevice::ReadOnly)) {
        notRequested();
        return;
    }
    const QByteArray line = publicKey.readAll().trimmed();
    review.staging.fingerprint = QString::fromLatin1(SshIdentity::fingerprintSha256Of(line));
    auto request = findStagingRequest(reader, settings.uuid(), line);
    if (!request) {
        if (request.error().kind != ErrorKind::Cancelled) // not a blocker: said, not listed
            review.stagingSentence = request.error().message;
        return;
    }
    if (!request->has_value()) {
        notRequested();
        return;
    }
    const RegistrationRequest &r = **request;
    if (r.approved && !r.scpHostname.isEmpty()) {
        review.staging.state = StagingState::Approved;
        review.stagingSentence =
            QStringLiteral("Staging access is approved: files go by SCP to %1.").arg(r.scpHostname);
    } else {
        review.staging.state = StagingState::Pending;
        review.stagingSentence = QStringLiteral("Staging access is not approved yet: until a MyTardis administrator "
                                                "approves it, files are uploaded by HTTP POST.");
    }
}

void countDatasets(const Settings &settings, const std::atomic_bool *cancel, SettingsReview &review)
{
    auto options = ScanOptions::fromSettings(settings);
    if (!options) {
        review.scanProblem = options.error().message;
        return;
    }
    auto scanned = Scanner(*options).scan(cancel);
    if (!scanned) {
        if (scanned.error().kind == ErrorKind::Cancelled)
            review.cancelled = true;
        else
            review.scanProblem = scanned.error().message;
        return;
    }
    review.datasetCount = int(scanned->datasets.size());
}

} // namespace

QStringList SettingsReview::problems() const
{
    QStringList all = server.failures;
    if (!scanProblem.isEmpty())
        all << scanProblem;
    return all;
}

SettingsReview reviewSettings(const Settings &settings, const QString &savedInstrumentName, const QString &configFile,
                              const QString &publicKeyFile, const std::atomic_bool *cancel)
{
    SettingsReview review;
    MyTardisClient client(clientConfigFrom(settings, cancel));
    RecordingCatalogueWriter nothingWritten; // a missing instrument is reported, not made
    review.server = ServerSettingsCheck(client, nothingWritten).run(checkOptions(settings, configFile));
    if (review.server.cancelled) {
        review.cancelled = true;
        return review;
    }
    if (review.server.account && !review.server.facility && !settings.facilityName().trimmed().isEmpty()) {
        // Not among the facilities the account manages: which are, to choose from.
        if (auto managed = client.facilities(); managed) {
            review.managedFacilities = *managed;
            review.facilityMissing = true;
        }
    }
    const QString previous = savedInstrumentName.trimmed();
    if (review.server.instrumentMissing && !previous.isEmpty() && previous != settings.instrumentName().trimmed()) {
        auto old = client.findInstrument(review.server.facility->id, previous);
        if (old && old->has_value())
            review.renameFrom = **old;
    }
    if (review.server.account) {
        QString key = publicKeyFile;
        if (key.isEmpty() && !configFile.isEmpty())
            key = ConfigPaths::stateFilePath(configFile, StateFile::IdentityKey) + QStringLiteral(".pub");
        readStagingState(client, settings, key, review);
    }
    if (cancel && cancel->load()) {
        review.cancelled = true;
        return review;
    }
    countDatasets(settings, cancel, review);
    return review;
}

Result<Instrument> createInstrumentFromSettings(const Settings &settings, const QString &configFile,
                                                const std::atomic_bool *cancel)
{
    MyTardisClient client(clientConfigFrom(settings, cancel));
    // The same checks again, with the real writer: find (under the
    // catalogue lock) before create, so a run that made it meanwhile is found.
    const ServerCheckResult r = ServerSettingsCheck(client, client).run(checkOptions(settings, configFile));
    if (r.cancelled)
        return Error::cancelled();
    if (!r.ok())
        return Error::user(r.failures.join(QLatin1Char('\n')));
    return *r.instrument;
}

Result<Instrument> renameInstrumentFromSettings(const Settings &settings, const Instrument &instrument,
                                                const std::atomic_bool *cancel)
{
    MyTardisClient client(clientConfigFrom(settings, cancel));
    return client.renameInstrument(instrument.id, settings.instrumentName().trimmed());
}

} // namespace tardigrade
