#pragma once

#include "catalogue/Records.h"
#include "settings/Settings.h"
#include "util/Result.h"

#include <QString>
#include <QVector>
#include <atomic>

namespace tardigrade {

class CatalogueReader;
class CatalogueWriter;

// Saving settings sends them to this installation's uploader record on the
// server (mytardis-api.md section 5, as MyData did), so the server keeps
// what each instrument PC uses and a facility manager can see and change it.
// The tray app calls it after the settings dialog saves, the CLI after
// `config set` and `config import`. A push that fails never undoes a save:
// callers log it and say so in one sentence.

// What is sent: every key of the schema as the settings give it (the
// default where unset), never api_key (the facility account's secret) and
// not uuid (sent beside them: the record's key).
QVector<UploaderSetting> settingsToPush(const Settings &settings);

struct SettingsPush {
    enum class Outcome {
        Sent,          // the uploader record holds them now
        NotConnected,  // no server, account, API key or uuid in the settings yet: nothing to send to
        NoRecordYet,   // the server has no record of this installation yet (the first run makes one)
    };
    Outcome outcome = Outcome::NotConnected;
    qint64 uploaderId = 0;
    int count = 0;
    // One sentence on what happened, for the log.
    QString sentence() const;
};

// Finds the uploader record by the settings' uuid and sends the settings.
Result<SettingsPush> pushSettings(CatalogueReader &reader, CatalogueWriter &writer, const Settings &settings);

// The same from a settings file (the API key from the secret store), with a
// client of its own that tries each request twice at most: blocks on the
// keychain and the network, so the GUI calls it from a worker thread.
Result<SettingsPush> pushSettingsFromFile(const QString &configFile, const std::atomic_bool *cancel = nullptr);

// The sentence for a push that failed after a good save.
QString settingsNotPushedSentence(const Error &error);

} // namespace tardigrade
