#include "Terminal.h"

#include <QtGlobal>

#ifdef Q_OS_WIN
#include <cstdio>
#include <io.h>
#endif

namespace tardigrade::Terminal {

bool isInteractive(Stream stream)
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stream == Stream::Input ? stdin : stderr)) != 0;
#else
    Q_UNUSED(stream);
    return false; // no portable way to tell: behave as for a pipe
#endif
}

} // namespace tardigrade::Terminal
