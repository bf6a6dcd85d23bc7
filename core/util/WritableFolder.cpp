#include "WritableFolder.h"

#include <QFileInfo>
#include <QTemporaryFile>

namespace tardigrade {

bool folderAcceptsNewFiles(const QString &folder)
{
    if (!QFileInfo(folder).isDir())
        return false;
    QTemporaryFile probe(folder + QStringLiteral("/.tardigrade-write-check-XXXXXX"));
    return probe.open();
}

} // namespace tardigrade
