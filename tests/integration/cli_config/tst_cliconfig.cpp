// `tardigrade config ...` and `tardigrade validate`, run as the real binary
// on a private config file: outputs, files written, exit codes.
#include "settings/SecretStore.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

const QByteArray kExample = QByteArrayLiteral("[MyData]\n"
                                              "instrument_name = Test Instrument\n"
                                              "facility_name = Test Facility\n"
                                              "data_directory = /Users/Shared/DemoData\n"
                                              "contact_name = MyData Tester\n"
                                              "contact_email = MyData.Tester@example.com\n"
                                              "mytardis_url = http://127.0.0.1:9000\n"
                                              "username = testfacility\n"
                                              "api_key = ????????\n"
                                              "schedule_type = On Startup\n"
                                              "scheduled_date = 2015-08-25\n"
                                              "scheduled_time = 02:46:00\n"
                                              "timer_minutes = 15\n"
                                              "timer_from_time = 00:00:00\n"
                                              "timer_to_time = 23:59:00\n"
                                              "folder_structure = Username / Dataset\n"
                                              "ignore_interval_number = 6\n"
                                              "ignore_interval_unit = months\n"
                                              "upload_method = SCP\n"
                                              "max_upload_threads = 1\n"
                                              "upload_invalid_user_folders = False\n"
                                              "uuid = 1234567890\n");

// A key pair as MyData made one: ssh-keygen -f ~/.ssh/MyData -N "".
bool makeKeyPair(const QString &privateKey)
{
    QDir().mkpath(QFileInfo(privateKey).absolutePath());
    QProcess p;
    p.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("rsa"),
                                           QStringLiteral("-b"), QStringLiteral("2048"), QStringLiteral("-N"),
                                           QString(), QStringLiteral("-f"), privateKey});
    return p.waitForStarted(10000) && p.waitForFinished(30000) && p.exitCode() == 0;
}

} // namespace

class TestCliConfig : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_home; // HOME and XDG dirs: the user's own config is never touched
    QString m_cfg;

    Run run(const QStringList &args, const QByteArray &input = {}, const QString &cfg = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TARDIGRADE_SECRET_STORE"), QStringLiteral("file"));
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral(".config")));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("tardigrade.*.debug=false"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(TARDIGRADE_BIN),
                QStringList{QStringLiteral("--config"), cfg.isEmpty() ? m_cfg : cfg} + args);
        if (!p.waitForStarted(10000))
            return {};
        if (!input.isEmpty())
            p.write(input);
        p.closeWriteChannel();
        p.waitForFinished(30000);
        // Log lines ("tardigrade.<area>: ...") may share stderr with the
        // command's own sentences; only the sentences are under test here.
        static const QRegularExpression logLine(QStringLiteral("^tardigrade\\.[a-z]+: .*\n?"),
                                                QRegularExpression::MultilineOption);
        QString err = QString::fromUtf8(p.readAllStandardError());
        err.remove(logLine);
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()), err};
    }

    void makeValid(const QString &dataDir)
    {
        const QList<QPair<const char *, QString>> rows = {
            {"instrument_name", QStringLiteral("Test Instrument")},
            {"facility_name", QStringLiteral("Test Facility")},
            {"contact_name", QStringLiteral("MyData Tester")},
            {"contact_email", QStringLiteral("tester@example.com")},
            {"data_directory", dataDir},
            {"mytardis_url", QStringLiteral("http://127.0.0.1:9000")},
            {"username", QStringLiteral("testfacility")},
        };
        for (const auto &r : rows) {
            const Run set =
                run({QStringLiteral("config"), QStringLiteral("set"), QString::fromLatin1(r.first), r.second});
            QVERIFY2(set.code == 0, qPrintable(set.err));
        }
        const Run key =
            run({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("api_key"), QStringLiteral("-")},
                "the-api-key\n");
        QVERIFY2(key.code == 0, qPrintable(key.err));
    }

