#include "CommandContext.h"

namespace tardigrade::cli {

int runConfig(CommandContext &ctx)
{
    ctx.err << "tardigrade: 'config' is not available yet.\n";
    return ExitInternalError;
}

} // namespace tardigrade::cli
