#include "SettingsImport.h"

#include <QDir>
#include <QFileInfo>

namespace tardigrade {

Status checkImportable(const QString &source)
{
    const QFileInfo info(source);
    if (!info.exists())
        return Error::user(QStringLiteral("The file %1 does not exist: give the path of an existing MyData.cfg.")
                               .arg(QDir::toNativeSeparators(source)));
    if (!info.isFile())
        return Error::user(
            QStringLiteral("%1 is not a file: give the path of an existing MyData.cfg.").arg(QDir::toNativeSeparators(source)));
    return {};
}

} // namespace tardigrade
