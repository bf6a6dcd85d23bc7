#include "ConfigPaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace tardigrade::ConfigPaths {

QString defaultConfigFile()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    return base + QStringLiteral("/tardigrade/MyData.cfg");
}

QString stateDir(const QString &configFile)
{
    const QString dir = QFileInfo(configFile).absolutePath();
    if (!QFileInfo::exists(dir)) {
        QDir().mkpath(dir);
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    return dir;
}

QString stateFile(const QString &configFile, const QString &name) { return stateDir(configFile) + QLatin1Char('/') + name; }

} // namespace tardigrade::ConfigPaths
