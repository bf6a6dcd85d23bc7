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
    const QString path = location();
    if (!enabled) {
        if (QFileInfo::exists(path) && !QFile::remove(path))
            return Error::user(QStringLiteral("Could not remove %1; delete it by hand to stop Tardigrade starting "
                                              "on login.")
                                   .arg(path));
        return {};
    }
    if (binary.isEmpty())
        return Error::internal(QStringLiteral("The path of the Tardigrade program is unknown, so it cannot be "
                                              "started on login; report this problem."));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Error::user(
            QStringLiteral("Could not write %1 (%2); check the folder's permissions.").arg(path, file.errorString()));
    file.write(plist(command(binary, configFile)).toUtf8());
    if (!file.commit())
        return Error::user(QStringLiteral("Could not write %1 (%2); check the disk and the folder's permissions.")
                               .arg(path, file.errorString()));
    qCInfo(lcPlatform).noquote() << "Start on login on:" << path << "written.";
    return {};
}

bool LaunchAgentAutostart::isEnabled() const
{
    return QFileInfo::exists(location());
}

} // namespace tardigrade
