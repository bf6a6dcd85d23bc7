// tardigrade validate (also `config validate`): every problem of the
// settings, one sentence per line on stderr. Local checks only.
#include "CommandContext.h"
#include "settings/SettingsFile.h"
#include "settings/SettingsValidator.h"

#include <QDir>
#include <QFileInfo>

namespace tardigrade::cli {

int runValidate(CommandContext &ctx)
{
    if (!ctx.args.isEmpty()) {
        ctx.err << "tardigrade: 'validate' takes no arguments.\nUsage: tardigrade [--config FILE] validate\n";
        return ExitUserError;
    }
    const Result<Settings> s = SettingsFile::load(ctx.configFile);
    if (!s) {
        ctx.err << s.error().message << '\n';
        return s.error().kind == ErrorKind::User ? ExitUserError : ExitInternalError;
    }
    QStringList problems;
    if (!QFileInfo::exists(ctx.configFile))
        problems << QStringLiteral("There is no settings file at %1: run 'tardigrade config import FILE' or "
                                   "'tardigrade config set KEY VALUE' first.")
                        .arg(QDir::toNativeSeparators(ctx.configFile));
    problems << SettingsValidator::validateLocally(*s);
    if (problems.isEmpty()) {
        ctx.out << "Settings are valid.\n";
        return ExitOk;
    }
    for (const QString &p : problems)
        ctx.err << p << '\n';
    return ExitUserError;
}

} // namespace tardigrade::cli
