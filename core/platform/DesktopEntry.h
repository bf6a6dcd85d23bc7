#pragma once

#include <QString>
#include <QStringList>

namespace tardigrade::DesktopEntry {

// Quoting for the Exec key of a freedesktop.org Desktop Entry: an argument
// with a reserved character is put in double quotes with `"`, `` ` ``, `$`
// and `\` backslash-escaped, `%` becomes `%%`, and then the string-value
// escaping doubles every backslash (so a literal `\` in a quoted argument is
// written as four).
QString quoteExecArgument(const QString &argument);
QString execLine(const QStringList &program);

// Escaping for any other string value (Name=, Comment=, ...).
QString escapeString(const QString &value);

} // namespace tardigrade::DesktopEntry
