#include "CommandContext.h"
#include "platform/Terminal.h"
#include "RunReporter.h"

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
    return QJsonObject{
        {QStringLiteral("found"), s.found},
        {QStringLiteral("already_verified"), s.alreadyVerified},
        {QStringLiteral("uploaded"), s.uploaded},
        {QStringLiteral("verified"), s.verified},
        {QStringLiteral("failed"), failed},
        {QStringLiteral("bytes_uploaded"), s.bytesUploaded},
    };
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
    for (const QString &m : s.messages)
        out << "Note: " << m << '\n';
    if (s.cancelled)
        out << "The run was stopped before it finished; the next run continues where it left off.\n";
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

    if (run.fatalError()) {
        ctx.err << run.fatalError()->message << '\n';
        if (json)
            ctx.out << QJsonDocument(summaryJson(summary)).toJson(QJsonDocument::Compact) << '\n';
        return run.fatalError()->kind == ErrorKind::User ? ExitUserError : ExitInternalError;
    }
    if (json)
        ctx.out << QJsonDocument(summaryJson(summary)).toJson(QJsonDocument::Compact) << '\n';
    else
        printSummary(ctx.out, summary);
    return summary.ok() ? ExitOk : ExitInternalError;
}

} // namespace tardigrade::cli
