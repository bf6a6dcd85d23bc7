// `tardigrade scan` as a user runs it: the real binary, a real settings file,
// a real tree (made by scripts/make-demo-data where the demo tree fits).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

class TestCliScan : public QObject {
    Q_OBJECT

private:
    struct Run {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    static Run run(const QStringList &args, const QStringList &prefix = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("tardigrade.*.debug=false"));
        p.setProcessEnvironment(env);
        if (prefix.isEmpty()) {
            p.start(QStringLiteral(TARDIGRADE_BIN), args);
        } else {
            p.start(prefix.first(), prefix.mid(1) + QStringList{QStringLiteral(TARDIGRADE_BIN)} + args);
        }
        if (!p.waitForFinished(60000))
            return {};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }

    static QString writeConfig(const QString &dir, const QString &dataDir, const QString &extra = {})
    {
        const QString path = dir + QStringLiteral("/MyData.cfg");
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        const QString text = QStringLiteral("[MyData]\ninstrument_name = Demo Instrument\nfacility_name = Test Facility\n"
                                            "data_directory = %1\nmytardis_url = http://127.0.0.1:1\n"
                                            "username = testfacility\nfolder_structure = Username / Dataset\n%2")
                                 .arg(dataDir, extra);
        f.write(text.toUtf8());
        return path;
    }

    static bool makeDemo(const QString &dir)
    {
        QProcess p;
        p.start(QStringLiteral(TARDIGRADE_SOURCE_DIR "/scripts/make-demo-data"), {dir});
        return p.waitForFinished(30000) && p.exitCode() == 0;
    }

    static QJsonArray parse(const Run &r)
    {
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &e);
        if (e.error != QJsonParseError::NoError || !doc.isArray())
            qWarning() << "not a JSON array:" << r.out.left(500) << r.err;
        return doc.array();
    }

private slots:
    void jsonOfDemoTree();
    void jsonWithFiles();
    void tableByDefault();
    void userErrors_data();
    void userErrors();
    void hostileNamesRoundTrip();
    void unreadableFolderReportedNotFatal();
};

void TestCliScan::jsonOfDemoTree()
{
    QTemporaryDir tmp;
    const QString data = tmp.path() + QStringLiteral("/data");
    QVERIFY(makeDemo(data));
    const Run r = run({QStringLiteral("--config"), writeConfig(tmp.path(), data), QStringLiteral("scan"),
                       QStringLiteral("--json")});
    QCOMPARE(r.code, 0);
    const QJsonArray a = parse(r);
    QStringList got;
    for (const QJsonValue &v : a) {
        const QJsonObject o = v.toObject();
        got << QStringLiteral("%1|%2|%3|%4|%5|%6")
                   .arg(o[QLatin1String("owner")].toString(), o[QLatin1String("owner_kind")].toString(),
                        o[QLatin1String("experiment")].toString(), o[QLatin1String("dataset")].toString())
                   .arg(o[QLatin1String("files")].toInt())
                   .arg(o[QLatin1String("bytes")].toInteger());
        QCOMPARE(o[QLatin1String("path")].toString(),
                 data + QLatin1Char('/') + o[QLatin1String("owner")].toString() + QLatin1Char('/') +
                     o[QLatin1String("dataset")].toString());
        QVERIFY(o[QLatin1String("skipped")].isArray());
        QVERIFY(!o.contains(QLatin1String("file_list")));
    }
    QCOMPARE(got, (QStringList{"testuser1|username|Demo Instrument - testuser1|Calibration|2|20512",
                               "testuser1|username|Demo Instrument - testuser1|Dataset 1|6|104696",
                               "testuser2|username|Demo Instrument - testuser2|Sample A|2|3700",
                               "testuser2|username|Demo Instrument - testuser2|Sample B|1|3100"}));
}

