#include "PushSettings.h"

#include "catalogue/ClientConfigFromSettings.h"
#include "catalogue/MyTardisClient.h"
#include "settings/SettingsFile.h"

#include <QRegularExpression>

namespace tardigrade {

namespace {
bool canReachRecord(const Settings &s)
{
    return !s.mytardisUrl().isEmpty() && !s.username().trimmed().isEmpty() && !s.apiKey().trimmed().isEmpty() &&
           !s.uuid().trimmed().isEmpty();
}
} // namespace

QVector<UploaderSetting> settingsToPush(const Settings &settings)
{
    QVector<UploaderSetting> pushed;
    for (const SettingSpec &spec : settingsSchema()) {
        if (!sentToServer(spec.id))
            continue;
        pushed.append({spec.key, settings.value(spec.id)});
    }
    return pushed;
}

QString SettingsPush::sentence() const
{
    switch (outcome) {
    case Outcome::Sent:
        return QStringLiteral("The settings were sent to this installation's uploader record on MyTardis (%1 "
                              "settings, record %2).")
            .arg(count)
            .arg(uploaderId);
    case Outcome::NoRecordYet:
        return QStringLiteral("The settings were not sent to MyTardis: the server has no record of this "
                              "installation yet (the first upload makes one, and the settings go along when "
                              "they are next saved).");
    case Outcome::NotConnected:
        break;
    }
    return QStringLiteral("The settings were not sent to MyTardis: the server, account, API key or this "
                          "installation's uuid is not set yet.");
}

Result<SettingsPush> pushSettings(CatalogueReader &reader, CatalogueWriter &writer, const Settings &settings)
{
    SettingsPush push;
    if (!canReachRecord(settings))
        return push;
    const QString uuid = settings.uuid().trimmed();
    const auto found = reader.findUploader(uuid);
    if (!found)
        return found.error();
    if (!found->has_value()) {
        push.outcome = SettingsPush::Outcome::NoRecordYet;
        return push;
    }
    const QVector<UploaderSetting> pushed = settingsToPush(settings);
    const auto sent = writer.updateUploaderSettings((*found)->id, uuid, pushed);
    if (!sent)
        return sent.error();
    push.outcome = SettingsPush::Outcome::Sent;
    push.uploaderId = sent->id;
    push.count = int(pushed.size());
    return push;
}

Result<SettingsPush> pushSettingsFromFile(const QString &configFile, const std::atomic_bool *cancel)
{
    const auto loaded = SettingsFile::load(configFile);
    if (!loaded)
        return loaded.error();
    ClientConfig config = clientConfigFrom(*loaded, cancel);
    // A server that answers but fails now and then is ridden out with the
    // usual tries, as every command does (two were not enough: at 30% faults
    // one push in six said "not sent"). Nobody there at all is told after a
    // second try, not a minute later: `config set` waits for this.
    config.maxTriesWithoutServer = 2;
    if (!canReachRecord(*loaded))
        return SettingsPush(); // no client for a server not named
    MyTardisClient client(config);
    return pushSettings(client, client, *loaded);
}

QString settingsNotPushedSentence(const Error &error)
{
    return QStringLiteral("The settings were saved on this PC but not sent to MyTardis (%1); they are sent "
                          "again the next time they are saved.")
        .arg(error.message.trimmed().remove(QRegularExpression(QStringLiteral("\\.$"))));
}

} // namespace tardigrade
