#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace tardigrade {

enum class SettingType { String, Bool, Int, Date, Time, Choice, Secret };

// One row of the typed settings table: every key of MyData.cfg with its
// default (as written in the file), type, and the group it is shown under.
struct SettingSpec {
    QString key;
    SettingType type;
    QString defaultValue;
    QString group;        // General, Schedule, Filters, Advanced, File
    QStringList choices;  // for Choice
};

// The whole table, in the order keys are written to the file.
const std::vector<SettingSpec> &settingsSchema();
const SettingSpec *findSetting(const QString &key);

// The ten folder structures, spelled as in MyData.cfg.
QStringList folderStructureNames();

} // namespace tardigrade