void TestCliScan::jsonWithFiles()
{
    QTemporaryDir tmp;
    const QString data = tmp.path() + QStringLiteral("/data");
    QVERIFY(makeDemo(data));
    const Run r = run({QStringLiteral("scan"), QStringLiteral("--json"), QStringLiteral("--files"),
                       QStringLiteral("--config"), writeConfig(tmp.path(), data)});
    QCOMPARE(r.code, 0);
    const QJsonArray a = parse(r);
    QCOMPARE(a.size(), 4);
    const QJsonObject ds = a.at(1).toObject();
    QCOMPARE(ds[QLatin1String("dataset")].toString(), QStringLiteral("Dataset 1"));
    const QJsonArray files = ds[QLatin1String("file_list")].toArray();
    QCOMPARE(files.size(), ds[QLatin1String("files")].toInt());
    QStringList names;
    for (const QJsonValue &v : files) {
        const QJsonObject f = v.toObject();
        names << f[QLatin1String("directory")].toString() + QLatin1Char('|') + f[QLatin1String("name")].toString();
        QVERIFY(f[QLatin1String("size")].toInteger() > 0);
        const QDateTime mtime = QDateTime::fromString(f[QLatin1String("mtime")].toString(), Qt::ISODate);
        QVERIFY(mtime.isValid());
        QCOMPARE(mtime.timeSpec(), Qt::UTC);
        QVERIFY(mtime < QDateTime::currentDateTimeUtc().addSecs(-3600)); // the script dates them 3 hours back
    }
    QCOMPARE(names, (QStringList{"|image 001.tif", "|image 002.tif", "|readme.txt", "raw/run 1|frame_0001.dat",
                                 "raw/run 1|frame_0002.dat", "raw/run 2|frame_0001.dat"}));
}

void TestCliScan::tableByDefault()
{
    QTemporaryDir tmp;
    const QString data = tmp.path() + QStringLiteral("/data");
    QVERIFY(makeDemo(data));
    QVERIFY(QDir().mkpath(data + QStringLiteral("/testuser2/Fresh")));
    QFile fresh(data + QStringLiteral("/testuser2/Fresh/just written.txt"));
    QVERIFY(fresh.open(QIODevice::WriteOnly));
    fresh.write("new");
    fresh.close();
    const Run r = run({QStringLiteral("--config"), writeConfig(tmp.path(), data), QStringLiteral("scan")});
    QCOMPARE(r.code, 0);
    const QString out = QString::fromUtf8(r.out);
    const QStringList lines = out.split(QLatin1Char('\n'));
    QVERIFY2(lines.first().startsWith(QLatin1String("OWNER")), qPrintable(out));
    for (const char *word : {"EXPERIMENT", "DATASET", "FILES", "SIZE"})
        QVERIFY(lines.first().contains(QLatin1String(word)));
    QVERIFY(out.contains(QLatin1String("Dataset 1")));
    QVERIFY(out.contains(QLatin1String("Demo Instrument - testuser2")));
    QVERIFY2(out.contains(QLatin1String("5 dataset(s), 11 file(s)")), qPrintable(out));
    // The file written just now is held back, and the table says why.
    QVERIFY2(out.contains(QLatin1String("just written.txt: modified less than 1 minute(s) ago")), qPrintable(out));
}

void TestCliScan::userErrors_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing data directory") << "missing-data" << "does not exist";
    QTest::newRow("no data directory") << "empty-data" << "No data directory is set";
    QTest::newRow("no settings file") << "no-config" << "no settings file";
    QTest::newRow("missing excludes file") << "excludes" << "excludes_file";
    QTest::newRow("unknown argument") << "bad-arg" << "unknown argument";
}

