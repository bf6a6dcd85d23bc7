#pragma once

#include <QString>

namespace tardigrade {

// Everything an installation keeps beside its settings file, named here and
// nowhere else.
enum class StateFile {
    Journal,       // journal.sqlite: every file's state, for resuming after a crash
    LookupCache,   // lookups.sqlite: datafiles seen verified, so a rerun asks nothing
    CatalogueLock, // catalogue.lock: find-then-create across processes
    IdentityKey,   // tardigrade_id (+ .pub): the installation's SSH key pair
    KnownHosts,    // known_hosts: staging host keys, trusted on first use
    LastRun,       // last_run: when the last scheduled run started
    LastRunShown,  // last_run.json: the last run's tables and summary, shown again after a restart
    RunHistory,    // run_history.jsonl: one line per finished run, for the Tasks tab and `tardigrade history`
    PauseFlag,     // <settings file>.paused: scheduled runs paused while it exists
    Log,           // tardigrade.log: what to send to support
    Secrets,       // secrets: the API key where no keychain can be reached (0600)
    ServerSet,     // server_settings.json: settings a facility manager set on the server, as applied
};

// Where an installation keeps its state. Everything lives in the folder of
// the settings file, so `--config /some/dir/MyData.cfg` gives a test or a
// second instance a private world.
namespace ConfigPaths {
QString defaultConfigFile();                 // ~/.config/tardigrade/MyData.cfg
// Whether two names (relative, through links, or not made yet) are one settings file.
bool sameSettingsFile(const QString &a, const QString &b);
QString stateDir(const QString &configFile); // folder of the file, created 0700
// The path of one piece of state; its folder is made (0700) when missing.
QString stateFile(const QString &configFile, StateFile which);
// The same without touching the disk (for messages and checks).
QString stateFilePath(const QString &configFile, StateFile which);
} // namespace ConfigPaths

} // namespace tardigrade
