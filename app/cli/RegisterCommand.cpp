#include "CommandContext.h"

namespace tardigrade::cli {

int runRegister(CommandContext &ctx)
{
    ctx.err << "tardigrade: 'register' is not available yet.\n";
    return ExitInternalError;
}

} // namespace tardigrade::cli
