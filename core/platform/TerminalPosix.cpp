#include "Terminal.h"

#include <unistd.h>

namespace tardigrade::Terminal {

bool isInteractive(Stream stream)
{
    return ::isatty(stream == Stream::Input ? STDIN_FILENO : STDERR_FILENO) == 1;
}

} // namespace tardigrade::Terminal
