#pragma once

#include "util/Result.h"

#include <QString>

namespace tardigrade {

// Says whether a path may be deleted by Cleanup: a regular file (not a
// symbolic link, not a folder) whose real location is the data directory
// joined with its path, i.e. no link anywhere between the two can lead
// the deletion elsewhere. The data directory itself may be a link (a
// drive mounted somewhere): it is resolved once.
class DataDirectoryGuard {
public:
    explicit DataDirectoryGuard(const QString &dataDirectory);

    // Empty status when the file may be deleted; otherwise a permanent
    // error whose message is the reason, a phrase ("is a symbolic link").
    Status check(const QString &path) const;

    // The path below the data directory, '/' separators ("" when outside).
    QString relativePath(const QString &path) const;

private:
    QString m_given;     // cleaned, as in the settings
    QString m_canonical; // links resolved; empty when it does not exist
};

} // namespace tardigrade
