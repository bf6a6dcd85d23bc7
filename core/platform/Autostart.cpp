#include "Autostart.h"

#include "LaunchAgentAutostart.h"
#include "RunKeyAutostart.h"
#include "XdgAutostart.h"
#include "settings/ConfigPaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace tardigrade {

std::unique_ptr<Autostart> Autostart::create()
{
#if defined(Q_OS_MACOS)
    return std::make_unique<LaunchAgentAutostart>();
#elif defined(Q_OS_WIN)
    return std::make_unique<RunKeyAutostart>();
#else
    return std::make_unique<XdgAutostart>();
#endif
}

Status Autostart::applyForThisProgram(bool enabled, const QString &configFile)
{
    return create()->apply(enabled, currentBinary(), configFile);
}

QString Autostart::currentBinary()
{
    // Inside an AppImage the running binary is in a temporary mount; the
    // login entry must start the image itself.
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    if (!appImage.isEmpty())
        return appImage;
    return QCoreApplication::applicationFilePath();
}

QStringList Autostart::command(const QString &binary, const QString &configFile)
{
    QStringList cmd{QDir::toNativeSeparators(binary)};
    if (!configFile.isEmpty()) {
        const QString absolute = QFileInfo(configFile).absoluteFilePath();
        if (absolute != QFileInfo(ConfigPaths::defaultConfigFile()).absoluteFilePath())
            cmd << QStringLiteral("--config") << QDir::toNativeSeparators(absolute);
    }
    return cmd;
}

} // namespace tardigrade
