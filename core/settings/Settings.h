#pragma once

#include "SettingsSchema.h"
#include "util/Result.h"

#include <QDate>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTime>

namespace tardigrade {

// The values of one MyData.cfg: every key of the schema (unset ones answer
// their default) plus unknown keys, kept verbatim so a round trip loses
// nothing. Values are held as the strings written in the file; typed getters
// parse them. Reading/writing the file is SettingsFile's job.
class Settings {
public:
    Settings() = default;

    // ---- by key (what code uses)
    QString value(SettingKey key) const { return valueNamed(keyName(key)); } // default when unset
    bool isSet(SettingKey key) const { return isSetNamed(keyName(key)); }
    // Checks the value against the key's type (Bool accepts True/False,
    // Int an integer, Date %Y-%m-%d, Time %H:%M:%S or %H:%M, Choice one of
    // its choices).
    Status setValue(SettingKey key, const QString &value) { return setValueNamed(keyName(key), value); }
    // Stores the value as it stands, without the type check: what a file
    // says is kept (and reported by SettingsValidator) rather than dropped.
    void setRawValue(SettingKey key, const QString &value) { setRawValueNamed(keyName(key), value); }
    void unset(SettingKey key) { unsetNamed(keyName(key)); }
    bool boolValue(SettingKey key) const;
    int intValue(SettingKey key) const;
    QDate dateValue(SettingKey key) const;
    QTime timeValue(SettingKey key) const;

    // ---- by name, for names that come from outside (the command line, a
    // file, the server): unknown keys are kept verbatim.
    QString valueNamed(const QString &key) const;
    bool isSetNamed(const QString &key) const;
    Status setValueNamed(const QString &key, const QString &value);
    void setRawValueNamed(const QString &key, const QString &value);
    void unsetNamed(const QString &key);
    // The type check of setValue alone, for a key of the schema (unknown
    // keys pass).
    static Status checkValue(const QString &key, const QString &value);

    // Keys in the file in their original order, known and unknown.
    QStringList keys() const { return m_order; }
    QStringList unknownKeys() const;

    bool operator==(const Settings &other) const { return m_values == other.m_values; }

    // Convenience for the most used keys.
    QString mytardisUrl() const; // trailing '/' stripped
    QString username() const { return value(SettingKey::Username); }
    QString apiKey() const { return value(SettingKey::ApiKey); }
    QString dataDirectory() const { return value(SettingKey::DataDirectory); } // as written (the dialog shows it)
    // The data directory as a path to read: trimmed, '/' as the separator
    // (on Windows `C:\Data\` is C:/Data and `\\server\share\Instrument`
    // is //server/share/Instrument), no trailing separator. "" when unset.
    QString dataDirectoryPath() const;
    QString folderStructure() const { return value(SettingKey::FolderStructure); }
    QString instrumentName() const { return value(SettingKey::InstrumentName); }
    QString facilityName() const { return value(SettingKey::FacilityName); }
    QString uuid() const { return value(SettingKey::Uuid); }

private:
    QMap<QString, QString> m_values;
    QStringList m_order;
};

} // namespace tardigrade
