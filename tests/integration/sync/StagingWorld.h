#pragma once

#include "CliRun.h"
#include "SshdFixture.h"
#include "StandinProcess.h"

#include <QDir>
#include <QProcess>
#include <QFile>
#include <QTemporaryDir>

namespace tardigrade::test {

// The whole staging world for end-to-end tests: a real sshd on loopback as
// the staging host, the stand-in server handing out its staging folder,
// and a settings file for an installation whose key the administrator has
// approved and added to authorized_keys (as `tardigrade register` then an
// administrator would).
class StagingWorld {
public:
    bool start(QString *error, const QMap<QString, QString> &overrides = {}, const QStringList &serverArgs = {})
    {
        if (!sshd.start(error))
            return false;
        stagingRoot = sshd.dir() + QStringLiteral("/staging");
        QDir().mkpath(stagingRoot);
        server.setStagingDir(stagingRoot);
        if (!server.start(QStringList{QStringLiteral("--scp-host"), sshd.host(), QStringLiteral("--scp-port"),
                                      QString::number(sshd.port()), QStringLiteral("--scp-user"), sshd.user()} +
                          serverArgs)) {
            *error = server.errorString();
            return false;
        }
        configFile = server.tempPath() + QStringLiteral("/config/MyData.cfg");
        QMap<QString, QString> all{{QStringLiteral("ignore_new_files"), QStringLiteral("False")},
                                   {QStringLiteral("verification_delay"), QStringLiteral("0")},
                                   {QStringLiteral("max_upload_threads"), QStringLiteral("3")}};
        for (auto it = overrides.cbegin(); it != overrides.cend(); ++it)
            all.insert(it.key(), it.value());
        if (!server.writeConfig(configFile, all)) {
            *error = QStringLiteral("cannot write the settings");
            return false;
        }
        registration = runTardigrade(QStringLiteral(TARDIGRADE_BIN), configFile, {QStringLiteral("register")});
        if (registration.exitCode != 0) {
            *error = registration.describe();
            return false;
        }
        QFile pub(server.tempPath() + QStringLiteral("/config/tardigrade_id.pub"));
        if (!pub.open(QIODevice::ReadOnly) || !sshd.authorize(pub.readAll().trimmed()) || !server.approveAll()) {
            *error = QStringLiteral("cannot authorise or approve the installation key");
            return false;
        }
        return true;
    }

    CliResult upload(int timeoutMs = 180000) const
    {
        return runTardigrade(QStringLiteral(TARDIGRADE_BIN), configFile,
                             {QStringLiteral("upload"), QStringLiteral("--json")}, timeoutMs);
    }

    SshdFixture sshd;
    StandinProcess server;
    QString stagingRoot;
    QString configFile;
    CliResult registration;
};

// `tardigrade upload --json` on the world's settings, started and left
// running (the caller kills it, or waits; and deletes it).
inline QProcess *startUpload(const StagingWorld &world)
{
    auto *p = new QProcess;
    p->setProcessEnvironment(cliEnvironment());
    p->start(QStringLiteral(TARDIGRADE_BIN),
             {QStringLiteral("--config"), world.configFile, QStringLiteral("upload"), QStringLiteral("--json")});
    p->waitForStarted();
    return p;
}

} // namespace tardigrade::test
