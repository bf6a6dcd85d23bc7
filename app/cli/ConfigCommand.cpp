// tardigrade config list | get KEY | set KEY VALUE | import FILE [--with-key KEYFILE] | validate
#include "CommandContext.h"
#include "platform/Autostart.h"
#include "platform/Terminal.h"
#include "util/Log.h"
#include "settings/NetworkSettings.h"
#include "settings/SecretStore.h"
#include "settings/Settings.h"
#include "settings/SettingsFile.h"
#include "settings/SettingsImport.h"
#include "settings/SettingsSchema.h"
#include "sync/PushSettings.h"
#include "transfer/SshKeyImport.h"

#include <QDir>
#include <QFileInfo>
#include <QTextStream>
#include <cstdio>
#include <optional>


namespace tardigrade::cli {

namespace {

const QString kMask = QStringLiteral("********");

int exitFor(const Error &e)
{
    return e.kind == ErrorKind::User ? ExitUserError : ExitInternalError;
}

int fail(CommandContext &ctx, const Error &e)
{
    ctx.err << "tardigrade: " << e.message << '\n';
    return exitFor(e);
}

int usage(CommandContext &ctx, const QString &problem)
{
    ctx.err << "tardigrade: " << problem << "\n"
            << "Usage: tardigrade [--config FILE] config list\n"
               "       tardigrade [--config FILE] config get KEY\n"
               "       tardigrade [--config FILE] config set KEY VALUE   (api_key: VALUE - reads it from stdin)\n"
               "       tardigrade [--config FILE] config import FILE [--with-key KEYFILE]\n"
               "           (KEYFILE: MyData's staging key, e.g. ~/.ssh/MyData, copied so its approval carries over)\n"
               "       tardigrade [--config FILE] config validate\n";
    return ExitUserError;
}

// What `list` and `get` print: the API key only as a mask, a proxy without
// its password (the file keeps it; a screen shared with support should not).
QString shown(const Settings &s, const QString &key)
{
    if (key == keyName(SettingKey::ApiKey))
        return s.apiKey().isEmpty() ? QString() : kMask;
    if (key == keyName(SettingKey::Proxy))
        return proxyForDisplay(s.valueNamed(key));
    return s.valueNamed(key);
}

bool knownKey(const Settings &s, const QString &key)
{
    return findSetting(key) || s.isSetNamed(key);
}

Error unknownKey(const QString &key)
{
    return Error::user(
        QStringLiteral("There is no setting \"%1\": run 'tardigrade config list' to see every key.").arg(key));
}

// The login entry follows start_automatically_on_login at once, as after the
// tray app's save: otherwise the new value would wait for the next time the
// settings dialog is saved.
int applyAutostart(CommandContext &ctx, const Settings &s)
{
    const Result<QString> done =
        Autostart::applyForThisProgram(s.boolValue(SettingKey::StartAutomaticallyOnLogin), ctx.configFile);
    if (!done)
        return fail(ctx, done.error());
    ctx.out << *done << '\n';
    return ExitOk;
}

// As the tray app after its settings dialog saves: the server's uploader
// record keeps what this instrument uses. Saved is saved: a push that fails
// is a logged warning, not a failed command.
void pushToServer(CommandContext &ctx)
{
    const Result<SettingsPush> pushed = pushSettingsFromFile(ctx.configFile);
    if (!pushed)
        qCWarning(lcSettings).noquote() << settingsNotPushedSentence(pushed.error());
    else if (pushed->outcome == SettingsPush::Outcome::Sent)
        ctx.out << pushed->sentence() << '\n';
}

int list(CommandContext &ctx)
{
    const Result<Settings> s = SettingsFile::load(ctx.configFile);
    if (!s)
        return fail(ctx, s.error());
    for (const SettingSpec &spec : settingsSchema())
        ctx.out << spec.key << " = " << shown(*s, spec.key) << '\n';
    for (const QString &key : s->unknownKeys())
        ctx.out << key << " = " << s->valueNamed(key) << '\n';
    return ExitOk;
}

int get(CommandContext &ctx)
{
    if (ctx.args.size() != 2)
        return usage(ctx, QStringLiteral("'config get' needs exactly one KEY."));
    const QString key = ctx.args.at(1).trimmed().toLower();
    const Result<Settings> s = SettingsFile::load(ctx.configFile);
    if (!s)
        return fail(ctx, s.error());
    if (!knownKey(*s, key))
        return fail(ctx, unknownKey(key));
    ctx.out << shown(*s, key) << '\n';
    return ExitOk;
}

int set(CommandContext &ctx)
{
    if (ctx.args.size() != 3)
        return usage(ctx, QStringLiteral("'config set' needs a KEY and one VALUE (quote a value with spaces)."));
    const QString key = ctx.args.at(1).trimmed().toLower();
    QString value = ctx.args.at(2);
    Result<Settings> s = SettingsFile::load(ctx.configFile);
    if (!s)
        return fail(ctx, s.error());
    if (!knownKey(*s, key))
        return fail(ctx, unknownKey(key));
    // Locked settings can forbid Cleanup: the permission to delete this PC's
    // files is changed only where the lock is opened, in the Settings dialog.
    if (key == keyName(SettingKey::AllowCleanup) && s->boolValue(SettingKey::Locked))
        return fail(ctx, Error::user(QStringLiteral("The settings are locked, so allow_cleanup stays as it is: "
                                                    "unlock them in the Settings dialog (with the facility's API "
                                                    "key) to change it.")));
    if (key == keyName(SettingKey::ApiKey) && value == QLatin1String("-")) {
        // Keeps the key out of the shell history and the process list.
        if (Terminal::isInteractive(Terminal::Stream::Input)) {
            ctx.err << "API key: ";
            ctx.err.flush();
        }
        QTextStream in(stdin);
        value = in.readLine().trimmed();
    }
    if (value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r')))
        return fail(ctx,
                    Error::user(QStringLiteral("The value for %1 has a line break: give it on one line.").arg(key)));
    const Status st = s->setValueNamed(key, value.trimmed());
    if (!st)
        return fail(ctx, st.error());
    const Status saved = SettingsFile::save(*s, ctx.configFile);
    if (!saved)
        return fail(ctx, saved.error());
    pushToServer(ctx);
    if (key == keyName(SettingKey::ApiKey))
        ctx.out << (value.isEmpty() ? QStringLiteral("API key removed from %1.")
                                    : QStringLiteral("API key stored in %1."))
                       .arg(SecretStore(ctx.configFile).describe())
                << '\n';
    if (key == keyName(SettingKey::StartAutomaticallyOnLogin))
        return applyAutostart(ctx, *s);
    return ExitOk;
}

int import(CommandContext &ctx)
{
    QStringList files;
    QString keyFile;
    for (int i = 1; i < ctx.args.size(); ++i) {
        if (ctx.args.at(i) != QLatin1String("--with-key")) {
            files << ctx.args.at(i);
            continue;
        }
        if (++i == ctx.args.size())
            return usage(ctx, QStringLiteral("'--with-key' needs the KEYFILE to copy (MyData's is ~/.ssh/MyData)."));
        keyFile = ctx.args.at(i);
    }
    if (files.size() != 1)
        return usage(ctx, QStringLiteral("'config import' needs the FILE to import."));
    const QString source = files.first();
    const QFileInfo info(source);
    if (const Status readable = checkImportable(source); !readable)
        return fail(ctx, readable.error());
    const Result<Settings> s = SettingsFile::load(source);
    if (!s)
        return fail(ctx, s.error());
    // The key is checked before anything is written: a refused key leaves
    // the installation as it was.
    std::optional<SshKeyImport> key;
    if (!keyFile.isEmpty()) {
        Result<SshKeyImport> checked = SshKeyImport::check(keyFile, ctx.configFile);
        if (!checked)
            return fail(ctx, checked.error());
        key = *checked;
    }
    const Status saved = SettingsFile::save(*s, ctx.configFile);
    if (!saved)
        return fail(ctx, saved.error());
    ctx.out << "Imported " << QDir::toNativeSeparators(info.absoluteFilePath()) << " into "
            << QDir::toNativeSeparators(QFileInfo(ctx.configFile).absoluteFilePath()) << ".\n";
    if (!s->apiKey().isEmpty())
        ctx.out << "The API key is kept in " << SecretStore(ctx.configFile).describe()
                << ", not in the settings file.\n";
    if (key) {
        const Result<SshIdentity> identity = key->install();
        if (!identity)
            return fail(ctx, identity.error());
        ctx.out << (key->alreadyInPlace() ? "The SSH key " : "Copied the SSH key ")
                << QDir::toNativeSeparators(key->sourcePath()) << (key->alreadyInPlace() ? " is already " : " to ")
                << QDir::toNativeSeparators(identity->privateKeyPath()) << " (" << identity->fingerprintSha256()
                << ").\n";
        // The server knows the approval by uploader uuid and key together.
        if (s->uuid().trimmed().isEmpty())
            ctx.out << "The imported settings have no uuid, so the server sees a new uploader: its staging "
                       "request must be approved again.\n";
        else
            ctx.out << "The uploader record (uuid " << s->uuid().trimmed()
                    << ") and any staging access approved for this key carry over.\n";
    }
    pushToServer(ctx);
    // Only a file that says so changes the entry: an old MyData.cfg without
    // the key leaves the user's current choice alone.
    if (s->isSet(SettingKey::StartAutomaticallyOnLogin))
        return applyAutostart(ctx, *s);
    return ExitOk;
}

} // namespace

int runConfig(CommandContext &ctx)
{
    if (ctx.args.isEmpty())
        return usage(ctx, QStringLiteral("'config' needs a sub-command."));
    const QString sub = ctx.args.first();
    if (sub == QLatin1String("list"))
        return ctx.args.size() == 1 ? list(ctx) : usage(ctx, QStringLiteral("'config list' takes no arguments."));
    if (sub == QLatin1String("get"))
        return get(ctx);
    if (sub == QLatin1String("set"))
        return set(ctx);
    if (sub == QLatin1String("import"))
        return import(ctx);
    if (sub == QLatin1String("validate")) {
        CommandContext rest{ctx.configFile, ctx.args.mid(1), ctx.out, ctx.err};
        return runValidate(rest);
    }
    return usage(ctx, QStringLiteral("'%1' is not a config sub-command.").arg(sub));
}

} // namespace tardigrade::cli
