// ScanOptions from a Settings value: every key it reads, and the
// includes/excludes files with their user errors.
#include "scan/ScanOptions.h"
#include "settings/Settings.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tardigrade;

class TestScanOptions : public QObject {
    Q_OBJECT
private:
    static QString writeText(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
    {
        const QString path = dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            return {};
        return path;
    }
    static void set(Settings &s, const char *key, const QString &value)
    {
        const Status st = s.setValueNamed(QString::fromUtf8(key), value);
        QVERIFY2(st.ok(), qPrintable(st.error().message));
    }

private slots:
    void defaults();
    void readsEveryKey();
    void patternFileParsing();
    void patternFileErrors_data();
    void patternFileErrors();
    void unusedPatternFileIsNotRead();
    void ageIntervals();
    void dataDirectoryAsWritten_data();
    void dataDirectoryAsWritten();
};

void TestScanOptions::defaults()
{
    const Result<ScanOptions> o = ScanOptions::fromSettings(Settings());
    QVERIFY(o.ok());
    QCOMPARE(o->structure.name(), QStringLiteral("Username / Dataset"));
    QVERIFY(o->ignoreNewFiles);
    QCOMPARE(o->ignoreNewFilesMinutes, 1);
    QVERIFY(!o->ignoreOldDatasets);
    QVERIFY(!o->ignoreNewDatasets);
    QVERIFY(!o->useIncludes);
    QVERIFY(!o->useExcludes);
    QVERIFY(!o->followSymlinks);
}

void TestScanOptions::readsEveryKey()
{
    QTemporaryDir dir;
    Settings s;
    set(s, "data_directory", QStringLiteral(" /data/x "));
    set(s, "folder_structure", QStringLiteral("User Group / Experiment / Dataset"));
    set(s, "instrument_name", QStringLiteral("Scope"));
    set(s, "group_prefix", QStringLiteral("lab-"));
    set(s, "user_filter", QStringLiteral("al"));
    set(s, "experiment_filter", QStringLiteral("e*"));
    set(s, "dataset_filter", QStringLiteral("d?"));
    set(s, "ignore_old_datasets", QStringLiteral("True"));
    set(s, "ignore_interval_number", QStringLiteral("6"));
    set(s, "ignore_interval_unit", QStringLiteral("weeks"));
    set(s, "ignore_new_datasets", QStringLiteral("True"));
    set(s, "ignore_new_interval_number", QStringLiteral("2"));
    set(s, "ignore_new_interval_unit", QStringLiteral("days"));
    set(s, "ignore_new_files", QStringLiteral("False"));
    set(s, "ignore_new_files_minutes", QStringLiteral("7"));
    set(s, "use_includes_file", QStringLiteral("True"));
    set(s, "includes_file", writeText(dir, QStringLiteral("inc"), "*.tif\n"));
    set(s, "use_excludes_file", QStringLiteral("True"));
    set(s, "excludes_file", writeText(dir, QStringLiteral("exc"), "*.tmp\n*.log\n"));
    const Result<ScanOptions> o = ScanOptions::fromSettings(s);
    QVERIFY2(o.ok(), qPrintable(o.error().message));
    QCOMPARE(o->dataDirectory, QStringLiteral("/data/x"));
    QCOMPARE(o->structure.name(), QStringLiteral("User Group / Experiment / Dataset"));
    QCOMPARE(o->instrumentName, QStringLiteral("Scope"));
    QCOMPARE(o->groupPrefix, QStringLiteral("lab-"));
    QCOMPARE(o->userFilter, QStringLiteral("al"));
    QCOMPARE(o->experimentFilter, QStringLiteral("e*"));
    QCOMPARE(o->datasetFilter, QStringLiteral("d?"));
    QVERIFY(o->ignoreOldDatasets);
    QCOMPARE(o->oldDatasetInterval.number, 6);
    QCOMPARE(o->oldDatasetInterval.unit, AgeInterval::Unit::Weeks);
    QVERIFY(o->ignoreNewDatasets);
    QCOMPARE(o->newDatasetInterval.number, 2);
    QCOMPARE(o->newDatasetInterval.unit, AgeInterval::Unit::Days);
    QVERIFY(!o->ignoreNewFiles);
    QCOMPARE(o->ignoreNewFilesMinutes, 7);
    QCOMPARE(o->includes, QStringList{"*.tif"});
    QCOMPARE(o->excludes, (QStringList{"*.tmp", "*.log"}));
}

void TestScanOptions::patternFileParsing()
{
    QTemporaryDir dir;
    const QString path = writeText(dir, QStringLiteral("p"),
                                   "# comment\r\n; also a comment\r\n\r\n  *.tif  \r\nraw_[0-9]*\n\xC3\xBC*.dat\n#x");
    const Result<QStringList> p = ScanOptions::readPatternFile(path, QStringLiteral("includes_file"));
    QVERIFY(p.ok());
    QCOMPARE(*p, (QStringList{"*.tif", "raw_[0-9]*", QStringLiteral("ü*.dat")}));
}

void TestScanOptions::patternFileErrors_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << "missing" << "does not exist";
    QTest::newRow("directory") << "directory" << "is a folder";
    QTest::newRow("binary") << "binary" << "not a text file";
    QTest::newRow("not utf-8") << "latin1" << "not a text file";
    QTest::newRow("unset") << "unset" << "names no file";
}

