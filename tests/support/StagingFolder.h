#pragma once

// What tests that interrupt a staging upload watch: how far the largest file
// under the staging folder has grown (a transfer caught half way).

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace tardigrade::test {

inline qint64 largestStagedFile(const QString &root)
{
    qint64 largest = 0;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        largest = qMax(largest, QFileInfo(it.next()).size());
    return largest;
}

} // namespace tardigrade::test
