#include "ShellQuote.h"

namespace tardigrade {

QByteArray shellQuote(const QByteArray &argument)
{
    QByteArray out;
    out.reserve(argument.size() + 2);
    out += '\'';
    for (const char c : argument) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += '\'';
    return out;
}

} // namespace tardigrade
