#pragma once

#include <QString>

namespace tardigrade {

// Where an installation keeps its state. Everything (journal, lookup cache,
// SSH key pair, known hosts, logs, secrets fallback) lives in the folder of
// the settings file, so `--config /some/dir/MyData.cfg` gives a test or a
// second instance a private world.
namespace ConfigPaths {
QString defaultConfigFile();                       // ~/.config/tardigrade/MyData.cfg
QString stateDir(const QString &configFile);       // folder of the file, created 0700
QString stateFile(const QString &configFile, const QString &name);
} // namespace ConfigPaths

} // namespace tardigrade
