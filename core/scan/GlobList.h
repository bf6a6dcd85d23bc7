#pragma once

#include <QByteArray>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <vector>

namespace tardigrade {

// Shell-style globs (as fnmatch: case-sensitive, on the name only) matched
// against file names given as UTF-8. A platform seam: GlobListPosix.cpp
// uses fnmatch(3), GlobListPortable.cpp Qt's wildcard expressions.
class GlobList {
public:
    explicit GlobList(const QStringList &patterns);

    bool isEmpty() const { return m_count == 0; }
    bool anyMatch(const char *utf8Name) const;

private:
    int m_count = 0;
    // Each implementation fills the one it matches with. Both are declared
    // so that this header, and every file including it, is the same in both
    // builds (no define: the compiler cache serves the second build).
    std::vector<QByteArray> m_patterns;           // POSIX
    std::vector<QRegularExpression> m_expressions; // portable
};

} // namespace tardigrade
