#pragma once

#include "Autostart.h"

namespace tardigrade {

// macOS: ~/Library/LaunchAgents/org.tardigrade.Tardigrade.plist with
// RunAtLoad, which launchd starts at login. Plain file writing, so it is
// built and tested on every platform (with a home folder given).
class LaunchAgentAutostart : public Autostart {
public:
    explicit LaunchAgentAutostart(QString homeDir = {});

    Status apply(bool enabled, const QString &binary, const QString &configFile) override;
    bool isEnabled() const override;
    QString location() const override;

    static QString plist(const QStringList &command);

private:
    QString m_home;
};

} // namespace tardigrade
