#pragma once

#include "Settings.h"
#include "util/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace tardigrade {

// Which settings a facility manager set on the server (the uploader record's
// settings, applied by a run), remembered beside the settings file
// (StateFile::ServerSet) so the settings dialog can say so: a person who
// finds a field changed should know who changed it, and that changing it
// here lasts only until the manager changes it again.
//
// Each key is kept with the value the server gave it. A key counts as set by
// the server while the settings still hold that value; once it is changed
// here it is this PC's own again.
namespace ServerSetSettings {

// The keys and values applied so far (empty when none or unreadable).
QMap<QString, QString> read(const QString &configFile);
// Adds what a run has just applied to what was applied before.
Status record(const QString &configFile, const QMap<QString, QString> &applied);
// The keys of `applied` whose value in `settings` is still the server's, in
// the order of the settings schema (unknown keys last).
QStringList inForce(const Settings &settings, const QMap<QString, QString> &applied);

} // namespace ServerSetSettings

} // namespace tardigrade
