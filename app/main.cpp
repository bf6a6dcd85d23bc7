// Tardigrade: with a command, a headless tool (QCoreApplication); without
// one, the tray application (QApplication).
#include "cli/CommandContext.h"
#include "platform/BuildInfo.h"
#include "settings/ConfigPaths.h"
#include "util/LogFile.h"

#include <QCoreApplication>
#include <QTextStream>

#ifdef TARDIGRADE_WITH_GUI
#include "TardigradeGui.h"
#endif

#include <cstdio>
#include <memory>
#include <optional>

using namespace tardigrade;

namespace {

void printHelp(QTextStream &out)
{
    out << "Usage: tardigrade [--config FILE] [--loglevel LEVEL] [COMMAND [ARGS...]]\n\n"
           "Without a command, starts the tray application.\n\nCommands:\n";
    int count = 0;
    const cli::Command *table = cli::commands(&count);
    for (int i = 0; i < count; ++i)
        out << "  " << table[i].usage << '\n';
    out << "\nOptions:\n"
           "  --config FILE     settings file (default " << ConfigPaths::defaultConfigFile() << ")\n"
           "  --loglevel LEVEL  what reaches tardigrade.log: debug, info (the default), warning or error\n"
           "                    (before or after the command; the tray app too)\n"
           "  --verbose         also print the log on stderr; the file gets debug\n"
           "  --version         print the version (with --verbose: libraries and local I/O)\n"
           "  --help            print this help\n\n"
           "Exit codes: 0 success, 1 wrong input (message on stderr), 2 internal or server error, or files\n"
           "that could not be uploaded (test-run: files or folders it cannot read), 3 (upload) nothing failed\n"
           "but some files conflict with a different file of the same name on the server.\n";
}

} // namespace

int main(int argc, char *argv[])
{
    // Global options come before the command; find the command first so the
    // right kind of application object is made.
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    QString configFile;
    QString commandName;
    QStringList commandArgs;
    QString logLevel; // empty: the default (info, debug with --verbose)
    bool logLevelGiven = false;
    bool verbose = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        // Before the command or after it alike (it used to count only after).
        if (a == QLatin1String("--verbose")) {
            verbose = true;
            continue;
        }
        // Like --config, but taken before and after the command alike: a
        // missing level is an error in both places, not a stray argument.
        if (a == QLatin1String("--loglevel")) {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "tardigrade: --loglevel needs a level: debug, info, warning or error.\n");
                return cli::ExitUserError;
            }
            logLevel = args.at(++i);
            logLevelGiven = true;
            continue;
        }
        if (a.startsWith(QLatin1String("--loglevel="))) {
            logLevel = a.mid(11);
            logLevelGiven = true;
            continue;
        }
        if (!commandName.isEmpty()) {
            if (a == QLatin1String("--config") && i + 1 < args.size()) { // also accepted after the command
                configFile = args.at(++i);
                continue;
            }
            if (a.startsWith(QLatin1String("--config="))) {
                configFile = a.mid(9);
                continue;
            }
            commandArgs << a;
        } else if (a == QLatin1String("--config")) {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "tardigrade: --config needs a file name.\n");
                return cli::ExitUserError;
            }
            configFile = args.at(++i);
        } else if (a.startsWith(QLatin1String("--config="))) {
            configFile = a.mid(9);
        } else if (a == QLatin1String("--version") || a == QLatin1String("-v")) {
            std::printf("tardigrade %s\n", TARDIGRADE_VERSION);
            if (args.contains(QStringLiteral("--verbose"))) { // what support asks for first
                std::printf("licence: %s\nlocal I/O: %s\n", qPrintable(BuildInfo::license()),
                            qPrintable(BuildInfo::ioBackend()));
                for (const QString &library : BuildInfo::libraries())
                    std::printf("%s\n", qPrintable(library));
            }
            return cli::ExitOk;
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h") || a == QLatin1String("help")) {
            QCoreApplication app(argc, argv);
            QTextStream out(stdout);
            printHelp(out);
            return cli::ExitOk;
        } else if (a.startsWith(QLatin1Char('-'))) {
            // Options of the GUI (e.g. -platform) pass through to QApplication.
            continue;
        } else {
            commandName = a;
        }
    }

    // Checked before anything starts, the tray app included: a typo would
    // otherwise leave the file at the default and the user none the wiser.
    QtMsgType fileLevel = QtInfoMsg;
    if (logLevelGiven) {
        const std::optional<QtMsgType> level = LogFile::levelNamed(logLevel);
        if (!level) {
            std::fprintf(stderr, "tardigrade: --loglevel must be one of debug, info, warning, error, not '%s'.\n",
                         qPrintable(logLevel));
            return cli::ExitUserError;
        }
        fileLevel = *level;
    }

    // --verbose means debug in the file unless --loglevel says otherwise.
    if (verbose && !logLevelGiven)
        fileLevel = QtDebugMsg;

    QCoreApplication::setApplicationName(QStringLiteral("tardigrade"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TARDIGRADE_VERSION));

    if (commandName.isEmpty()) {
#ifdef TARDIGRADE_WITH_GUI
        return tardigrade::ui::runGui(argc, argv, configFile.isEmpty() ? ConfigPaths::defaultConfigFile() : configFile,
                                      fileLevel);
#else
        QCoreApplication app(argc, argv);
        QTextStream err(stderr);
        printHelp(err);
        return cli::ExitUserError;
#endif
    }

    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    // Every command logs to tardigrade.log beside the settings; a person at
    // the terminal sees warnings (the service, `run`, shows its progress too).
    const QString config = configFile.isEmpty() ? ConfigPaths::defaultConfigFile() : configFile;
    LogFile::install(ConfigPaths::stateFile(config, StateFile::Log),
                     verbose ? QtDebugMsg : commandName == QLatin1String("run") ? QtInfoMsg : QtWarningMsg,
                     fileLevel);
    const cli::Command *command = cli::findCommand(commandName);
    if (!command) {
        err << "tardigrade: unknown command '" << commandName << "'. Run 'tardigrade --help' for the list.\n";
        return cli::ExitUserError;
    }
    cli::CommandContext ctx{configFile.isEmpty() ? ConfigPaths::defaultConfigFile() : configFile, commandArgs, out, err};
    const int code = command->run(ctx);
    out.flush();
    err.flush();
    return code;
}
