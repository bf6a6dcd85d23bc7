#pragma once

#include <QString>

namespace tardigrade {

// Whether a new file can be made in `folder` now, found by making (and
// removing) one: permission bits do not tell on a read-only mount, for
// root, or under Windows ACLs. False when the folder does not exist.
bool folderAcceptsNewFiles(const QString &folder);

} // namespace tardigrade
