#include "LaunchAgentAutostart.h"

#include "util/Log.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace tardigrade {

LaunchAgentAutostart::LaunchAgentAutostart(QString homeDir)
    : m_home(homeDir.isEmpty() ? QDir::homePath() : std::move(homeDir))
{
}

QString LaunchAgentAutostart::location() const
{
    return m_home + QStringLiteral("/Library/LaunchAgents/org.tardigrade.Tardigrade.plist");
}

QString LaunchAgentAutostart::plist(const QStringList &command)
{
    QString args;
    for (const QString &a : command)
        args += QStringLiteral("    <string>%1</string>\n").arg(a.toHtmlEscaped());
    return QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                          "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                          "<plist version=\"1.0\">\n<dict>\n"
                          "  <key>Label</key>\n  <string>org.tardigrade.Tardigrade</string>\n"
                          "  <key>ProgramArguments</key>\n  <array>\n%1  </array>\n"
                          "  <key>RunAtLoad</key>\n  <true/>\n"
                          "  <key>ProcessType</key>\n  <string>Interactive</string>\n"
                          "</dict>\n</plist>\n")
        .arg(args);
}

Status LaunchAgentAutostart::apply(bool enabled, const QString &binary, const QString &configFile)
{
    return applyFile(enabled, location(), binary, enabled ? plist(command(binary, configFile)) : QString());
}

bool LaunchAgentAutostart::isEnabled() const
{
    return QFileInfo::exists(location());
}

} // namespace tardigrade
