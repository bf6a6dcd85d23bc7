#include "CommandContext.h"

#include "sync/RegisterFromSettings.h"

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
    auto registered = registerFromSettings(ctx.configFile);
    if (!registered) {
        ctx.err << registered.error().message << '\n';
        return registered.error().kind == ErrorKind::User ? ExitUserError : ExitInternalError;
    }
    const Settings &settings = registered->settings;
    const InstallationRegistration &reg = registered->registration;
    ctx.out << "Uploader record: " << (reg.uploaderCreated ? "created" : "updated") << " (uuid " << settings.uuid()
            << ")\n";
    ctx.out << "Registration request: " << (reg.requestCreated ? "created" : "already sent") << '\n';
    ctx.out << "Approved: " << (reg.approved() ? "yes" : "no") << '\n';
    ctx.out << "Public key:\n" << reg.identity.publicKeyLine() << '\n';
    ctx.out << "Fingerprint: " << reg.identity.fingerprintSha256() << " (MD5 " << reg.identity.fingerprintMd5()
            << ", as MyTardis lists it)\n";
    ctx.out << reg.stateSentence() << '\n';
    if (!reg.approved())
        ctx.out << "Administrator: approve the request for \"" << settings.instrumentName()
                << "\" in MyTardis (mydata uploader registration requests), then append the public key above to "
                   "the staging account's ~/.ssh/authorized_keys.\n";
    return ExitOk;
}

} // namespace tardigrade::cli