private slots:
    void init()
    {
        QVERIFY(m_home.isValid());
        static int n = 0;
        m_cfg = m_home.filePath(QStringLiteral("case%1/MyData.cfg").arg(++n));
    }

    // What support asks first: the version, the licence, the libraries and
    // how local files are read (the portable build says so).
    void versionVerboseNamesLibrariesAndIo()
    {
        const Run r = run({QStringLiteral("--version"), QStringLiteral("--verbose")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("tardigrade " TARDIGRADE_VERSION "\n")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("licence: GPL-3.0-or-later\n")));
#ifdef TARDIGRADE_PORTABLE_IO
        QVERIFY2(r.out.contains(QStringLiteral("local I/O: portable")), qPrintable(r.out));
#else
        QVERIFY2(r.out.contains(QStringLiteral("local I/O: POSIX\n")), qPrintable(r.out));
#endif
        QVERIFY(r.out.contains(QStringLiteral("\nQt 6.")));
        QVERIFY(r.out.contains(QStringLiteral("\nlibssh 0.")));
        QVERIFY(r.out.contains(QStringLiteral("\nOpenSSL 3.")));
        QCOMPARE(run({QStringLiteral("--version")}).out, QStringLiteral("tardigrade " TARDIGRADE_VERSION "\n"));
    }

    void setThenGet()
    {
        Run r = run({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("instrument_name"),
                     QStringLiteral("Mikroskop Ü, 50%")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("instrument_name")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("Mikroskop Ü, 50%\n"));
        QVERIFY(readFile(m_cfg).contains("instrument_name = Mikroskop \xC3\x9C, 50%\n"));
        QCOMPARE(QFile::permissions(m_cfg) & 0xF0FF, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        // Unset keys answer their default.
        r = run({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("max_upload_threads")});
        QCOMPARE(r.out, QStringLiteral("5\n"));
    }

    void wrongInputIsExitOne_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad int") << QStringList{"config", "set", "max_upload_threads", "five"}
                                 << "max_upload_threads must be a whole number";
        QTest::newRow("bad choice") << QStringList{"config", "set", "folder_structure", "Nope"}
                                    << "folder_structure must be one of";
        QTest::newRow("get unknown") << QStringList{"config", "get", "no_such_key"}
                                     << "There is no setting \"no_such_key\"";
        QTest::newRow("set unknown") << QStringList{"config", "set", "no_such_key", "1"} << "There is no setting";
        QTest::newRow("set without value") << QStringList{"config", "set", "uuid"} << "needs a KEY and one VALUE";
        QTest::newRow("no sub-command") << QStringList{"config"} << "needs a sub-command";
        QTest::newRow("unknown sub-command") << QStringList{"config", "frob"} << "'frob' is not a config sub-command";
        QTest::newRow("import missing") << QStringList{"config", "import", "/nonexistent/MyData.cfg"}
                                        << "does not exist";
    }
    void wrongInputIsExitOne()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = run(args);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFile::exists(m_cfg)); // nothing written
    }

    void cannotWriteIsExitTwo()
    {
        const QString blocker = m_home.filePath(QStringLiteral("a-file"));
        writeFile(blocker, "x");
        const Run r =
            run({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("uuid"), QStringLiteral("u")}, {},
                blocker + QStringLiteral("/MyData.cfg"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("cannot be written")), qPrintable(r.err));
    }

    void apiKeyIsMaskedAndNotInTheFile()
    {
        Run r = run({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("api_key"), QStringLiteral("-")},
                    "k3y-from-stdin\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("secrets file")));
        QVERIFY(!readFile(m_cfg).contains("k3y-from-stdin"));
        QVERIFY(readFile(QFileInfo(m_cfg).dir().filePath(QStringLiteral("secrets"))).contains("k3y-from-stdin"));

        r = run({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("api_key")});
        QCOMPARE(r.out, QStringLiteral("********\n"));
        r = run({QStringLiteral("config"), QStringLiteral("list")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("\napi_key = ********\n")));
        QVERIFY(!r.out.contains(QStringLiteral("k3y-from-stdin")));
        QVERIFY(!r.err.contains(QStringLiteral("k3y-from-stdin")));
    }

    void proxyPasswordIsNotShown()
    {
        Run r = run({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("proxy"),
                     QStringLiteral("http://bob:pr0xy-secret@proxy.example.org:3128")});
        QCOMPARE(r.code, 0);
        r = run({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("proxy")});
        QCOMPARE(r.out, QStringLiteral("http://bob:****@proxy.example.org:3128\n"));
        r = run({QStringLiteral("config"), QStringLiteral("list")});
        QVERIFY(r.out.contains(QStringLiteral("\nproxy = http://bob:****@proxy.example.org:3128\n")));
        QVERIFY(!r.out.contains(QStringLiteral("pr0xy-secret")) && !r.err.contains(QStringLiteral("pr0xy-secret")));
    }

    void listShowsEveryKey()
    {
        const Run r = run({QStringLiteral("config"), QStringLiteral("list")});
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 64);
        QCOMPARE(lines.first(), QStringLiteral("instrument_name = "));
        QVERIFY(lines.contains(QStringLiteral("api_key = ")));
        QVERIFY(lines.contains(QStringLiteral("cipher = aes128-gcm@openssh.com,aes128-ctr")));
        QCOMPARE(lines.last(), QStringLiteral("upload_changed_as_versions = False"));
    }

    void importMovesTheKey()
    {
        const QString source = m_home.filePath(QStringLiteral("Old MyData.cfg"));
        writeFile(source, kExample);
        Run r = run({QStringLiteral("config"), QStringLiteral("import"), source});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith(QStringLiteral("Imported ")));
        const QByteArray written = readFile(m_cfg);
        QVERIFY(!written.contains("api_key"));
        QVERIFY(written.contains("upload_method = SCP\n"));
        QVERIFY(written.contains("uuid = 1234567890\n"));
        QCOMPARE(SecretStore(m_cfg, SecretStore::Backend::File).read(QStringLiteral("api_key")).value(),
                 QStringLiteral("????????"));
        QCOMPARE(readFile(source), kExample); // the source is left alone

        r = run({QStringLiteral("config"), QStringLiteral("list")});
        QVERIFY(r.out.contains(QStringLiteral("\napi_key = ********\n")));
        QVERIFY(r.out.contains(QStringLiteral("\nupload_method = SCP\n")));
        r = run({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("upload_method")});
        QCOMPARE(r.out, QStringLiteral("SCP\n"));
    }

    void lockedSettingsKeepCleanupAsItIs()
    {
        Run r = run({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("locked"), QStringLiteral("True")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("allow_cleanup"), QStringLiteral("True")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("The settings are locked, so allow_cleanup stays as it is")),
                 qPrintable(r.err));
        r = run({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("allow_cleanup")});
        QCOMPARE(r.out, QStringLiteral("False\n"));
        r = run({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("locked"), QStringLiteral("False")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("allow_cleanup"), QStringLiteral("True")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("allow_cleanup"), QStringLiteral("False")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void importBrokenFile()
    {
        const QString source = m_home.filePath(QStringLiteral("broken.cfg"));
        writeFile(source, "[MyData]\ninstrument_name = x\nthis line is wrong\n");
        const Run r = run({QStringLiteral("config"), QStringLiteral("import"), source});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("line 3")), qPrintable(r.err));
        QVERIFY(!QFile::exists(m_cfg));
    }

    // `config import FILE --with-key KEYFILE`: MyData's key pair copied (not
    // moved, private part owner-only) with the uuid, so its staging approval
    // carries over; a key that cannot be used stops it before anything is
    // written, and an installation's own different key is never replaced.
    void importWithKeyCopiesThePair()
    {
        if (!makeKeyPair(m_home.filePath(QStringLiteral("mydata-home/.ssh/MyData"))))
            QSKIP("ssh-keygen (OpenSSH) makes MyData's key pair");
        const QString key = m_home.filePath(QStringLiteral("mydata-home/.ssh/MyData"));
        const QByteArray keyBytes = readFile(key);
        const QString source = m_home.filePath(QStringLiteral("mydata-home/MyData.cfg"));
        writeFile(source, kExample);
        Run r = run({QStringLiteral("config"), QStringLiteral("import"), source, QStringLiteral("--with-key"), key});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Copied the SSH key ") + key), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("uuid 1234567890")), qPrintable(r.out));
        const QString target = QFileInfo(m_cfg).dir().filePath(QStringLiteral("tardigrade_id"));
        QCOMPARE(readFile(target), keyBytes);
        QCOMPARE(QFile::permissions(target) & 0xF0FF, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QCOMPARE(readFile(target + QStringLiteral(".pub")), readFile(key + QStringLiteral(".pub")));
        QCOMPARE(readFile(key), keyBytes); // MyData's own is left where it was
        QVERIFY(readFile(m_cfg).contains("uuid = 1234567890\n"));

        // Again: the same key is there already, which is fine.
        r = run({QStringLiteral("config"), QStringLiteral("import"), source, QStringLiteral("--with-key"), key});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral(" is already ")), qPrintable(r.out));
    }

    void importWithKeyRefused_data()
    {
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("says");
        QTest::newRow("missing key") << "missing" << "does not exist";
        QTest::newRow("not a key") << "garbage" << "is not an SSH private key";
        QTest::newRow("another key's .pub") << "mismatch" << "does not belong to";
        QTest::newRow("a different key of its own") << "own" << "already has a different SSH key";
        QTest::newRow("no KEYFILE") << "no-keyfile" << "'--with-key' needs the KEYFILE";
    }

    void importWithKeyRefused()
    {
        QFETCH(QString, problem);
        QFETCH(QString, says);
        const QString folder = m_home.filePath(QStringLiteral("refused-%1").arg(problem));
        const QString key = folder + QStringLiteral("/.ssh/MyData");
        QVERIFY(QDir().mkpath(folder));
        if (problem != QLatin1String("missing") && problem != QLatin1String("garbage") && !makeKeyPair(key))
            QSKIP("ssh-keygen (OpenSSH) makes MyData's key pair");
        if (problem == QLatin1String("garbage")) {
            QVERIFY(QDir().mkpath(folder + QStringLiteral("/.ssh")));
            writeFile(key, "not a key\n");
        }
        const QString own = QFileInfo(m_cfg).dir().filePath(QStringLiteral("tardigrade_id"));
        if (problem == QLatin1String("mismatch")) {
            QVERIFY(makeKeyPair(folder + QStringLiteral("/other")));
            QVERIFY(QFile::remove(key + QStringLiteral(".pub")));
            QVERIFY(QFile::copy(folder + QStringLiteral("/other.pub"), key + QStringLiteral(".pub")));
        }
        if (problem == QLatin1String("own"))
            QVERIFY(makeKeyPair(own));
        const QByteArray ownBefore = readFile(own);
        const QString source = folder + QStringLiteral("/MyData.cfg");
        writeFile(source, kExample);
        QStringList args{QStringLiteral("config"), QStringLiteral("import"), source, QStringLiteral("--with-key")};
        if (problem != QLatin1String("no-keyfile"))
            args << key;
        const Run r = run(args);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(says), qPrintable(r.err));
        QVERIFY(!QFile::exists(m_cfg)); // the settings are not written either
        QCOMPARE(readFile(own), ownBefore);
        if (problem != QLatin1String("no-keyfile")) { // one sentence, not the usage
            const QString sentence = r.err.trimmed();
            QVERIFY2(!sentence.contains(QLatin1Char('\n')) && sentence.endsWith(QLatin1Char('.')), qPrintable(r.err));
        }
    }

    // start_automatically_on_login takes effect at once, as after the tray
    // app's save: the XDG autostart entry is written or removed.
    QString autostartEntry() const
    {
        return m_home.filePath(QStringLiteral(".config/autostart/tardigrade.desktop"));
    }

    void startOnLoginWritesAndRemovesTheEntry()
    {
#if defined(Q_OS_MACOS) || defined(Q_OS_WIN)
        QSKIP("The XDG autostart entry is the Linux/BSD mechanism.");
#endif
        const QString entry = autostartEntry();
        QFile::remove(entry);
        Run r = run({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("start_automatically_on_login"),
                     QStringLiteral("True")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Tardigrade now starts on login (%1).\n").arg(entry));
        const QByteArray desktop = readFile(entry);
        QVERIFY2(desktop.contains("\nX-GNOME-Autostart-enabled=true\n"), desktop.constData());
        // The entry starts the program on this settings file.
        QVERIFY2(desktop.contains(QByteArray(QByteArray("--config ") + m_cfg.toUtf8())), desktop.constData());

        r = run({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("start_automatically_on_login"),
                 QStringLiteral("False")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Tardigrade no longer starts on login (%1 removed).\n").arg(entry));
        QVERIFY(!QFile::exists(entry));
        QVERIFY(readFile(m_cfg).contains("start_automatically_on_login = False\n"));
    }

    void importAppliesStartOnLogin()
    {
#if defined(Q_OS_MACOS) || defined(Q_OS_WIN)
        QSKIP("The XDG autostart entry is the Linux/BSD mechanism.");
#endif
        const QString entry = autostartEntry();
        QFile::remove(entry);
        const QString source = m_home.filePath(QStringLiteral("autostart.cfg"));
        writeFile(source, kExample + "start_automatically_on_login = True\n");
        Run r = run({QStringLiteral("config"), QStringLiteral("import"), source});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.endsWith(QStringLiteral("Tardigrade now starts on login (%1).\n").arg(entry)),
                 qPrintable(r.out));
        QVERIFY(QFile::exists(entry));

        writeFile(source, kExample + "start_automatically_on_login = False\n");
        r = run({QStringLiteral("config"), QStringLiteral("import"), source});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!QFile::exists(entry));
    }

    void startOnLoginEntryNotWritable()
    {
#if defined(Q_OS_MACOS) || defined(Q_OS_WIN)
        QSKIP("The XDG autostart entry is the Linux/BSD mechanism.");
#endif
        // A file where the autostart folder belongs: the entry cannot be made.
        const QString folder = QFileInfo(autostartEntry()).absolutePath();
        QDir(folder).removeRecursively();
        QVERIFY(QDir().mkpath(QFileInfo(folder).absolutePath()));
        writeFile(folder, "x");
        const Run r = run({QStringLiteral("config"), QStringLiteral("set"),
                           QStringLiteral("start_automatically_on_login"), QStringLiteral("True")});
        QFile::remove(folder);
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        const QStringList lines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(folder), qPrintable(r.err));
    }

    void validateListsEveryProblem_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::newRow("validate") << QStringList{"validate"};
        QTest::newRow("config validate") << QStringList{"config", "validate"};
    }
    void validateListsEveryProblem()
    {
        QFETCH(QStringList, command);
        const QString source = m_home.filePath(QStringLiteral("example.cfg"));
        writeFile(source, kExample + "max_upload_threads = 0\n");
        QCOMPARE(run({QStringLiteral("config"), QStringLiteral("import"), source}).code, 0);
        const Run r = run(command);
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        const QStringList lines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).contains(QStringLiteral("/Users/Shared/DemoData\" does not exist")), qPrintable(r.err));
        QVERIFY2(lines.at(1).contains(QStringLiteral("must be at least 1, not 0")), qPrintable(r.err));
    }

    void validateWithoutFile()
    {
        const Run r = run({QStringLiteral("validate")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.startsWith(QStringLiteral("There is no settings file at ")));
        QVERIFY(r.err.contains(QStringLiteral("(api_key) is empty")));
    }

    void validSettings_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::newRow("validate") << QStringList{"validate"};
        QTest::newRow("config validate") << QStringList{"config", "validate"};
    }
    void validSettings()
    {
        QFETCH(QStringList, command);
        const QString data = m_home.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        makeValid(data);
        const Run r = run(command);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Settings are valid.\n"));
        QVERIFY(r.err.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliConfig)
#include "tst_cliconfig.moc"
