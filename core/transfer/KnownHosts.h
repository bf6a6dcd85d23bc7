#pragma once

#include "util/Result.h"

#include <QString>

struct ssh_session_struct;

namespace tardigrade {

// The installation's own known_hosts file (next to the settings file, never
// ~/.ssh/known_hosts): the first key a staging host shows is trusted and
// recorded; a different key later is refused, with the file to edit named.
class KnownHosts {
public:
    explicit KnownHosts(QString path) : m_path(std::move(path)) {}

    static QString defaultPath(const QString &configFile); // <config folder>/known_hosts

    QString path() const { return m_path; }

    // Checks the host key of a connected session whose SSH_OPTIONS_KNOWNHOSTS
    // is this file; records it when the host is new.
    Status verify(ssh_session_struct *session, const QString &host, int port) const;

    // How the host appears in the file: `host`, or `[host]:port` off port 22.
    static QString entryName(const QString &host, int port);

private:
    QString m_path;
};

} // namespace tardigrade