void TestScanOptions::patternFileErrors()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QString path;
    if (kind == QLatin1String("missing"))
        path = dir.filePath(QStringLiteral("nope.txt"));
    else if (kind == QLatin1String("directory"))
        path = dir.path();
    else if (kind == QLatin1String("binary"))
        path = writeText(dir, QStringLiteral("b"), QByteArray("*.tif\n\0\x01\x02", 9));
    else if (kind == QLatin1String("latin1"))
        path = writeText(dir, QStringLiteral("l"), "caf\xE9*\n");
    Settings s;
    set(s, "use_excludes_file", QStringLiteral("True"));
    set(s, "excludes_file", path);
    const Result<ScanOptions> o = ScanOptions::fromSettings(s);
    QVERIFY(!o.ok());
    QCOMPARE(o.error().kind, ErrorKind::User);
    QVERIFY2(o.error().message.contains(message), qPrintable(o.error().message));
    QVERIFY2(o.error().message.contains(QLatin1String("excludes_file")), qPrintable(o.error().message));
    QVERIFY(o.error().message.contains(path));
}

void TestScanOptions::unusedPatternFileIsNotRead()
{
    Settings s;
    set(s, "use_includes_file", QStringLiteral("False"));
    set(s, "includes_file", QStringLiteral("/does/not/exist"));
    QVERIFY(ScanOptions::fromSettings(s).ok());
}

void TestScanOptions::ageIntervals()
{
    const QDateTime now(QDate(2026, 3, 31), QTime(10, 0), Qt::UTC);
    QCOMPARE((AgeInterval{3, AgeInterval::Unit::Days}).before(now), now.addDays(-3));
    QCOMPARE((AgeInterval{2, AgeInterval::Unit::Weeks}).before(now), now.addDays(-14));
    QCOMPARE((AgeInterval{1, AgeInterval::Unit::Months}).before(now), QDateTime(QDate(2026, 2, 28), QTime(10, 0), Qt::UTC));
    QCOMPARE((AgeInterval{1, AgeInterval::Unit::Years}).before(now), QDateTime(QDate(2025, 3, 31), QTime(10, 0), Qt::UTC));
    QCOMPARE((AgeInterval{6, AgeInterval::Unit::Months}).text(), QStringLiteral("6 months"));
    QVERIFY(!AgeInterval::parseUnit(QStringLiteral("fortnights")));
}

QTEST_GUILESS_MAIN(TestScanOptions)
// A MyData.cfg from Windows names its folder with backslashes, a drive or
// a UNC share, often with a trailing separator; the scan reads one path form.
void TestScanOptions::dataDirectoryAsWritten_data()
{
    QTest::addColumn<QString>("written");
    QTest::addColumn<QString>("read");
    QTest::newRow("unset") << "" << "";
    QTest::newRow("blanks") << "  /data/Titan  " << "/data/Titan";
    QTest::newRow("trailing slash") << "/data/Titan/" << "/data/Titan";
    QTest::newRow("doubled slash") << "/data//Titan" << "/data/Titan";
#ifdef Q_OS_WIN
    QTest::newRow("drive") << "C:\\Data\\Titan\\" << "C:/Data/Titan";
    QTest::newRow("drive root") << "D:\\" << "D:/";
    QTest::newRow("UNC share") << "\\\\server\\share\\Instrument" << "//server/share/Instrument";
#else
    QTest::newRow("a backslash is a name's character here") << "/data/a\\b" << "/data/a\\b";
#endif
}

void TestScanOptions::dataDirectoryAsWritten()
{
    QFETCH(QString, written);
    QFETCH(QString, read);
    Settings s;
    QVERIFY(s.setValue(SettingKey::DataDirectory, written).ok());
    QCOMPARE(s.dataDirectoryPath(), read);
    QCOMPARE(s.dataDirectory(), written); // what the dialog shows is kept as written
    QVERIFY(s.setValue(SettingKey::FolderStructure, QStringLiteral("Username / Dataset")).ok());
    const auto options = ScanOptions::fromSettings(s);
    QVERIFY(options.ok());
    QCOMPARE(options->dataDirectory, read);
}

#include "tst_scanoptions.moc"
