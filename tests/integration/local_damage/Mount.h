#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace tardigrade::test {

// A small tmpfs mounted over a folder for one test (a full disk, a
// read-only folder), unmounted when it goes. Needs root or CAP_SYS_ADMIN:
// mount() says whether it was allowed, and the test skips when not.
class TmpfsMount {
public:
    explicit TmpfsMount(QString folder) : m_folder(std::move(folder)) {}
    ~TmpfsMount()
    {
        if (m_mounted)
            run({QStringLiteral("umount"), QStringLiteral("-l"), m_folder});
    }
    TmpfsMount(const TmpfsMount &) = delete;
    TmpfsMount &operator=(const TmpfsMount &) = delete;

    // `options` as for mount -o, e.g. "size=8m".
    bool mount(const QString &options)
    {
        m_mounted = run({QStringLiteral("mount"), QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                         options, QStringLiteral("tmpfs"), m_folder});
        return m_mounted;
    }
    // New options on the mounted file system: "size=64m", "ro", "rw".
    bool remount(const QString &options)
    {
        return run({QStringLiteral("mount"), QStringLiteral("-o"), QStringLiteral("remount,") + options, m_folder});
    }

private:
    static bool run(const QStringList &command)
    {
        QProcess p;
        p.start(command.first(), command.mid(1));
        return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

    QString m_folder;
    bool m_mounted = false;
};

} // namespace tardigrade::test
