#include "CommandContext.h"

namespace tardigrade::cli {

int runScan(CommandContext &ctx)
{
    ctx.err << "tardigrade: 'scan' is not available yet.\n";
    return ExitInternalError;
}

} // namespace tardigrade::cli
