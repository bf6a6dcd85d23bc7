#include "MyDataInstallation.h"

#include <QDir>
#include <QFileInfo>

namespace tardigrade {

// The places are MyData's own (github.com/mytardis/mydata, 2021, the last
// release line):
// - mydata/models/settings/serialize.py: the settings are
//   appdirs.site_config_dir("MyData", "Monash University")/MyData.cfg on
//   Windows (C:\ProgramData\Monash University\MyData), falling back to the
//   older appdirs.user_data_dir(...) (%LOCALAPPDATA%\Monash University\MyData)
//   when that does not exist; elsewhere user_data_dir: on macOS
//   ~/Library/Application Support/MyData, on Linux $XDG_DATA_HOME/MyData
//   (~/.local/share/MyData).
// - mydata/utils/openssh.py (GetKeyPairLocation, FindOrCreateKeyPair): the
//   key pair `MyData` + `MyData.pub` lives in `.ssh` beside MyData.cfg on
//   Windows, else in ~/.ssh (where Windows also looks when the first has
//   none); elsewhere in ~/.ssh.

namespace {

const QString kConfigName = QStringLiteral("MyData.cfg");
const QString kKeyName = QStringLiteral("MyData");

QString joined(const QString &folder, const QString &rest)
{
    return QDir::cleanPath(folder + QLatin1Char('/') + rest);
}

// An environment variable as a path with '/' (by text: Qt converts '\\'
// only on Windows, and the Windows answer is tested everywhere).
QString pathVar(const QProcessEnvironment &env, const char *name, MyDataPlaces::Os os)
{
    QString value = env.value(QString::fromLatin1(name)).trimmed();
    if (os == MyDataPlaces::Os::Windows)
        value.replace(QLatin1Char('\\'), QLatin1Char('/'));
    return value;
}

QString homeOf(const QProcessEnvironment &env, MyDataPlaces::Os os)
{
    const QString home = pathVar(env, os == MyDataPlaces::Os::Windows ? "USERPROFILE" : "HOME", os);
    return home.isEmpty() ? QDir::homePath() : home;
}

} // namespace

MyDataPlaces::Os MyDataPlaces::thisOs()
{
#if defined(Q_OS_WIN)
    return Os::Windows;
#elif defined(Q_OS_MACOS)
    return Os::MacOs;
#else
    return Os::Linux;
#endif
}

MyDataPlaces MyDataPlaces::of(Os os, const QProcessEnvironment &env)
{
    MyDataPlaces p;
    p.os = os;
    const QString home = homeOf(env, os);
    p.homeSsh = joined(home, QStringLiteral(".ssh"));
    const QString sub = QStringLiteral("MyData/") + kConfigName;
    switch (os) {
    case Os::Windows:
        for (const char *var : {"PROGRAMDATA", "LOCALAPPDATA"}) {
            const QString base = pathVar(env, var, os);
            if (!base.isEmpty())
                p.configFiles << joined(base, QStringLiteral("Monash University/") + sub);
        }
        break;
    case Os::MacOs:
        p.configFiles << joined(home, QStringLiteral("Library/Application Support/") + sub);
        break;
    case Os::Linux: {
        // As appdirs: XDG_DATA_HOME when set, else ~/.local/share.
        const QString xdg = pathVar(env, "XDG_DATA_HOME", os);
        p.configFiles << joined(xdg.isEmpty() ? joined(home, QStringLiteral(".local/share")) : xdg, sub);
        break;
    }
    }
    return p;
}

QStringList MyDataPlaces::keyFoldersFor(const QString &configFile) const
{
    QStringList folders;
    if (os == Os::Windows) { // by text: a Windows path is not absolute to the Qt of another platform
        const QString cfg = QString(configFile).replace(QLatin1Char('\\'), QLatin1Char('/'));
        folders << joined(cfg.left(cfg.lastIndexOf(QLatin1Char('/'))), QStringLiteral(".ssh"));
    }
    folders << homeSsh;
    folders.removeDuplicates();
    return folders;
}

std::optional<MyDataInstallation> findMyDataInstallation()
{
    return findMyDataInstallation(MyDataPlaces::of(MyDataPlaces::thisOs(), QProcessEnvironment::systemEnvironment()));
}

std::optional<MyDataInstallation> findMyDataInstallation(const MyDataPlaces &places)
{
    for (const QString &cfg : places.configFiles) {
        if (!QFileInfo(cfg).isFile())
            continue;
        MyDataInstallation found;
        found.configFile = cfg;
        for (const QString &folder : places.keyFoldersFor(cfg)) {
            const QString key = joined(folder, kKeyName);
            if (QFileInfo(key).isFile()) {
                found.privateKeyFile = key;
                break;
            }
        }
        return found;
    }
    return std::nullopt;
}

} // namespace tardigrade
