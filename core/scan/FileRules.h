#pragma once

#include "ScanOptions.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace tardigrade {

// Which files of a dataset folder are taken, decided on the file's name and
// mtime alone so the walker can ask it without building strings:
// includes/excludes globs (fnmatch, case-sensitive, on the name only; a name
// matching an include is taken even when it matches an exclude, as in MyData)
// and the "ignore files modified in the last N minutes" rule.
class FileRules {
public:
    FileRules(const ScanOptions &options, qint64 nowMsecs);

    // Empty when the file is taken, else the reason it is skipped.
    QString skipReason(const char *name, qint64 mtimeMsecs) const;

private:
    static bool anyMatch(const std::vector<QByteArray> &patterns, const char *name);

    bool m_useIncludes;
    bool m_useExcludes;
    std::vector<QByteArray> m_includes;
    std::vector<QByteArray> m_excludes;
    bool m_ignoreNew;
    int m_newMinutes;
    qint64 m_newLimitMsecs; // files with mtime at or after this are too new
};

} // namespace tardigrade
