#include "CommandContext.h"

#include "catalogue/MyTardisClient.h"
#include "catalogue/ServerSettingsCheck.h"
#include "settings/ConfigPaths.h"
#include "settings/InstallationUuid.h"
#include "settings/SettingsFile.h"
#include "sync/InstallationRegistration.h"

namespace tardigrade::cli {

// `tardigrade register`: creates or updates this installation's uploader
// record and its staging registration request, then says where approval
// stands and what the administrator must do.
int runRegister(CommandContext &ctx)
{
    if (!ctx.args.isEmpty()) {
        ctx.err << "tardigrade register: unknown argument '" << ctx.args.first() << "'. Usage: tardigrade register\n";
        return ExitUserError;
    }
    auto loaded = SettingsFile::load(ctx.configFile);
    if (!loaded) {
        ctx.err << loaded.error().message << '\n';
        return ExitUserError;
    }
    Settings settings = *loaded;
    if (ensureInstallationUuid(settings)) {
        if (Status s = SettingsFile::save(settings, ctx.configFile); !s) {
            ctx.err << s.error().message << '\n';
            return ExitUserError;
        }
    }
    ClientConfig config;
    config.url = settings.mytardisUrl();
    config.username = settings.username();
    config.apiKey = settings.apiKey();
    config.timeoutSecs = qMax(1, settings.intValue(SettingKey::ConnectionTimeout));
    MyTardisClient client(config);

    ServerCheckOptions options;
    options.facilityName = settings.facilityName();
    options.instrumentName = settings.instrumentName();
    options.uuid = settings.uuid();
    options.lockFile = ConfigPaths::stateFile(ctx.configFile, StateFile::CatalogueLock);
    const ServerCheckResult check = ServerSettingsCheck(client, client).run(options);
    if (!check.ok()) {
        for (const QString &f : check.failures)
            ctx.err << f << '\n';
        return ExitUserError;
    }
    auto reg = registerInstallation(client, client, settings, ctx.configFile, *check.instrument, check.uploader);
    if (!reg) {
        ctx.err << reg.error().message << '\n';
        return reg.error().kind == ErrorKind::User ? ExitUserError : ExitInternalError;
    }
    ctx.out << "Uploader record: " << (reg->uploaderCreated ? "created" : "updated") << " (uuid " << settings.uuid()
            << ")\n";
    ctx.out << "Registration request: " << (reg->requestCreated ? "created" : "already sent") << '\n';
    ctx.out << "Approved: " << (reg->approved() ? "yes" : "no") << '\n';
    ctx.out << "Public key:\n" << reg->identity.publicKeyLine() << '\n';
    ctx.out << "Fingerprint (MD5): " << reg->identity.fingerprintMd5() << '\n';
    ctx.out << reg->stateSentence() << '\n';
    if (!reg->approved())
        ctx.out << "Administrator: approve the request for \"" << settings.instrumentName()
                << "\" in MyTardis (mydata uploader registration requests), then append the public key above to "
                   "the staging account's ~/.ssh/authorized_keys.\n";
    return ExitOk;
}

} // namespace tardigrade::cli
