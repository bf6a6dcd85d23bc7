#include "CommandContext.h"

namespace tardigrade::cli {

int runValidate(CommandContext &ctx)
{
    ctx.err << "tardigrade: 'validate' is not available yet.\n";
    return ExitInternalError;
}

} // namespace tardigrade::cli
