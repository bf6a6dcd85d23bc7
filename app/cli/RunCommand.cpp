#include "CommandContext.h"

namespace tardigrade::cli {

int runRun(CommandContext &ctx)
{
    ctx.err << "tardigrade: 'run' is not available yet.\n";
    return ExitInternalError;
}

} // namespace tardigrade::cli
