#include "CommandContext.h"

namespace tardigrade::cli {

int runUpload(CommandContext &ctx)
{
    ctx.err << "tardigrade: 'upload' is not available yet.\n";
    return ExitInternalError;
}

} // namespace tardigrade::cli
