#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace tardigrade {

// Files only their owner may read (the installation's private SSH key). A
// platform seam: OwnerOnlyFilePosix.cpp (mode 0600 from the first byte on)
// or OwnerOnlyFilePortable.cpp (Qt permissions; on Windows an ACL that
// grants the current user alone).
namespace OwnerOnlyFile {
// Writes `data` to a new file at `path`, readable only by its owner from the
// first byte on, through a temporary name; fails when `path` exists, so two
// first runs never overwrite each other's file.
Status createExclusive(const QString &path, const QByteArray &data);
// Takes away any access others have to an existing file.
void restrict(const QString &path);
} // namespace OwnerOnlyFile

} // namespace tardigrade
