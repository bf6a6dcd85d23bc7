#pragma once

#include "GlobList.h"
#include "ScanOptions.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace tardigrade {

// Which files of a dataset folder are taken, decided on the file's name and
// mtime alone so the walker can ask it without building strings:
// includes/excludes globs (GlobList: case-sensitive, on the name only; a name
// matching an include is taken even when it matches an exclude, as in MyData)
// and the "ignore files modified in the last N minutes" rule.
class FileRules {
public:
    FileRules(const ScanOptions &options, qint64 nowMsecs);

    // Empty when the file is taken, else the reason it is skipped.
    // `name` is UTF-8.
    QString skipReason(const char *name, qint64 mtimeMsecs) const;

private:
    bool m_useIncludes;
    bool m_useExcludes;
    GlobList m_includes;
    GlobList m_excludes;
    bool m_ignoreNew;
    int m_newMinutes;
    qint64 m_newLimitMsecs; // files with mtime at or after this are too new
};

} // namespace tardigrade
