#pragma once

#include "InstallationRegistration.h"
#include "settings/Settings.h"
#include "util/Result.h"

#include <QString>
#include <atomic>

namespace tardigrade {

// An installation registered from its settings file, with the settings it
// was registered with (the instrument's name, the server's URL).
struct RegisteredInstallation {
    Settings settings;
    InstallationRegistration registration;
};

// What `tardigrade register` and the GUI's "Request staging access…" do:
// reads the settings file (the API key from the secret store), gives the
// installation its uuid if it has none (saved), checks the settings against
// the server as a run does (creating the instrument if missing) and then
// registerInstallation(). Blocks on the network and the keychain: call it
// from a worker thread in the GUI. Every failure is one sentence (server
// check failures one per line).
Result<RegisteredInstallation> registerFromSettings(const QString &configFile,
                                                    const std::atomic_bool *cancel = nullptr);

} // namespace tardigrade
