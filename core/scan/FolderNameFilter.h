#pragma once

#include <QRegularExpression>
#include <QString>

namespace tardigrade {

// The "name contains" filters of the settings (user/group, experiment,
// dataset). As in MyData, a filter F is the glob *F*, so '*', '?' and
// [...] inside it work. Unlike MyData on Linux (whose glob was
// case-sensitive there but not on Windows, where most instruments run) the
// match ignores case, and it is made against the folder name with
// leading/trailing spaces trimmed. An empty filter matches everything.
class FolderNameFilter {
public:
    explicit FolderNameFilter(const QString &filter = {});
    bool matches(const QString &folderName) const;
    bool isEmpty() const { return m_empty; }

private:
    bool m_empty = true;
    QRegularExpression m_re;
};

} // namespace tardigrade
