#include "XdgAutostart.h"

#include "DesktopEntry.h"
#include "util/Log.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace tardigrade {

namespace {
QString configHome()
{
    // The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored.
    const QString env = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (!env.isEmpty() && QDir::isAbsolutePath(env))
        return env;
    return QDir::homePath() + QStringLiteral("/.config");
}
} // namespace

QString XdgAutostart::location() const
{
    return configHome() + QStringLiteral("/autostart/tardigrade.desktop");
}

QString XdgAutostart::desktopFile(const QStringList &command)
{
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Tardigrade\n"
                          "GenericName=MyTardis Uploader\n"
                          "Comment=Uploads instrument data to MyTardis\n"
                          "Exec=%1\n"
                          "Icon=tardigrade\n"
                          "Terminal=false\n"
                          "StartupNotify=false\n"
                          "X-GNOME-Autostart-enabled=true\n")
        .arg(DesktopEntry::execLine(command));
}

Status XdgAutostart::apply(bool enabled, const QString &binary, const QString &configFile)
{
    const QString path = location();
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
    file.write(desktopFile(command(binary, configFile)).toUtf8());
    if (!file.commit())
        return Error::user(QStringLiteral("Could not write %1 (%2); check the disk and the folder's permissions.")
                               .arg(path, file.errorString()));
    qCInfo(lcPlatform).noquote() << "Start on login on:" << path << "written.";
    return {};
}

bool XdgAutostart::isEnabled() const
{
    QFile file(location());
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false;
    // The user may have switched it off in the desktop's own settings, which
    // keep the file and mark it hidden or disabled.
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.compare(QLatin1String("Hidden=true"), Qt::CaseInsensitive) == 0 ||
            line.compare(QLatin1String("X-GNOME-Autostart-enabled=false"), Qt::CaseInsensitive) == 0)
            return false;
    }
    return true;
}

} // namespace tardigrade
