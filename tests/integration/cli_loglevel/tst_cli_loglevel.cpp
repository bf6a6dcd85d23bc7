// `tardigrade --loglevel LEVEL ...` as a user runs it: the real binary on a
// private settings file, then what reached tardigrade.log beside it.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestCliLogLevel : public QObject {
    Q_OBJECT

private:
    struct Run {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    // No QT_LOGGING_RULES: it would override the debug lines --loglevel asks for.
    static Run run(const QString &home, const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_LOGGING_RULES"));
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
        env.insert(QStringLiteral("TARDIGRADE_SECRET_STORE"), QStringLiteral("file"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(TARDIGRADE_BIN), args);
        if (!p.waitForFinished(60000))
            return {};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }

    // The API key in plain text makes every load of the settings log an info
    // line ("... holds the API key in plain text"): one to keep out.
    static QString writeConfig(const QString &dir)
    {
        QDir().mkpath(dir + QStringLiteral("/data"));
        const QString path = dir + QStringLiteral("/MyData.cfg");
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(QStringLiteral("[MyData]\ninstrument_name = Demo Instrument\nfacility_name = Test Facility\n"
                               "data_directory = %1/data\nmytardis_url = http://127.0.0.1:1\n"
                               "username = testfacility\napi_key = plainkey\n"
                               "folder_structure = Username / Dataset\n")
                    .arg(dir)
                    .toUtf8());
        return path;
    }

    static QString logOf(const QString &dir)
    {
        QFile f(dir + QStringLiteral("/tardigrade.log"));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

private slots:
    void debugReachesTheFile_data();
    void debugReachesTheFile();
    void errorKeepsInfoOut();
    void badLevel_data();
    void badLevel();
    void helpNamesIt();
    void trayAppHonoursIt();
};

void TestCliLogLevel::debugReachesTheFile_data()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QStringList>("after");
    QTest::newRow("before the command") << QStringList{"--loglevel", "debug"} << QStringList{};
    QTest::newRow("after the command") << QStringList{} << QStringList{"--loglevel", "debug"};
    QTest::newRow("with =") << QStringList{"--loglevel=debug"} << QStringList{};
    // --verbose means debug in the file too, wherever it stands.
    QTest::newRow("--verbose before") << QStringList{"--verbose"} << QStringList{};
    QTest::newRow("--verbose after") << QStringList{} << QStringList{"--verbose"};
}

void TestCliLogLevel::debugReachesTheFile()
{
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);
    QTemporaryDir tmp;
    const QString config = writeConfig(tmp.path());
    const Run r = run(tmp.path(), before + QStringList{QStringLiteral("--config"), config, QStringLiteral("scan")} +
                                      after);
    QVERIFY2(r.code == 0, r.err.constData());
    const QString log = logOf(tmp.path());
    // The scanner's summary is a debug line of tardigrade.scan.
    QVERIFY2(log.contains(QLatin1String(" debug tardigrade.scan: scanned")), qPrintable(log));
    // The terminal is left alone: debug on stderr is --verbose's job.
    const bool verbose = (before + after).contains(QStringLiteral("--verbose"));
    QVERIFY2(r.err.contains("scanned") == verbose, r.err.constData());
}

void TestCliLogLevel::errorKeepsInfoOut()
{
    const QStringList get{QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("instrument_name")};
    // Without --loglevel the info line is there: the check below means something.
    QTemporaryDir plain;
    Run r = run(plain.path(), QStringList{QStringLiteral("--config"), writeConfig(plain.path())} + get);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(logOf(plain.path()).contains(QLatin1String(" info tardigrade.")), qPrintable(logOf(plain.path())));

    QTemporaryDir quiet;
    r = run(quiet.path(), QStringList{QStringLiteral("--loglevel"), QStringLiteral("error"), QStringLiteral("--config"),
                                      writeConfig(quiet.path())} +
                              get);
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("Demo Instrument\n"));
    const QString log = logOf(quiet.path());
    QVERIFY2(!log.contains(QLatin1String(" info ")), qPrintable(log));
    QVERIFY2(!log.contains(QLatin1String(" debug ")), qPrintable(log));
}

void TestCliLogLevel::badLevel_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString loud = QStringLiteral("tardigrade: --loglevel must be one of debug, info, warning, error, not 'loud'.\n");
    QTest::newRow("before the command") << QStringList{"--loglevel", "loud", "scan"} << loud;
    QTest::newRow("after the command") << QStringList{"scan", "--loglevel", "loud"} << loud;
    QTest::newRow("with =") << QStringList{"--loglevel=loud", "scan"} << loud;
    QTest::newRow("tray app") << QStringList{"--loglevel", "loud"} << loud;
    QTest::newRow("upper case") << QStringList{"--loglevel", "DEBUG", "scan"}
                                << QStringLiteral("tardigrade: --loglevel must be one of debug, info, warning, "
                                                  "error, not 'DEBUG'.\n");
    QTest::newRow("no level") << QStringList{"scan", "--loglevel"}
                              << QStringLiteral("tardigrade: --loglevel needs a level: debug, info, warning or "
                                                "error.\n");
}

void TestCliLogLevel::badLevel()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QTemporaryDir tmp;
    const Run r = run(tmp.path(), QStringList{QStringLiteral("--config"), writeConfig(tmp.path())} + args);
    QCOMPARE(r.code, 1); // wrong input, as every other usage error
    QCOMPARE(QString::fromUtf8(r.err), message);
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(tmp.path() + QStringLiteral("/tardigrade.log"))); // refused before anything ran
}

void TestCliLogLevel::helpNamesIt()
{
    QTemporaryDir tmp;
    const Run r = run(tmp.path(), {QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("--loglevel LEVEL"), r.out.constData());
}

// The tray app installs its log in runGui: --loglevel must get there too. A
// missing settings file is a debug line of the settings' load at start.
void TestCliLogLevel::trayAppHonoursIt()
{
#ifndef TARDIGRADE_TEST_GUI
    QSKIP("built without the tray app");
#else
    QTemporaryDir tmp;
    const QString conf = tmp.path() + QStringLiteral("/conf");
    QVERIFY(QDir().mkpath(conf));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("TARDIGRADE_SECRET_STORE"), QStringLiteral("file"));
    env.insert(QStringLiteral("HOME"), tmp.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), tmp.path() + QStringLiteral("/xdg"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(TARDIGRADE_BIN), {QStringLiteral("--config"), conf + QStringLiteral("/MyData.cfg"),
                                              QStringLiteral("--loglevel"), QStringLiteral("debug")});
    QVERIFY(p.waitForStarted(5000));
    QTRY_VERIFY2_WITH_TIMEOUT(logOf(conf).contains(QLatin1String(" debug tardigrade.settings: No settings file")),
                              qPrintable(logOf(conf) + QString::fromLocal8Bit(p.readAll())), 15000);
    QCOMPARE(p.state(), QProcess::Running);
    p.terminate();
    if (!p.waitForFinished(5000)) {
        p.kill();
        p.waitForFinished(5000);
    }
#endif
}

QTEST_GUILESS_MAIN(TestCliLogLevel)
#include "tst_cli_loglevel.moc"
