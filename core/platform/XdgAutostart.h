#pragma once

#include "Autostart.h"

namespace tardigrade {

// $XDG_CONFIG_HOME/autostart/tardigrade.desktop (default ~/.config), as read
// by GNOME, KDE, Xfce and any XDG autostart implementation.
class XdgAutostart : public Autostart {
public:
    Status apply(bool enabled, const QString &binary, const QString &configFile) override;
    bool isEnabled() const override;
    QString location() const override;

    // The file's text for a command (tests).
    static QString desktopFile(const QStringList &command);
};

} // namespace tardigrade
