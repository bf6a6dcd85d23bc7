#include "CommandContext.h"

namespace tardigrade::cli {

namespace {
const Command kCommands[] = {
    {"scan", "scan [--json] [--files]          list the datasets and files found in the data directory", runScan},
    {"test-run", "test-run [--output FILE]         show what an upload would create and send, sending nothing\n"
                 "                                   (exit 1: settings problems; 2: files or folders it cannot read)", runTestRun},
    {"upload", "upload [--json]                  upload every eligible file once and wait for verification", runUpload},
    {"run", "run                              run the scheduler without a display (service mode)", runRun},
    {"pause", "pause                            stop scheduled runs of 'run' (and the next start) until resumed", runPause},
    {"resume", "resume                           let scheduled runs start again", runResume},
    {"config", "config list|get KEY|set KEY VALUE|import FILE [--with-key KEYFILE]|validate", runConfig},
    {"validate", "validate                         check the settings; print every problem", runValidate},
    {"register", "register                         register this installation for staging uploads", runRegister},
    {"history", "history [--json] [--last N]      list the past runs (start, trigger, counts, result)", runHistory},
    {"cleanup", "cleanup [--older-than DAYS] [--dry-run]\n"
                "                                   delete local files older than DAYS that the server holds verified\n"
                "                                   with the same checksum (off unless allow_cleanup)", runCleanup},
};
} // namespace

const Command *commands(int *count)
{
    *count = int(sizeof(kCommands) / sizeof(kCommands[0]));
    return kCommands;
}

const Command *findCommand(const QString &name)
{
    for (const Command &c : kCommands)
        if (name == QLatin1String(c.name))
            return &c;
    return nullptr;
}

} // namespace tardigrade::cli
