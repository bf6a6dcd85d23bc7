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

    QString value(const QString &key) const;          // default when unset
    bool isSet(const QString &key) const;
    // Checks the value against the key's type (Bool accepts True/False,
    // Int an integer, Date %Y-%m-%d, Time %H:%M:%S or %H:%M, Choice one of
    // its choices); unknown keys are accepted verbatim.
    Status setValue(const QString &key, const QString &value);
    // Stores the value as it stands, without the type check: what a file
    // says is kept (and reported by SettingsValidator) rather than dropped.
    void setRawValue(const QString &key, const QString &value);
    // The type check of setValue alone, for a key of the schema (unknown
    // keys pass).
    static Status checkValue(const QString &key, const QString &value);
    void unset(const QString &key);

    bool boolValue(const QString &key) const;
    int intValue(const QString &key) const;
    QDate dateValue(const QString &key) const;
    QTime timeValue(const QString &key) const;

    // Keys in the file in their original order, known and unknown.
    QStringList keys() const { return m_order; }
    QStringList unknownKeys() const;

    bool operator==(const Settings &other) const { return m_values == other.m_values; }

    // Convenience for the most used keys.
    QString mytardisUrl() const;  // trailing '/' stripped
    QString username() const { return value(QStringLiteral("username")); }
    QString apiKey() const { return value(QStringLiteral("api_key")); }
    QString dataDirectory() const { return value(QStringLiteral("data_directory")); }
    QString folderStructure() const { return value(QStringLiteral("folder_structure")); }
    QString instrumentName() const { return value(QStringLiteral("instrument_name")); }
    QString facilityName() const { return value(QStringLiteral("facility_name")); }
    QString uuid() const { return value(QStringLiteral("uuid")); }

private:
    QMap<QString, QString> m_values;
    QStringList m_order;
};

} // namespace tardigrade
