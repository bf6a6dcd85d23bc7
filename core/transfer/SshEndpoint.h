#pragma once

#include <QString>

namespace tardigrade {

// Where and as whom to connect for staging uploads (from the approved
// uploader registration request and the settings).
struct SshEndpoint {
    QString host;
    int port = 22;
    QString user;
    QString privateKeyPath; // the installation key (SshIdentity)
    QString knownHostsPath; // the installation's known_hosts (KnownHosts)
    QString ciphers;        // the `cipher` setting: a comma list; empty = libssh's defaults
    int timeoutSecs = 10;   // the `connection_timeout` setting
};

} // namespace tardigrade
