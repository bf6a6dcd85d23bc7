#include "ServerSetSettings.h"

#include "ConfigPaths.h"
#include "SettingsSchema.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace tardigrade::ServerSetSettings {

namespace {
const QLatin1String kSettings("settings");
} // namespace

QMap<QString, QString> read(const QString &configFile)
{
    QMap<QString, QString> applied;
    QFile file(ConfigPaths::stateFilePath(configFile, StateFile::ServerSet));
    if (!file.open(QIODevice::ReadOnly))
        return applied;
    const QJsonObject settings = QJsonDocument::fromJson(file.readAll()).object().value(kSettings).toObject();
    for (auto it = settings.begin(); it != settings.end(); ++it)
        applied.insert(it.key(), it.value().toString());
    return applied;
}

Status record(const QString &configFile, const QMap<QString, QString> &applied)
{
    QMap<QString, QString> all = read(configFile);
    for (auto it = applied.begin(); it != applied.end(); ++it)
        all.insert(it.key(), it.value());
    QJsonObject settings;
    for (auto it = all.begin(); it != all.end(); ++it)
        settings.insert(it.key(), it.value());
    const QString path = ConfigPaths::stateFile(configFile, StateFile::ServerSet);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(QJsonObject{{kSettings, settings}}).toJson()) < 0 || !file.commit())
        return Error::internal(QStringLiteral("Could not write %1 (%2): the settings dialog will not show which "
                                              "settings the server set; check that the folder is writable.")
                                   .arg(path, file.errorString()));
    return {};
}

QStringList inForce(const Settings &settings, const QMap<QString, QString> &applied)
{
    QStringList keys;
    for (const SettingSpec &spec : settingsSchema())
        if (applied.contains(spec.key) && settings.valueNamed(spec.key) == applied.value(spec.key))
            keys << spec.key;
    for (auto it = applied.begin(); it != applied.end(); ++it)
        if (!findSetting(it.key()) && settings.valueNamed(it.key()) == it.value())
            keys << it.key();
    return keys;
}

} // namespace tardigrade::ServerSetSettings
