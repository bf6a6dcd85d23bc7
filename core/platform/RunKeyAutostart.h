#pragma once

#include "Autostart.h"

namespace tardigrade {

// Windows: the value "Tardigrade" under
// HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run.
class RunKeyAutostart : public Autostart {
public:
    Status apply(bool enabled, const QString &binary, const QString &configFile) override;
    bool isEnabled() const override;
    QString location() const override;

    // A Windows command line: arguments with spaces or quotes in quotes.
    static QString commandLine(const QStringList &command);
};

} // namespace tardigrade
