#include "CommandContext.h"

namespace tardigrade::cli {

int runTestRun(CommandContext &ctx)
{
    ctx.err << "tardigrade: 'test-run' is not available yet.\n";
    return ExitInternalError;
}

} // namespace tardigrade::cli
