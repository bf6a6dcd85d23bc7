// tardigrade [--config FILE] cleanup [--older-than DAYS] [--dry-run]
// Deletes local files the server holds verified with the same MD5 and that
// are older than DAYS (by mtime), each after checking again just before it
// goes; --dry-run lists them with their total size and deletes nothing.
// Off unless the settings allow it (allow_cleanup).
#include "CommandContext.h"
#include "RunReporter.h"

#include "cleanup/CleanupSession.h"
#include "sync/TestRunReport.h"

#include <QDir>

namespace tardigrade::cli {

namespace {

const char *kUsage = "Usage: tardigrade [--config FILE] cleanup [--older-than DAYS] [--dry-run]\n";

int usageError(CommandContext &ctx, const QString &problem)
{
    ctx.err << "tardigrade cleanup: " << problem << '\n' << kUsage;
    return ExitUserError;
}

int fail(CommandContext &ctx, const Error &e)
{
    ctx.err << "tardigrade: " << e.message << '\n';
    return e.kind == ErrorKind::User ? ExitUserError : ExitInternalError;
}

QString filesText(int n)
{
    return n == 1 ? QStringLiteral("1 file") : QStringLiteral("%1 files").arg(n);
}

QString daysText(int n)
{
    return n == 1 ? QStringLiteral("1 day") : QStringLiteral("%1 days").arg(n);
}

QString shown(const QString &relativeOrAbsolute)
{
    return QDir::toNativeSeparators(relativeOrAbsolute);
}

} // namespace

int runCleanup(CommandContext &ctx)
{
    bool dryRun = false;
    int days = -1; // the settings' cleanup_older_than_days
    for (int i = 0; i < ctx.args.size(); ++i) {
        const QString &a = ctx.args.at(i);
        if (a == QLatin1String("--dry-run")) {
            dryRun = true;
        } else if (a == QLatin1String("--older-than")) {
            if (i + 1 >= ctx.args.size())
                return usageError(ctx, QStringLiteral("--older-than needs a number of days."));
            bool ok = false;
            days = ctx.args.at(++i).toInt(&ok);
            if (!ok || days < 0)
                return usageError(ctx, QStringLiteral("--older-than takes a whole number of days, 0 or more, not "
                                                      "'%1'.")
                                           .arg(ctx.args.at(i)));
        } else {
            return usageError(ctx, QStringLiteral("unknown argument '%1'.").arg(a));
        }
    }

    std::atomic_bool cancel{false};
    installCancelOnSignals(&cancel);
    CleanupSession::Options options;
    options.cancel = &cancel;
    auto session = CleanupSession::open(ctx.configFile, options);
    if (!session)
        return fail(ctx, session.error());
    if (days < 0)
        days = (*session)->defaultDays();

    auto found = (*session)->find(days);
    if (!found)
        return fail(ctx, found.error());
    const CleanupFindings &f = *found;
    for (const QString &note : f.notes)
        ctx.err << "Note: " << note << '\n';
    if (f.candidates.isEmpty()) {
        ctx.out << "No file older than " << daysText(days) << " is held verified by the server with the same checksum: "
                << "nothing to delete.\n";
        return ExitOk;
    }

    if (dryRun) {
        ctx.out << "Would delete " << filesText(int(f.candidates.size())) << " (" << formatBytes(f.totalBytes)
                << ") older than " << daysText(days) << "; the server holds verified copies:\n";
        for (const CleanupCandidate &c : f.candidates)
            ctx.out << "  " << shown(c.relativePath) << "  " << formatBytes(c.size) << "  "
                    << c.mtime.toLocalTime().toString(QStringLiteral("yyyy-MM-dd")) << '\n';
        ctx.out << "Nothing was deleted (--dry-run).\n";
        return ExitOk;
    }

    const CleanupOutcome outcome = (*session)->remove(f.candidates);
    QHash<QString, QString> relative;
    for (const CleanupCandidate &c : f.candidates)
        relative.insert(c.path, c.relativePath);
    for (const QString &path : outcome.deleted)
        ctx.out << "Deleted " << shown(relative.value(path)) << '\n';
    for (const CleanupRefusal &r : outcome.refused)
        ctx.err << "Left " << shown(relative.value(r.path)) << " in place: " << r.reason << ".\n";
    ctx.out << "Deleted " << filesText(int(outcome.deleted.size())) << " (" << formatBytes(outcome.bytesFreed)
            << ") from this computer.";
    if (!outcome.refused.isEmpty())
        ctx.out << ' ' << filesText(int(outcome.refused.size())) << " left in place (reasons above).";
    ctx.out << '\n';
    if (outcome.cancelled)
        ctx.err << "Cleanup was stopped before it finished; the files not yet checked are still there.\n";
    return outcome.ok() ? ExitOk : ExitInternalError;
}

} // namespace tardigrade::cli
