#pragma once

#include <QString>
#include <optional>

namespace tardigrade::standin {

// The MD5 of a file as MyTardis computes it when it verifies a replica:
// Python's hashlib, which is OpenSSL's MD5. Qt's own MD5 is about 15% slower
// on a 1 GiB file, which a bench that waits for "verified" would charge to the
// client. Written apart from the client's hasher on purpose: the server's
// check must not share the code it checks. Empty when the file cannot be read.
std::optional<QString> fileMd5Hex(const QString &path);

} // namespace tardigrade::standin
