#include "Autostart.h"

#include "LaunchAgentAutostart.h"
#include "RunKeyAutostart.h"
#include "XdgAutostart.h"
#include "settings/ConfigPaths.h"
#include "util/Log.h"

#include <QFile>
#include <QSaveFile>
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

Result<QString> Autostart::applyForThisProgram(bool enabled, const QString &configFile)
{
    const std::unique_ptr<Autostart> entry = create();
    if (const Status s = entry->apply(enabled, currentBinary(), configFile); !s)
        return s.error();
    return (enabled ? QStringLiteral("Tardigrade now starts on login (%1).")
                    : QStringLiteral("Tardigrade no longer starts on login (%1 removed)."))
        .arg(QDir::toNativeSeparators(entry->location()));
}

QString Autostart::currentBinary()
{
    // Inside an AppImage the running binary is in a temporary mount; the
    // login entry must start the image itself.
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    if (!appImage.isEmpty())
        return appImage;
    return guiProgramFor(QCoreApplication::applicationFilePath());
}

QString Autostart::guiProgramFor(const QString &running)
{
    // On Windows tardigrade.com is the console twin of tardigrade.exe: the
    // login entry starts the GUI one, which opens no console window.
    if (running.endsWith(QLatin1String(".com"), Qt::CaseInsensitive)) {
        const QString gui = running.chopped(4) + QStringLiteral(".exe");
        if (QFileInfo::exists(gui))
            return gui;
    }
    return running;
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

Status Autostart::applyFile(bool enabled, const QString &path, const QString &binary, const QString &contents)
{
    if (!enabled) {
        if (QFileInfo::exists(path) && !QFile::remove(path))
            return Error::user(QStringLiteral("Could not remove %1; delete it by hand to stop Tardigrade starting "
                                              "on login.")
                                   .arg(path));
        qCInfo(lcPlatform).noquote() << "Start on login off:" << path << "removed.";
        return {};
    }
    if (binary.isEmpty())
        return Error::internal(QStringLiteral("The path of the Tardigrade program is unknown, so it cannot be "
                                              "started on login; report this problem."));
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error::user(QStringLiteral("Could not create the folder %1; check its permissions.")
                               .arg(QFileInfo(path).absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Error::user(
            QStringLiteral("Could not write %1 (%2); check the folder's permissions.").arg(path, file.errorString()));
    file.write(contents.toUtf8());
    if (!file.commit())
        return Error::user(QStringLiteral("Could not write %1 (%2); check the disk and the folder's permissions.")
                               .arg(path, file.errorString()));
    qCInfo(lcPlatform).noquote() << "Start on login on:" << path << "written.";
    return {};
}

} // namespace tardigrade
