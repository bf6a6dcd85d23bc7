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

QString stateFilePath(const QString &configFile, StateFile which)
{
    const QFileInfo settings(configFile);
    const auto beside = [&settings](const char *name) -> QString {
        return settings.absolutePath() + QLatin1Char('/') + QLatin1String(name);
    };
    switch (which) {
    case StateFile::Journal:
        return beside("journal.sqlite");
    case StateFile::LookupCache:
        return beside("lookups.sqlite");
    case StateFile::CatalogueLock:
        return beside("catalogue.lock");
    case StateFile::IdentityKey:
        return beside("tardigrade_id");
    case StateFile::KnownHosts:
        return beside("known_hosts");
    case StateFile::LastRun:
        return beside("last_run");
    case StateFile::LastRunShown:
        return beside("last_run.json");
    case StateFile::PauseFlag:
        return settings.absoluteFilePath() + QStringLiteral(".paused");
    case StateFile::Log:
        return beside("tardigrade.log");
    case StateFile::Secrets:
        return beside("secrets");
    }
    return {};
}

QString stateFile(const QString &configFile, StateFile which)
{
    stateDir(configFile);
    return stateFilePath(configFile, which);
}

} // namespace tardigrade::ConfigPaths
