// Start on login: the XDG .desktop file (Exec quoting, --config, removal),
// the macOS LaunchAgent plist and the Windows Run command line.
#include "platform/DesktopEntry.h"
#include "platform/LaunchAgentAutostart.h"
#include "platform/RunKeyAutostart.h"
#include "platform/XdgAutostart.h"
#include "settings/ConfigPaths.h"

#include <QFile>
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace tardigrade;

namespace {
QString readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}
} // namespace

class TestAutostart : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void execQuoting_data();
    void execQuoting();
    void writesAndRemoves();
    void configArgument_data();
    void configArgument();
    void disabledByDesktop();
    void relativeXdgConfigHomeIgnored();
    void launchAgent();
    void runKeyCommandLine_data();
    void runKeyCommandLine();
    void loginEntryStartsTheTrayProgram();

private:
    QTemporaryDir m_home;
    QString m_xdg;
};

void TestAutostart::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Never touch the real ~/.config.
    qputenv("HOME", m_home.path().toUtf8());
}

void TestAutostart::init()
{
    m_xdg = m_home.path() + QStringLiteral("/xdg-") + QString::fromLatin1(QTest::currentTestFunction());
    qputenv("XDG_CONFIG_HOME", m_xdg.toUtf8());
}

void TestAutostart::execQuoting_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("exec"); // as written in the file
    QTest::newRow("plain") << QStringList{"/usr/bin/tardigrade"} << "/usr/bin/tardigrade";
    QTest::newRow("space") << QStringList{"/opt/My Apps/tardigrade"} << "\"/opt/My Apps/tardigrade\"";
    QTest::newRow("dollar") << QStringList{"/opt/a$b/t"} << "\"/opt/a\\\\$b/t\"";
    QTest::newRow("double quote") << QStringList{"/opt/q\"uote/t"} << "\"/opt/q\\\\\"uote/t\"";
    QTest::newRow("backtick") << QStringList{"/opt/a`b/t"} << "\"/opt/a\\\\`b/t\"";
    QTest::newRow("backslash is four") << QStringList{"/opt/a\\b"} << "\"/opt/a\\\\\\\\b\"";
    QTest::newRow("percent") << QStringList{"/opt/50%/t"} << "/opt/50%%/t";
    QTest::newRow("single quote") << QStringList{"/opt/it's/t"} << "\"/opt/it's/t\"";
    QTest::newRow("with config") << QStringList{"/usr/bin/tardigrade", "--config", "/data/my cfg/MyData.cfg"}
                                 << "/usr/bin/tardigrade --config \"/data/my cfg/MyData.cfg\"";
    QTest::newRow("empty argument") << QStringList{"/usr/bin/t", ""} << "/usr/bin/t \"\"";
}

void TestAutostart::execQuoting()
{
    QFETCH(QStringList, command);
    QFETCH(QString, exec);
    QCOMPARE(DesktopEntry::execLine(command), exec);
}

void TestAutostart::writesAndRemoves()
{
    XdgAutostart autostart;
    const QString file = m_xdg + QStringLiteral("/autostart/tardigrade.desktop");
    QCOMPARE(autostart.location(), file);
    QVERIFY(!autostart.isEnabled());

    const Status on = autostart.apply(true, QStringLiteral("/opt/My Apps/tardigrade"), QString());
    QVERIFY2(on.ok(), qPrintable(on.error().message));
    QVERIFY(QFile::exists(file));
    QVERIFY(autostart.isEnabled());
    const QString text = readAll(file);
    QVERIFY(text.startsWith(QStringLiteral("[Desktop Entry]\n")));
    QVERIFY(text.contains(QStringLiteral("\nType=Application\n")));
    QVERIFY2(text.contains(QStringLiteral("\nExec=\"/opt/My Apps/tardigrade\"\n")), qPrintable(text));

    // Applying again rewrites, not appends.
    QVERIFY(autostart.apply(true, QStringLiteral("/usr/bin/tardigrade"), QString()).ok());
    QVERIFY(readAll(file).contains(QStringLiteral("\nExec=/usr/bin/tardigrade\n")));
    QCOMPARE(readAll(file).count(QStringLiteral("Exec=")), 1);

    QVERIFY(autostart.apply(false, QStringLiteral("/usr/bin/tardigrade"), QString()).ok());
    QVERIFY(!QFile::exists(file));
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.apply(false, QString(), QString()).ok()); // already off
}

