#include "PauseFlag.h"

#include "settings/ConfigPaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace tardigrade::PauseFlag {

QString path(const QString &configFile)
{
    return ConfigPaths::stateFilePath(configFile, StateFile::PauseFlag);
}

bool isSet(const QString &configFile)
{
    return QFile::exists(path(configFile));
}

Status set(const QString &configFile, bool paused)
{
    const QString flag = path(configFile);
    if (!paused) {
        if (QFile::exists(flag) && !QFile::remove(flag))
            return Error::permanent(QStringLiteral("Could not remove %1; check the permissions of the settings "
                                                   "folder.")
                                        .arg(flag));
        return {};
    }
    QDir().mkpath(QFileInfo(flag).absolutePath());
    QFile f(flag);
    if (!f.open(QIODevice::WriteOnly))
        return Error::permanent(QStringLiteral("Could not write %1 (%2); check the permissions of the settings folder.")
                                    .arg(flag, f.errorString()));
    f.write("Scheduled runs are paused while this file exists ('tardigrade resume' or Resume in the tray app "
            "removes it).\n");
    return {};
}

} // namespace tardigrade::PauseFlag
