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

bool sameSettingsFile(const QString &a, const QString &b)
{
    const auto name = [](const QString &path) {
        const QFileInfo info(path);
        const QString canonical = info.canonicalFilePath(); // empty while the file does not exist
        return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
    };
    return name(a) == name(b);
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
    case StateFile::RunHistory:
        return beside("run_history.jsonl");
    case StateFile::PauseFlag:
        return settings.absoluteFilePath() + QStringLiteral(".paused");
    case StateFile::Log:
        return beside("tardigrade.log");
    case StateFile::Secrets:
        return beside("secrets");
    case StateFile::ServerSet:
        return beside("server_settings.json");
    }
    return {};
}

QString stateFile(const QString &configFile, StateFile which)
{
    stateDir(configFile);
    return stateFilePath(configFile, which);
}

} // namespace tardigrade::ConfigPaths
