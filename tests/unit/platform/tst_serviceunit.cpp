// The systemd user unit as configured by installers/CMakeLists.txt, and the
// launcher .desktop file: the keys the README promises, and (where
// systemd-analyze exists) systemd's own verdict on the unit.
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

class TestServiceUnit : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
#if !defined(Q_OS_LINUX)
        QSKIP("the systemd unit and the .desktop file are installed on Linux only");
#endif
    }
    void unitKeys_data();
    void unitKeys();
    void systemdAcceptsUnit();
    void launcherKeys();

private:
    static QString read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
};

void TestServiceUnit::unitKeys_data()
{
    QTest::addColumn<QString>("line");
    QTest::newRow("exec") << "ExecStart=" TARDIGRADE_INSTALLED_BINARY " run";
    QTest::newRow("restart") << "Restart=on-failure";
    QTest::newRow("kill signal") << "KillSignal=SIGTERM";
    QTest::newRow("stop timeout") << "TimeoutStopSec=10";
    QTest::newRow("wanted by") << "WantedBy=default.target";
}

void TestServiceUnit::unitKeys()
{
    QFETCH(QString, line);
    const QString unit = read(QStringLiteral(TARDIGRADE_SERVICE_UNIT));
    QVERIFY2(!unit.isEmpty(), TARDIGRADE_SERVICE_UNIT);
    QVERIFY2(unit.split(QLatin1Char('\n')).contains(line), qPrintable(line));
    QVERIFY(!unit.contains(QLatin1Char('@'))); // every @VAR@ substituted
}

void TestServiceUnit::systemdAcceptsUnit()
{
    const QString analyze = QStandardPaths::findExecutable(QStringLiteral("systemd-analyze"));
    if (analyze.isEmpty())
        QSKIP("systemd-analyze is not installed");
    // verify checks that ExecStart exists: point it at a program that does.
    QTemporaryDir dir;
    QString unit = read(QStringLiteral(TARDIGRADE_SERVICE_UNIT));
    unit.replace(QStringLiteral(TARDIGRADE_INSTALLED_BINARY), QStringLiteral("/bin/true"));
    QFile out(dir.filePath(QStringLiteral("tardigrade.service")));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(unit.toUtf8());
    out.close();
    QProcess p;
    p.start(analyze, {QStringLiteral("verify"), out.fileName()});
    QVERIFY(p.waitForFinished(30000));
    const QString output = QString::fromUtf8(p.readAllStandardError() + p.readAllStandardOutput());
    if (output.contains(QLatin1String("Failed to initialize manager")))
        QSKIP("systemd-analyze cannot run here");
    QVERIFY2(p.exitCode() == 0 && !output.contains(QLatin1String("tardigrade.service")), qPrintable(output));
}

void TestServiceUnit::launcherKeys()
{
    const QString desktop = read(QStringLiteral(TARDIGRADE_SOURCE_DIR "/resources/org.mytardis.Tardigrade.desktop"));
    const QStringList lines = desktop.split(QLatin1Char('\n'));
    QCOMPARE(lines.value(0), QStringLiteral("[Desktop Entry]"));
    for (const char *key : {"Type=Application", "Name=Tardigrade", "Exec=tardigrade", "Icon=org.mytardis.Tardigrade"})
        QVERIFY2(lines.contains(QString::fromLatin1(key)), key);
}

QTEST_GUILESS_MAIN(TestServiceUnit)
#include "tst_serviceunit.moc"
