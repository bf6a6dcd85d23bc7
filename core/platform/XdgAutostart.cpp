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
    return applyFile(enabled, location(), binary, enabled ? desktopFile(command(binary, configFile)) : QString());
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