void TestCliScan::userErrors()
{
    QFETCH(QString, setup);
    QFETCH(QString, message);
    QTemporaryDir tmp;
    QString config;
    QStringList extraArgs;
    if (setup == QLatin1String("missing-data"))
        config = writeConfig(tmp.path(), tmp.path() + QStringLiteral("/nope"));
    else if (setup == QLatin1String("empty-data"))
        config = writeConfig(tmp.path(), QString());
    else if (setup == QLatin1String("no-config"))
        config = tmp.path() + QStringLiteral("/absent.cfg");
    else if (setup == QLatin1String("excludes"))
        config = writeConfig(tmp.path(), tmp.path(),
                             QStringLiteral("use_excludes_file = True\nexcludes_file = %1/none.txt\n").arg(tmp.path()));
    else {
        config = writeConfig(tmp.path(), tmp.path());
        extraArgs << QStringLiteral("--frobnicate");
    }
    const Run r = run(QStringList{QStringLiteral("--config"), config, QStringLiteral("scan"), QStringLiteral("--json")} +
                      extraArgs);
    QCOMPARE(r.code, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(message, Qt::CaseInsensitive), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TestCliScan::hostileNamesRoundTrip()
{
    QTemporaryDir tmp;
    const QString data = tmp.path() + QStringLiteral("/da ta $x;");
    const QString ds = data + QStringLiteral("/ o'neil /it's \"x\" $y; ü 数据");
    QVERIFY(QDir().mkpath(ds + QStringLiteral("/sub dir")));
    QFile f(ds + QStringLiteral("/sub dir/a \"b\" 'c' $d;.txt"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("12345");
    f.flush();
    QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addDays(-1), QFileDevice::FileModificationTime));
    f.close();
    const Run r = run({QStringLiteral("--config"), writeConfig(tmp.path(), data), QStringLiteral("scan"),
                       QStringLiteral("--json"), QStringLiteral("--files")});
    QCOMPARE(r.code, 0);
    const QJsonArray a = parse(r);
    QCOMPARE(a.size(), 1);
    const QJsonObject o = a.at(0).toObject();
    QCOMPARE(o[QLatin1String("owner")].toString(), QStringLiteral("o'neil"));
    QCOMPARE(o[QLatin1String("dataset")].toString(), QStringLiteral("it's \"x\" $y; ü 数据"));
    QCOMPARE(o[QLatin1String("path")].toString(), ds);
    const QJsonObject file = o[QLatin1String("file_list")].toArray().at(0).toObject();
    QCOMPARE(file[QLatin1String("directory")].toString(), QStringLiteral("sub dir"));
    QCOMPARE(file[QLatin1String("name")].toString(), QStringLiteral("a \"b\" 'c' $d;.txt"));
    QCOMPARE(file[QLatin1String("size")].toInt(), 5);
}

// Root reads every folder, so as root the scan runs as "nobody" (setpriv):
// the reporting path is the same one an ordinary user meets.
void TestCliScan::unreadableFolderReportedNotFatal()
{
    QStringList prefix;
    if (::geteuid() == 0) {
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        if (setpriv.isEmpty())
            QSKIP("running as root without setpriv: cannot make a folder unreadable");
        prefix = {setpriv, QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                  QStringLiteral("--clear-groups")};
    }
    QTemporaryDir tmp;
    QVERIFY(QFile::setPermissions(tmp.path(), QFileDevice::Permissions(0x7755))); // nobody may enter
    const QString data = tmp.path() + QStringLiteral("/data");
    QVERIFY(makeDemo(data));
    const QString locked = data + QStringLiteral("/testuser1/Dataset 1/raw");
    const QString lockedUser = data + QStringLiteral("/testuser2");
    const QString config = writeConfig(tmp.path(), data);
    QVERIFY(QFile::setPermissions(config, QFileDevice::Permissions(0x4444)));
    QVERIFY(QFile::setPermissions(locked, QFileDevice::Permissions()));
    QVERIFY(QFile::setPermissions(lockedUser, QFileDevice::Permissions()));
    const Run r = run({QStringLiteral("--config"), config, QStringLiteral("scan"), QStringLiteral("--json")}, prefix);
    const auto open = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    QFile::setPermissions(locked, open);
    QFile::setPermissions(lockedUser, open);
    QCOMPARE(r.code, 0);
    const QJsonArray a = parse(r);
    QCOMPARE(a.size(), 2); // testuser2 could not be read
    const QJsonObject ds = a.at(1).toObject();
    QCOMPARE(ds[QLatin1String("dataset")].toString(), QStringLiteral("Dataset 1"));
    QCOMPARE(ds[QLatin1String("files")].toInt(), 3);
    const QJsonArray skipped = ds[QLatin1String("skipped")].toArray();
    QCOMPARE(skipped.size(), 1);
    QCOMPARE(skipped.at(0).toObject()[QLatin1String("path")].toString(), locked);
    QVERIFY(skipped.at(0).toObject()[QLatin1String("reason")].toString().startsWith(QLatin1String("cannot be read")));
    QVERIFY2(QString::fromUtf8(r.err).contains(lockedUser + QStringLiteral(": cannot be read")), r.err.constData());
}

QTEST_GUILESS_MAIN(TestCliScan)
#include "tst_cli_scan.moc"
