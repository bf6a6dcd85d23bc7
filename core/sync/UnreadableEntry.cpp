#include "UnreadableEntry.h"

#include <QDir>

namespace tardigrade {

FailedFile unreadableFailure(const SkippedEntry &entry)
{
    const QString path = QDir::toNativeSeparators(entry.path);
    if (entry.unreadable == SkippedEntry::Unreadable::Folder)
        return {entry.path,
                QStringLiteral("The folder %1 cannot be read (%2), so none of its files are uploaded: give the user "
                               "running Tardigrade permission to read it; the next run uploads them.")
                    .arg(path, entry.why)};
    return {entry.path, QStringLiteral("%1 cannot be read (%2): give the user running Tardigrade permission to read "
                                       "it; the next run uploads it.")
                            .arg(path, entry.why)};
}

} // namespace tardigrade
