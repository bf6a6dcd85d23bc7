#include "CommandContext.h"
#include "platform/Terminal.h"
#include "RunReporter.h"

#include "settings/ConfigPaths.h"
#include "sync/RunHistory.h"
#include "sync/SyncRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>


namespace tardigrade::cli {

namespace {

QJsonObject summaryJson(const SyncSummary &s)
{
    QJsonArray failed;
    for (const FailedFile &f : s.failed)
        failed.append(QJsonObject{{QStringLiteral("path"), f.path}, {QStringLiteral("reason"), f.reason}});
    QJsonArray conflicts;
    for (const ConflictFile &c : s.conflicts)
        conflicts.append(QJsonObject{{QStringLiteral("path"), c.path},
                                     {QStringLiteral("local_md5"), c.localMd5},
                                     {QStringLiteral("server_md5"), c.serverMd5},
                                     {QStringLiteral("uploaded_as"), c.uploadedAs}});
    return QJsonObject{
        {QStringLiteral("found"), s.found},
        {QStringLiteral("conflicts"), conflicts},
        {QStringLiteral("already_verified"), s.alreadyVerified},
        {QStringLiteral("uploaded"), s.uploaded},
        {QStringLiteral("verified"), s.verified},
        {QStringLiteral("failed"), failed},
        {QStringLiteral("bytes_uploaded"), s.bytesUploaded},
        {QStringLiteral("bytes_read_local"), s.bytesReadLocal},
        {QStringLiteral("sent_in_batches"), s.sentInBatches},
    };
}

// One line a person (and grep) finds: the file, both checksums, what happened or what to do.
QString conflictLine(const ConflictFile &c)
{
    const QString sums = QStringLiteral("MD5 %1 on the server, %2 here")
                             .arg(c.serverMd5.isEmpty() ? QStringLiteral("(none recorded)") : c.serverMd5, c.localMd5);
    if (!c.uploadedAs.isEmpty())
        return QStringLiteral("CONFLICT %1: the server holds another file under this name (%2); uploaded as \"%3\".")
            .arg(c.path, sums, c.uploadedAs);
    return QStringLiteral("CONFLICT %1: the server holds another file under this name (%2); not uploaded: rename "
                          "the local file, or set upload_changed_as_versions to True to upload it under a new name.")
        .arg(c.path, sums);
}

void printSummary(QTextStream &out, const SyncSummary &s)
{
    out << "Found:            " << s.found << " files in " << s.datasets << " datasets\n"
        << "Already verified: " << s.alreadyVerified << '\n'
        << "Uploaded:         " << s.uploaded << '\n'
        << "Verified:         " << s.verified << '\n'
        << "Failed:           " << s.failed.size() << '\n';
    for (const FailedFile &f : s.failed)
        out << "  " << f.path << ": " << f.reason << '\n';
    if (!s.conflicts.isEmpty())
        out << "Conflicts:        " << s.conflicts.size() << '\n';
    for (const ConflictFile &c : s.conflicts)
        out << conflictLine(c) << '\n';
    for (const QString &m : s.messages)
        out << "Note: " << m << '\n';
    if (s.cancelled)
        out << "The run was stopped before it finished; the next run continues where it left off.\n";
}

// A run from the command line (cron, a script) is in the run history too,
// beside the tray app's and the service's: `tardigrade history` and the
// Tasks tab show every upload this installation made.
void recordInHistory(CommandContext &ctx, const SyncSummary &summary)
{
    const QString file = ConfigPaths::stateFile(ctx.configFile, StateFile::RunHistory);
    if (!RunHistory::append(file, RunRecord::of(summary, QStringLiteral("tardigrade upload"))))
        ctx.err << "Could not add this run to the run history in " << file << "; check that the folder is writable.\n";
}

} // namespace

int runUpload(CommandContext &ctx)
{
    bool json = false;
    for (const QString &a : ctx.args) {
        if (a == QLatin1String("--json")) {
            json = true;
        } else {
            ctx.err << "tardigrade upload: unknown argument '" << a << "'. Usage: tardigrade upload [--json]\n";
            return ExitUserError;
        }
    }

    std::atomic_bool cancel{false};
    installCancelOnSignals(&cancel);
    SyncRun run(ctx.configFile, SyncRun::Options{});
    RunReporter reporter(run, ctx.err, Terminal::isInteractive(Terminal::Stream::Error));
    const SyncSummary summary = run.run(&cancel);
    recordInHistory(ctx, summary);

    if (run.fatalError()) {
        ctx.err << run.fatalError()->message << '\n';
        if (json)
            ctx.out << QJsonDocument(summaryJson(summary)).toJson(QJsonDocument::Compact) << '\n';
        return run.fatalError()->kind == ErrorKind::User ? ExitUserError : ExitInternalError;
    }
    if (json) {
        ctx.out << QJsonDocument(summaryJson(summary)).toJson(QJsonDocument::Compact) << '\n';
        for (const ConflictFile &c : summary.conflicts) // the person reading the terminal sees them too
            ctx.err << conflictLine(c) << '\n';
    } else {
        printSummary(ctx.out, summary);
    }
    if (!summary.ok())
        return ExitInternalError;
    return summary.openConflicts() > 0 ? ExitConflict : ExitOk;
}

} // namespace tardigrade::cli
