#pragma once

#include <QByteArray>

namespace tardigrade {

// Quotes one argument for a POSIX shell: the whole thing in single quotes,
// each embedded ' written as '\''. The bytes are passed through untouched
// (no decoding of %20, no charset conversion), so a remote path arrives at
// the remote program exactly as given, whatever it contains.
QByteArray shellQuote(const QByteArray &argument);

} // namespace tardigrade
