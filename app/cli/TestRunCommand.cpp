#include "CommandContext.h"
#include "platform/Terminal.h"
#include "RunReporter.h"

#include "sync/SyncRun.h"
#include "sync/TestRunReport.h"

#include <QDateTime>
#include <QSaveFile>


namespace tardigrade::cli {

int runTestRun(CommandContext &ctx)
{
    QString outputFile;
    for (int i = 0; i < ctx.args.size(); ++i) {
        if (ctx.args[i] == QLatin1String("--output") && i + 1 < ctx.args.size()) {
            outputFile = ctx.args[++i];
        } else {
            ctx.err << "tardigrade test-run: unknown argument '" << ctx.args[i]
                    << "'. Usage: tardigrade test-run [--output FILE]\n";
            return ExitUserError;
        }
    }

    std::atomic_bool cancel{false};
    installCancelOnSignals(&cancel);
    SyncRun::Options options;
    options.testRun = true;
    SyncRun run(ctx.configFile, options);
    RunReporter reporter(run, ctx.err, Terminal::isInteractive(Terminal::Stream::Error));
    const SyncSummary summary = run.run(&cancel);

    const QString report = renderTestRunReport(run.plan(), summary.started);
    if (outputFile.isEmpty()) {
        ctx.out << report;
    } else {
        QSaveFile file(outputFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(report.toUtf8()) < 0 || !file.commit()) {
            ctx.err << "tardigrade test-run: could not write " << outputFile << " (" << file.errorString()
                    << "); choose a writable location.\n";
            return ExitUserError;
        }
        ctx.err << "Test Run report written to " << outputFile << '\n';
    }
    if (run.fatalError()) {
        ctx.err << run.fatalError()->message << '\n';
        return run.fatalError()->kind == ErrorKind::User ? ExitUserError : ExitInternalError;
    }
    // The verdict of `upload` with the same settings: it refuses to start on
    // any settings problem, so the Test Run fails on one too (each said once).
    if (const QStringList &problems = run.plan().settingsProblems; !problems.isEmpty()) {
        for (const QString &p : problems)
            ctx.err << p << '\n';
        ctx.err << testRunVerdict(run.plan()) << '\n';
        return ExitUserError;
    }
    if (summary.cancelled)
        return ExitInternalError;
    // Entries the upload could not read fail it (exit 2, the rest sent):
    // a facility manager checking a setup hears it here, in the last line.
    if (const QString unreadable = testRunUnreadableVerdict(run.plan()); !unreadable.isEmpty()) {
        ctx.err << unreadable << '\n';
        return ExitInternalError;
    }
    return ExitOk;
}

} // namespace tardigrade::cli
