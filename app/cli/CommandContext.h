#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace tardigrade::cli {

// Exit codes of every command.
enum ExitCode {
    ExitOk = 0,
    ExitUserError = 1,     // the user's input is wrong; message on stderr
    ExitInternalError = 2, // internal or server error
    // The run finished without failures, but some files conflict with a
    // different file of the same name on the server: a person must decide
    // (rename, or upload_changed_as_versions). Apart from 2 so a script
    // can tell "try again later" from "look at this".
    ExitConflict = 3,
};

struct CommandContext {
    QString configFile; // --config FILE, or the default location
    QStringList args;   // what follows the command name
    QTextStream &out;
    QTextStream &err;
};

using CommandFunction = int (*)(CommandContext &);

struct Command {
    const char *name;
    const char *usage;   // one line for --help
    CommandFunction run;
};

// The table of commands (Commands.cpp); each lives in its own file.
const Command *findCommand(const QString &name);
const Command *commands(int *count);

int runScan(CommandContext &);
int runTestRun(CommandContext &);
int runUpload(CommandContext &);
int runRun(CommandContext &);
int runPause(CommandContext &);
int runResume(CommandContext &);
int runConfig(CommandContext &);
int runValidate(CommandContext &);
int runRegister(CommandContext &);
int runHistory(CommandContext &);
int runCleanup(CommandContext &);

} // namespace tardigrade::cli
