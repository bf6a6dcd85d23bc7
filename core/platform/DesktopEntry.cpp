#include "DesktopEntry.h"

namespace tardigrade::DesktopEntry {

namespace {
bool needsQuotes(const QString &arg)
{
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    if (arg.isEmpty())
        return true;
    for (const QChar c : arg)
        if (reserved.contains(c))
            return true;
    return false;
}
} // namespace

QString escapeString(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        switch (c.unicode()) {
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        case '\r':
            out += QStringLiteral("\\r");
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString quoteExecArgument(const QString &argument)
{
    QString arg;
    for (const QChar c : argument) {
        if (c == QLatin1Char('%'))
            arg += QStringLiteral("%%");
        else
            arg += c;
    }
    if (!needsQuotes(argument))
        return arg;
    QString quoted = QStringLiteral("\"");
    for (const QChar c : arg) {
        if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') || c == QLatin1Char('\\'))
            quoted += QLatin1Char('\\');
        quoted += c;
    }
    quoted += QLatin1Char('"');
    return quoted;
}

QString execLine(const QStringList &program)
{
    QStringList parts;
    for (const QString &arg : program)
        parts << quoteExecArgument(arg);
    return escapeString(parts.join(QLatin1Char(' ')));
}

} // namespace tardigrade::DesktopEntry
