// Where a MyData installation is looked for (MyData's own places on each
// platform, from its appdirs calls and openssh.py) and what is found on disk.
#include "settings/MyDataInstallation.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace tardigrade;
using Os = MyDataPlaces::Os;

namespace {

QProcessEnvironment envOf(const QList<QPair<QString, QString>> &vars)
{
    QProcessEnvironment env;
    for (const auto &[name, value] : vars)
        env.insert(name, value);
    return env;
}

bool touch(const QString &path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write("x\n") == 2;
}

} // namespace

class TestMyDataInstallation : public QObject {
    Q_OBJECT

private slots:
    void windowsPlaces()
    {
        const MyDataPlaces p = MyDataPlaces::of(Os::Windows, envOf({{"PROGRAMDATA", "C:\\ProgramData"},
                                                                    {"LOCALAPPDATA", "C:\\Users\\jo\\AppData\\Local"},
                                                                    {"USERPROFILE", "C:\\Users\\jo"}}));
        // site_config_dir first (MyData 0.7 and later), then the older user_data_dir.
        QCOMPARE(p.configFiles, (QStringList{"C:/ProgramData/Monash University/MyData/MyData.cfg",
                                             "C:/Users/jo/AppData/Local/Monash University/MyData/MyData.cfg"}));
        // The key pair beside the settings first, then ~/.ssh.
        QCOMPARE(p.keyFoldersFor(p.configFiles.first()),
                 (QStringList{"C:/ProgramData/Monash University/MyData/.ssh", "C:/Users/jo/.ssh"}));
    }

    void macPlaces()
    {
        const MyDataPlaces p = MyDataPlaces::of(Os::MacOs, envOf({{"HOME", "/Users/jo"}}));
        QCOMPARE(p.configFiles, QStringList{"/Users/jo/Library/Application Support/MyData/MyData.cfg"});
        QCOMPARE(p.keyFoldersFor(p.configFiles.first()), QStringList{"/Users/jo/.ssh"});
    }

    void linuxPlaces()
    {
        MyDataPlaces p = MyDataPlaces::of(Os::Linux, envOf({{"HOME", "/home/jo"}}));
        QCOMPARE(p.configFiles, QStringList{"/home/jo/.local/share/MyData/MyData.cfg"});
        QCOMPARE(p.keyFoldersFor(p.configFiles.first()), QStringList{"/home/jo/.ssh"});
        p = MyDataPlaces::of(Os::Linux, envOf({{"HOME", "/home/jo"}, {"XDG_DATA_HOME", "/data/jo"}}));
        QCOMPARE(p.configFiles, QStringList{"/data/jo/MyData/MyData.cfg"});
    }

    void foundOnDisk()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const MyDataPlaces p = MyDataPlaces::of(Os::Linux, envOf({{"HOME", home.path()}}));
        QVERIFY(!findMyDataInstallation(p)); // nothing there: no offer

        const QString cfg = home.filePath(".local/share/MyData/MyData.cfg");
        QVERIFY(touch(cfg));
        auto found = findMyDataInstallation(p);
        QVERIFY(found);
        QCOMPARE(found->configFile, cfg);
        QVERIFY(!found->hasKey()); // MyData that uploaded by POST had none

        QVERIFY(touch(home.filePath(".ssh/MyData")));
        found = findMyDataInstallation(p);
        QVERIFY(found);
        QCOMPARE(found->privateKeyFile, home.filePath(".ssh/MyData"));
    }

    void windowsLayoutOnDisk()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const MyDataPlaces p = MyDataPlaces::of(Os::Windows, envOf({{"PROGRAMDATA", root.filePath("ProgramData")},
                                                                    {"LOCALAPPDATA", root.filePath("Local")},
                                                                    {"USERPROFILE", root.filePath("jo")}}));
        // Only the older per-user file: found there.
        const QString older = root.filePath("Local/Monash University/MyData/MyData.cfg");
        QVERIFY(touch(older));
        QVERIFY(touch(root.filePath("jo/.ssh/MyData")));
        auto found = findMyDataInstallation(p);
        QVERIFY(found);
        QCOMPARE(found->configFile, older);
        QCOMPARE(found->privateKeyFile, root.filePath("jo/.ssh/MyData"));

        // The machine-wide file wins, and so does the key beside it.
        const QString shared = root.filePath("ProgramData/Monash University/MyData/MyData.cfg");
        QVERIFY(touch(shared));
        QVERIFY(touch(root.filePath("ProgramData/Monash University/MyData/.ssh/MyData")));
        found = findMyDataInstallation(p);
        QVERIFY(found);
        QCOMPARE(found->configFile, shared);
        QCOMPARE(found->privateKeyFile, root.filePath("ProgramData/Monash University/MyData/.ssh/MyData"));
    }
};

QTEST_GUILESS_MAIN(TestMyDataInstallation)
#include "tst_mydatainstallation.moc"
