#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace tardigrade {

// An installation of MyData on this computer, found where MyData itself
// kept its files, so that a first start can take over its settings, its
// uploader uuid and its approved staging key instead of starting afresh.
struct MyDataInstallation {
    QString configFile;     // its MyData.cfg
    QString privateKeyFile; // its staging key `MyData` (`MyData.pub` beside it); empty when it has none

    bool hasKey() const { return !privateKeyFile.isEmpty(); }
};

// Where MyData kept its files, most likely first. The platform and the
// environment are parameters, so every platform's answer can be tested on
// any of them.
struct MyDataPlaces {
    enum class Os { Windows, MacOs, Linux };
    static Os thisOs();

    Os os = Os::Linux;
    QStringList configFiles; // candidate MyData.cfg paths
    QString homeSsh;         // ~/.ssh

    static MyDataPlaces of(Os os, const QProcessEnvironment &env);
    // The folders that may hold the key pair of the installation whose
    // settings are `configFile`, in MyData's order.
    QStringList keyFoldersFor(const QString &configFile) const;
};

// The MyData installation of the current user (HOME, XDG_DATA_HOME,
// LOCALAPPDATA, PROGRAMDATA, USERPROFILE as the process has them), or none
// when no MyData.cfg is in its usual places. Only looks at the disk.
std::optional<MyDataInstallation> findMyDataInstallation();
std::optional<MyDataInstallation> findMyDataInstallation(const MyDataPlaces &places);

} // namespace tardigrade
