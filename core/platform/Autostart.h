#pragma once

#include "util/Result.h"

#include <QString>
#include <QStringList>
#include <memory>

namespace tardigrade {

// Starting the tray application when the user logs in (the
// `start_automatically_on_login` setting). One implementation per platform:
// an XDG autostart .desktop file (Linux, BSD), a LaunchAgent plist (macOS),
// the HKCU Run key (Windows). Headless installations use the systemd user
// unit instead (installers/tardigrade.service).
class Autostart {
public:
    virtual ~Autostart() = default;

    // Writes (enabled) or removes (disabled) the entry that starts `binary`,
    // with `--config <configFile>` unless configFile is empty or the default.
    virtual Status apply(bool enabled, const QString &binary, const QString &configFile) = 0;
    virtual bool isEnabled() const = 0;
    // The file or registry value it writes, for messages and the UI.
    virtual QString location() const = 0;

    // The one for this platform.
    static std::unique_ptr<Autostart> create();
    // What every change of the `start_automatically_on_login` setting calls
    // (the settings dialog's save, `tardigrade config set` and `config
    // import`), so the entry follows the setting however it changes: this
    // platform's entry for the running program and `configFile`, written or
    // removed. Answers what was done, in one sentence for the user.
    static Result<QString> applyForThisProgram(bool enabled, const QString &configFile);
    // The program to start: the running binary, or the AppImage it came from.
    static QString currentBinary();
    // The program a login entry starts for the running one: itself, or for
    // Windows' console twin tardigrade.com the tray program tardigrade.exe.
    static QString guiProgramFor(const QString &running);
    // binary [--config FILE]
    static QStringList command(const QString &binary, const QString &configFile);

protected:
    // For the platforms whose mechanism is one file (XDG .desktop, LaunchAgent
    // plist): written atomically when enabled, removed when not.
    static Status applyFile(bool enabled, const QString &path, const QString &binary, const QString &contents);
};

} // namespace tardigrade