void TestAutostart::configArgument_data()
{
    QTest::addColumn<QString>("config"); // "default" = ConfigPaths::defaultConfigFile()
    QTest::addColumn<QString>("execTail");
    QTest::newRow("none") << ""
                          << "Exec=/usr/bin/tardigrade\n";
    QTest::newRow("default") << "default"
                             << "Exec=/usr/bin/tardigrade\n";
    QTest::newRow("other") << "/srv/instrument/MyData.cfg"
                           << "Exec=/usr/bin/tardigrade --config /srv/instrument/MyData.cfg\n";
}

void TestAutostart::configArgument()
{
    QFETCH(QString, config);
    QFETCH(QString, execTail);
    if (config == QLatin1String("default")) {
        config = ConfigPaths::defaultConfigFile();
        QVERIFY(config.startsWith(m_xdg)); // the test really uses its own folder
    }
    XdgAutostart autostart;
    QVERIFY(autostart.apply(true, QStringLiteral("/usr/bin/tardigrade"), config).ok());
    QVERIFY2(readAll(autostart.location()).contains(execTail), qPrintable(readAll(autostart.location())));
}

void TestAutostart::disabledByDesktop()
{
    XdgAutostart autostart;
    QVERIFY(autostart.apply(true, QStringLiteral("/usr/bin/tardigrade"), QString()).ok());
    QFile f(autostart.location());
    QVERIFY(f.open(QIODevice::Append));
    f.write("Hidden=true\n");
    f.close();
    QVERIFY(!autostart.isEnabled());
}

void TestAutostart::relativeXdgConfigHomeIgnored()
{
    qputenv("XDG_CONFIG_HOME", "relative/dir");
    XdgAutostart autostart;
    QCOMPARE(autostart.location(), m_home.path() + QStringLiteral("/.config/autostart/tardigrade.desktop"));
}

void TestAutostart::launchAgent()
{
    LaunchAgentAutostart agent(m_home.path());
    QVERIFY(!agent.isEnabled());
    QVERIFY(agent
                .apply(true, QStringLiteral("/Applications/Tardigrade.app/Contents/MacOS/tardigrade"),
                       QStringLiteral("/Users/x/a&b/MyData.cfg"))
                .ok());
    QVERIFY(agent.isEnabled());
    const QString text = readAll(agent.location());
    QVERIFY(text.contains(QStringLiteral("<string>/Applications/Tardigrade.app/Contents/MacOS/tardigrade</string>")));
    QVERIFY(text.contains(QStringLiteral("<string>--config</string>")));
    QVERIFY(text.contains(QStringLiteral("<string>/Users/x/a&amp;b/MyData.cfg</string>")));
    QVERIFY(text.contains(QStringLiteral("<key>RunAtLoad</key>\n  <true/>")));
    QVERIFY(agent.apply(false, QString(), QString()).ok());
    QVERIFY(!agent.isEnabled());
}

void TestAutostart::runKeyCommandLine_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("line");
    QTest::newRow("plain") << QStringList{"C:\\T\\tardigrade.exe"} << "C:\\T\\tardigrade.exe";
    QTest::newRow("spaces") << QStringList{"C:\\Program Files\\Tardigrade\\tardigrade.exe", "--config",
                                           "D:\\my cfg\\MyData.cfg"}
                            << "\"C:\\Program Files\\Tardigrade\\tardigrade.exe\" --config \"D:\\my cfg\\MyData.cfg\"";
}

void TestAutostart::runKeyCommandLine()
{
    QFETCH(QStringList, command);
    QFETCH(QString, line);
    QCOMPARE(RunKeyAutostart::commandLine(command), line);
}

QTEST_GUILESS_MAIN(TestAutostart)
// Windows: `tardigrade.com settings ...` (the console twin) must not put
// itself in the login entry, or every login would open a console window.
void TestAutostart::loginEntryStartsTheTrayProgram()
{
    const QString bin = m_home.path() + QStringLiteral("/bin");
    QVERIFY(QDir().mkpath(bin));
    const QString com = bin + QStringLiteral("/tardigrade.com");
    const QString exe = bin + QStringLiteral("/tardigrade.exe");
    QCOMPARE(Autostart::guiProgramFor(com), com); // no .exe beside it: itself
    QFile gui(exe);
    QVERIFY(gui.open(QIODevice::WriteOnly));
    gui.close();
    QCOMPARE(Autostart::guiProgramFor(com), exe);
    QCOMPARE(Autostart::guiProgramFor(exe), exe);
    QCOMPARE(Autostart::guiProgramFor(QStringLiteral("/usr/bin/tardigrade")), QStringLiteral("/usr/bin/tardigrade"));
}

#include "tst_autostart.moc"
