// The scanner on generated trees: the ten folder structures, every filter,
// hostile names, symbolic links and unreadable entries.
#include "ScanTestTree.h"

#include "scan/Scanner.h"
#include "settings/SettingsSchema.h"

#include <QTemporaryDir>
#include <QtTest>

#include "TestHost.h"

using namespace tardigrade;
using namespace scantest;

class TestScanner : public QObject {
    Q_OBJECT

private:
    ScanOptions optionsFor(const QString &root, const QString &structure = QStringLiteral("Username / Dataset"))
    {
        ScanOptions o;
        o.dataDirectory = root;
        o.structure = *FolderStructure::find(structure);
        o.instrumentName = QStringLiteral("Microscope");
        o.groupPrefix = QStringLiteral("grp-");
        o.ignoreNewFiles = false;
        return o;
    }
    ScanResult scanOk(const ScanOptions &o, const Clock &clock)
    {
        Result<ScanResult> r = Scanner(o, clock).scan();
        if (!r)
            qWarning() << r.error().message;
        return r.ok() ? r.value() : ScanResult();
    }
    static QStringList datasetNames(const ScanResult &r)
    {
        QStringList names;
        for (const ScannedDataset &ds : r.datasets)
            names << ds.datasetName;
        return names;
    }
    static QStringList fileNames(const ScannedDataset &ds)
    {
        QStringList names;
        for (const ScannedFile &f : ds.files)
            names << (f.directory.isEmpty() ? f.name : f.directory + QLatin1Char('/') + f.name);
        return names;
    }
    static QStringList skippedReasons(const ScannedDataset &ds)
    {
        QStringList reasons;
        for (const SkippedEntry &e : ds.skipped)
            reasons << QFileInfo(e.path).fileName() + QStringLiteral(": ") + e.reason;
        return reasons;
    }

    FakeClock m_clock{baseTime().addDays(10)};

private slots:
    void structures_data();
    void structures();
    void nameFilters_data();
    void nameFilters();
    void includesExcludes_data();
    void includesExcludes();
    void ignoreOldDatasets_data();
    void ignoreOldDatasets();
    void ignoreNewDatasets();
    void ignoreNewFiles();
    void hostileNames();
    void filesListedWithDirectories();
    void symlinksNotFollowedByDefault();
    void symlinkLoopWhenFollowing();
    void brokenSymlinkReported();
    void unreadableFolderReported();
    void strayFilesAreProblems();
    void missingDataDirectoryIsUserError();
    void cancelStops();
    void parallelEqualsSerial();
};

// Each row: a structure, the files of a tree, and the datasets expected as
// "owner|owner kind|experiment title|dataset|file count", plus how many
// problems (entries outside any dataset) are reported.
void TestScanner::structures_data()
{
    QTest::addColumn<QString>("structure");
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("problems");

    QTest::newRow("Username / Dataset")
        << "Username / Dataset"
        << QStringList{"alice/ds1/a.txt", "alice/ds1/sub/b.txt", "alice/ds2/c.txt", "bob/dsX/d.txt"}
        << QStringList{"alice|username|Microscope - Full Name|ds1|2", "alice|username|Microscope - Full Name|ds2|1",
                       "bob|username|Microscope - Full Name|dsX|1"}
        << 0;
    QTest::newRow("Email / Dataset")
        << "Email / Dataset" << QStringList{"alice@example.com/ds1/a.txt", "bob@example.org/ds2/x/y/z.txt"}
        << QStringList{"alice@example.com|email|Microscope - Full Name|ds1|1",
                       "bob@example.org|email|Microscope - Full Name|ds2|1"}
        << 0;
    QTest::newRow("Username / Experiment / Dataset")
        << "Username / Experiment / Dataset"
        << QStringList{"alice/exp1/ds1/a.txt", "alice/exp1/loose.txt", "alice/exp1/.hidden", "alice/exp2/ds2/b.txt",
                       "alice/exp2/ds2/c.txt"}
        << QStringList{"alice|username|exp1|ds1|1", "alice|username|exp1|__EXPERIMENT_FILES__|1",
                       "alice|username|exp2|ds2|2"}
        << 0;
    QTest::newRow("Email / Experiment / Dataset")
        << "Email / Experiment / Dataset" << QStringList{"a@b.c/Exp A/Data 1/f.bin", "a@b.c/Exp A/top.bin"}
        << QStringList{"a@b.c|email|Exp A|Data 1|1", "a@b.c|email|Exp A|__EXPERIMENT_FILES__|1"} << 0;
    QTest::newRow("Username / MyTardis / Experiment / Dataset")
        << "Username / \"MyTardis\" / Experiment / Dataset"
        << QStringList{"alice/mytardis/exp1/ds1/a.txt", "alice/Other/exp9/ds9/x.txt", "carol/MyTardis/e/d/y.txt",
                       "bob/exp/ds/y.txt"}
        << QStringList{"alice|username|exp1|ds1|1", "carol|username|e|d|1"}
        << 1; // bob has no MyTardis folder
    QTest::newRow("User Group / Instrument / Full Name / Dataset")
        << "User Group / Instrument / Full Name / Dataset"
        << QStringList{"lab/Microscope/Jane Doe/ds1/a.txt", "lab/Microscope/Jane Doe/ds2/b.txt",
                       "lab/OtherScope/John/ds3/c.txt", "empty-lab/OtherScope/John/ds4/d.txt"}
        << QStringList{"grp-lab|group|Microscope - Jane Doe|ds1|1", "grp-lab|group|Microscope - Jane Doe|ds2|1"}
        << 1; // empty-lab has no Microscope folder
    QTest::newRow("Experiment / Dataset")
        << "Experiment / Dataset" << QStringList{"exp1/ds1/a.txt", "exp1/top.txt", "exp2/ds2/b/c/d.txt"}
        << QStringList{"|none|exp1|ds1|1", "|none|exp1|__EXPERIMENT_FILES__|1", "|none|exp2|ds2|1"} << 0;
    QTest::newRow("Dataset") << "Dataset" << QStringList{"ds1/a.txt", "ds2/b/c.txt", "ds2/d.txt"}
                             << QStringList{"|none|Microscope - Full Name|ds1|1", "|none|Microscope - Full Name|ds2|2"}
                             << 0;
    QTest::newRow("User Group / Dataset")
        << "User Group / Dataset" << QStringList{"lab/ds1/a.txt", "other lab/ds2/b.txt"}
        << QStringList{"grp-lab|group|lab|ds1|1", "grp-other lab|group|other lab|ds2|1"} << 0;
    QTest::newRow("User Group / Experiment / Dataset")
        << "User Group / Experiment / Dataset" << QStringList{"lab/exp1/ds1/a.txt", "lab/exp1/x.txt"}
        << QStringList{"grp-lab|group|lab - exp1|ds1|1", "grp-lab|group|lab - exp1|__EXPERIMENT_FILES__|1"} << 0;
}

void TestScanner::structures()
{
    QFETCH(QString, structure);
    QFETCH(QStringList, files);
    QFETCH(QStringList, expected);
    QFETCH(int, problems);

    QVERIFY(folderStructureNames().contains(structure));
    QTemporaryDir dir;
    for (const QString &f : files)
        QVERIFY(writeFile(dir.path(), f));
    setTreeMtime(dir.path(), baseTime());

    const ScanResult r = scanOk(optionsFor(dir.path(), structure), m_clock);
    QStringList got;
    for (const ScannedDataset &ds : r.datasets) {
        got << QStringList{ds.owner, ownerKindName(ds.ownerKind),
                           experimentTitle(ds, structure, QStringLiteral("Microscope"), QStringLiteral("Full Name")),
                           ds.datasetName, QString::number(ds.files.size())}
                   .join(QLatin1Char('|'));
        QVERIFY(QFileInfo(ds.path).isDir());
        qint64 bytes = 0;
        for (const ScannedFile &f : ds.files) {
            QVERIFY2(QFileInfo::exists(f.absolutePath), qPrintable(f.absolutePath));
            bytes += f.size;
        }
        QCOMPARE(ds.bytes, bytes);
        QCOMPARE(ds.newestMtime, baseTime());
    }
    got.sort();
    expected.sort();
    QCOMPARE(got, expected);
    QCOMPARE(r.problems.size(), problems);
}

void TestScanner::nameFilters_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expected"); // "user/experiment/dataset"

    QTest::newRow("none") << "user" << "" << QStringList{"Alice/e1/d1", "Alice/e2/raw-2", "bob/e1/d1"};
    QTest::newRow("user contains") << "user" << "lic" << QStringList{"Alice/e1/d1", "Alice/e2/raw-2"};
    QTest::newRow("user ignores case") << "user" << "ALI" << QStringList{"Alice/e1/d1", "Alice/e2/raw-2"};
    QTest::newRow("user wildcard") << "user" << "A*e" << QStringList{"Alice/e1/d1", "Alice/e2/raw-2"};
    QTest::newRow("user question mark") << "user" << "b?b" << QStringList{"bob/e1/d1"};
    QTest::newRow("user no match") << "user" << "carol" << QStringList{};
    QTest::newRow("experiment") << "experiment" << "2" << QStringList{"Alice/e2/raw-2"};
    QTest::newRow("dataset") << "dataset" << "d1" << QStringList{"Alice/e1/d1", "bob/e1/d1"};
    QTest::newRow("dataset wildcard") << "dataset" << "r*2" << QStringList{"Alice/e2/raw-2"};
    QTest::newRow("dataset trimmed") << "dataset" << "  raw  " << QStringList{"Alice/e2/raw-2"};
}

void TestScanner::nameFilters()
{
    QFETCH(QString, which);
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    for (const char *f : {"Alice/e1/d1/a", "Alice/e2/raw-2/b", "bob/e1/d1/c"})
        QVERIFY(writeFile(dir.path(), QString::fromUtf8(f)));
    setTreeMtime(dir.path(), baseTime());
    ScanOptions o = optionsFor(dir.path(), QStringLiteral("Username / Experiment / Dataset"));
    (which == QLatin1String("user") ? o.userFilter : which == QLatin1String("experiment") ? o.experimentFilter
                                                                                          : o.datasetFilter) = filter;
    QStringList got;
    for (const ScannedDataset &ds : scanOk(o, m_clock).datasets)
        got << ds.userFolder + QLatin1Char('/') + ds.experimentFolder + QLatin1Char('/') + ds.datasetName;
    QCOMPARE(got, expected);
}

void TestScanner::includesExcludes_data()
{
    QTest::addColumn<bool>("useIncludes");
    QTest::addColumn<QStringList>("includes");
    QTest::addColumn<bool>("useExcludes");
    QTest::addColumn<QStringList>("excludes");
    QTest::addColumn<QStringList>("taken");

    const QStringList none;
    QTest::newRow("no lists") << false << none << false << none
                              << QStringList{"a.tif", "b.TIF", "c.log", "keep.log", "sub/d.tif", "sub/e.txt"};
    QTest::newRow("lists present but unused") << false << QStringList{"*.tif"} << false << QStringList{"*"}
                                              << QStringList{"a.tif", "b.TIF", "c.log", "keep.log", "sub/d.tif",
                                                             "sub/e.txt"};
    QTest::newRow("includes only, case-sensitive")
        << true << QStringList{"*.tif"} << false << none << QStringList{"a.tif", "sub/d.tif"};
    QTest::newRow("excludes only") << false << none << true << QStringList{"*.log", "?.txt"}
                                   << QStringList{"a.tif", "b.TIF", "sub/d.tif"};
    QTest::newRow("include beats exclude") << true << QStringList{"keep.*"} << true << QStringList{"*.log"}
                                           << QStringList{"a.tif", "b.TIF", "keep.log", "sub/d.tif", "sub/e.txt"};
    QTest::newRow("character class") << true << QStringList{"[ab].*"} << false << none
                                     << QStringList{"a.tif", "b.TIF"};
}

void TestScanner::includesExcludes()
{
    QFETCH(bool, useIncludes);
    QFETCH(QStringList, includes);
    QFETCH(bool, useExcludes);
    QFETCH(QStringList, excludes);
    QFETCH(QStringList, taken);
    QTemporaryDir dir;
    for (const char *f : {"a.tif", "b.TIF", "c.log", "keep.log", "sub/d.tif", "sub/e.txt"})
        QVERIFY(writeFile(dir.path(), QStringLiteral("u/ds/") + QString::fromUtf8(f)));
    setTreeMtime(dir.path(), baseTime());
    ScanOptions o = optionsFor(dir.path());
    o.useIncludes = useIncludes;
    o.includes = includes;
    o.useExcludes = useExcludes;
    o.excludes = excludes;
    const ScanResult r = scanOk(o, m_clock);
    QCOMPARE(r.datasets.size(), 1);
    QCOMPARE(fileNames(r.datasets[0]), taken);
    QCOMPARE(r.datasets[0].files.size() + r.datasets[0].skipped.size(), 6);
    for (const SkippedEntry &e : r.datasets[0].skipped)
        QVERIFY2(e.reason.contains(QLatin1String("includes file")) || e.reason.contains(QLatin1String("excludes file")),
                 qPrintable(e.reason));
}

void TestScanner::ignoreOldDatasets_data()
{
    QTest::addColumn<int>("number");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QStringList>("kept");
    // Dataset "old" was last touched 400 days before now, "recent" 20 days,
    // and "mixed" has one file 400 days and one 20 days old.
    QTest::newRow("6 months") << 6 << "months" << QStringList{"mixed", "recent"};
    QTest::newRow("2 weeks") << 2 << "weeks" << QStringList{};
    QTest::newRow("3 weeks") << 3 << "weeks" << QStringList{"mixed", "recent"};
    QTest::newRow("2 years") << 2 << "years" << QStringList{"mixed", "old", "recent"};
    QTest::newRow("30 days") << 30 << "days" << QStringList{"mixed", "recent"};
}

void TestScanner::ignoreOldDatasets()
{
    QFETCH(int, number);
    QFETCH(QString, unit);
    QFETCH(QStringList, kept);
    QTemporaryDir dir;
    const QString r = dir.path();
    for (const char *f : {"u/old/a", "u/old/sub/b", "u/recent/c", "u/mixed/d", "u/mixed/e"})
        QVERIFY(writeFile(r, QString::fromUtf8(f)));
    const QDateTime now = baseTime();
    setTreeMtime(r, now.addDays(-400));
    setTreeMtime(r + QStringLiteral("/u/recent"), now.addDays(-20));
    QVERIFY(setMtime(r + QStringLiteral("/u/mixed/e"), now.addDays(-20)));
    FakeClock clock(now);
    ScanOptions o = optionsFor(r);
    o.ignoreOldDatasets = true;
    o.oldDatasetInterval = {number, *AgeInterval::parseUnit(unit)};
    const ScanResult res = scanOk(o, clock);
    QCOMPARE(datasetNames(res), kept);
    QCOMPARE(res.ignored.size(), 3 - kept.size());
    for (const SkippedEntry &e : res.ignored)
        QVERIFY(e.reason.contains(o.oldDatasetInterval.text()));

    // The clock decides: a year later everything is old.
    clock.set(now.addYears(3));
    QCOMPARE(scanOk(o, clock).datasets.size(), 0);
}

void TestScanner::ignoreNewDatasets()
{
    QTemporaryDir dir;
    const QString r = dir.path();
    for (const char *f : {"u/fresh/a", "u/fresh/b", "u/aged/c", "u/aged/d"})
        QVERIFY(writeFile(r, QString::fromUtf8(f)));
    const QDateTime now = baseTime();
    setTreeMtime(r, now.addDays(-2));
    QVERIFY(setMtime(r + QStringLiteral("/u/aged/c"), now.addDays(-60))); // created long ago, still written to
    FakeClock clock(now);
    ScanOptions o = optionsFor(r);
    o.ignoreNewDatasets = true;
    o.newDatasetInterval = {1, AgeInterval::Unit::Weeks};
    ScanResult res = scanOk(o, clock);
    QCOMPARE(datasetNames(res), QStringList{"aged"});
    QCOMPARE(res.ignored.size(), 1);
    QVERIFY(res.ignored[0].path.endsWith(QLatin1String("/u/fresh")));

    clock.set(now.addDays(6)); // fresh is now 8 days old
    res = scanOk(o, clock);
    QCOMPARE(datasetNames(res), (QStringList{"aged", "fresh"}));
    o.ignoreNewDatasets = false;
    clock.set(now);
    QCOMPARE(scanOk(o, clock).datasets.size(), 2);
}

void TestScanner::ignoreNewFiles()
{
    QTemporaryDir dir;
    const QString r = dir.path();
    for (const char *f : {"u/ds/old", "u/ds/new", "u/ds/edge"})
        QVERIFY(writeFile(r, QString::fromUtf8(f)));
    const QDateTime now = baseTime();
    setTreeMtime(r, now.addSecs(-3600));
    QVERIFY(setMtime(r + QStringLiteral("/u/ds/new"), now.addSecs(-30)));
    QVERIFY(setMtime(r + QStringLiteral("/u/ds/edge"), now.addSecs(-5 * 60 + 1)));
    FakeClock clock(now);
    ScanOptions o = optionsFor(r);
    o.ignoreNewFiles = true;
    o.ignoreNewFilesMinutes = 1;
    ScanResult res = scanOk(o, clock);
    QCOMPARE(fileNames(res.datasets[0]), (QStringList{"edge", "old"}));
    QCOMPARE(res.datasets[0].skipped.size(), 1);
    QVERIFY(res.datasets[0].skipped[0].path.endsWith(QLatin1String("/new")));
    QVERIFY(res.datasets[0].skipped[0].reason.contains(QLatin1String("1 minute")));

    o.ignoreNewFilesMinutes = 5;
    res = scanOk(o, clock);
    QCOMPARE(fileNames(res.datasets[0]), QStringList{"old"});
    QCOMPARE(res.datasets[0].skipped.size(), 2);

    clock.set(now.addSecs(120));
    res = scanOk(o, clock);
    QCOMPARE(fileNames(res.datasets[0]), (QStringList{"edge", "old"}));

    o.ignoreNewFiles = false;
    clock.set(now);
    QCOMPARE(scanOk(o, clock).datasets[0].files.size(), 3);
}

void TestScanner::hostileNames()
{
    QTemporaryDir dir;
    const QString r = dir.path();
    const QStringList datasets = {QStringLiteral("it's \"quoted\""), QStringLiteral("$HOME;rm -rf `x`"),
                                  QStringLiteral(" spaced out "), QStringLiteral("ünïcødé 数据 🧪"),
                                  QStringLiteral("back\\slash & *star? [x]")};
    for (const QString &d : datasets)
        QVERIFY(writeFile(r, QStringLiteral(" alice /") + d + QStringLiteral("/sub $dir;/file 'n' \"q\" ü.txt")));
    setTreeMtime(r, baseTime());
    ScanOptions o = optionsFor(r);
    ScanResult res = scanOk(o, m_clock);
    QCOMPARE(res.datasets.size(), datasets.size());
    QStringList got;
    for (const ScannedDataset &ds : res.datasets) {
        got << ds.datasetName;
        QCOMPARE(ds.owner, QStringLiteral("alice"));      // trimmed for matching
        QCOMPARE(ds.userFolder, QStringLiteral(" alice ")); // exact on disk
        QCOMPARE(ds.files.size(), 1);
        QCOMPARE(ds.files[0].directory, QStringLiteral("sub $dir;"));
        QCOMPARE(ds.files[0].name, QStringLiteral("file 'n' \"q\" ü.txt"));
        QVERIFY2(QFileInfo::exists(ds.files[0].absolutePath), qPrintable(ds.files[0].absolutePath));
        QCOMPARE(ds.files[0].absolutePath,
                 r + QStringLiteral("/ alice /") + ds.datasetName + QStringLiteral("/sub $dir;/file 'n' \"q\" ü.txt"));
    }
    QStringList sorted = datasets;
    sorted.sort();
    got.sort();
    QCOMPARE(got, sorted);

    // Filters match the trimmed names.
    o.userFilter = QStringLiteral("alice");
    o.datasetFilter = QStringLiteral("spaced*out");
    res = scanOk(o, m_clock);
    QCOMPARE(datasetNames(res), QStringList{" spaced out "});
    o.datasetFilter = QStringLiteral("数据");
    QCOMPARE(datasetNames(scanOk(o, m_clock)), QStringList{"ünïcødé 数据 🧪"});
    o.datasetFilter = QStringLiteral("$HOME;");
    QCOMPARE(datasetNames(scanOk(o, m_clock)), QStringList{"$HOME;rm -rf `x`"});

    // A name that is not valid Unicode is reported, not mangled or lost.
    const std::filesystem::path bad = testhost::createBadlyNamedFile(r + QStringLiteral("/ alice / spaced out "));
    QVERIFY(!bad.empty());
    setTreeMtime(r, baseTime());
    o.datasetFilter = QStringLiteral("spaced");
    res = scanOk(o, m_clock);
    std::filesystem::remove(bad); // QTemporaryDir cannot name it
    QCOMPARE(res.datasets.size(), 1);
    QCOMPARE(res.datasets[0].files.size(), 1);
    QCOMPARE(res.datasets[0].skipped.size(), 1);
    QVERIFY(res.datasets[0].skipped[0].reason.contains(QLatin1String("UTF-8")));
}

void TestScanner::filesListedWithDirectories()
{
    QTemporaryDir dir;
    for (const char *f : {"u/ds/z.txt", "u/ds/a/b/c.txt", "u/ds/a/x.txt", "u/ds/.hidden", "u/ds/m/n.txt"})
        QVERIFY(writeFile(dir.path(), QString::fromUtf8(f), 10));
    setTreeMtime(dir.path(), baseTime());
    const ScanResult r = scanOk(optionsFor(dir.path()), m_clock);
    QCOMPARE(r.datasets.size(), 1);
    // A folder's own files first (by name), then its sub-folders; hidden files are data too.
    QCOMPARE(fileNames(r.datasets[0]), (QStringList{".hidden", "z.txt", "a/x.txt", "a/b/c.txt", "m/n.txt"}));
    QCOMPARE(r.datasets[0].bytes, 50);
    QCOMPARE(r.datasets[0].files[0].mtime, baseTime());
    QCOMPARE(r.datasets[0].files[0].size, 10);
}

void TestScanner::symlinksNotFollowedByDefault()
{
    if (!testhost::symlinksAllowed())
        QSKIP("this Windows account may not make symbolic links (Developer Mode is off)");
    QTemporaryDir dir;
    const QString r = dir.path();
    QVERIFY(writeFile(r, QStringLiteral("u/ds/real.txt")));
    QVERIFY(writeFile(r, QStringLiteral("elsewhere/secret.txt")));
    QVERIFY(testhost::makeSymlink(r + QStringLiteral("/u/ds"), r + QStringLiteral("/u/ds/loop")));
    QVERIFY(testhost::makeSymlink(r + QStringLiteral("/elsewhere/secret.txt"), r + QStringLiteral("/u/ds/filelink")));
    QVERIFY(testhost::makeSymlink(r + QStringLiteral("/u/ds"), r + QStringLiteral("/u/dslink")));
    setTreeMtime(r, baseTime());
    ScanOptions o = optionsFor(r, QStringLiteral("Dataset"));
    o.dataDirectory = r + QStringLiteral("/u");
    const ScanResult res = scanOk(o, m_clock);
    QCOMPARE(datasetNames(res), QStringList{"ds"});
    QCOMPARE(fileNames(res.datasets[0]), QStringList{"real.txt"});
    QCOMPARE(skippedReasons(res.datasets[0]),
             (QStringList{"filelink: symbolic link, not followed", "loop: symbolic link, not followed"}));
    QCOMPARE(res.problems.size(), 1);
    QVERIFY(res.problems[0].path.endsWith(QLatin1String("/dslink")));
}

void TestScanner::symlinkLoopWhenFollowing()
{
    if (!testhost::symlinksAllowed())
        QSKIP("this Windows account may not make symbolic links (Developer Mode is off)");
    QTemporaryDir dir;
    const QString r = dir.path();
    QVERIFY(writeFile(r, QStringLiteral("u/ds/a/real.txt")));
    QVERIFY(writeFile(r, QStringLiteral("elsewhere/secret.txt")));
    QVERIFY(testhost::makeSymlink(r + QStringLiteral("/u/ds"), r + QStringLiteral("/u/ds/a/up")));
    QVERIFY(testhost::makeSymlink(r + QStringLiteral("/elsewhere/secret.txt"), r + QStringLiteral("/u/ds/filelink")));
    setTreeMtime(r, baseTime());
    ScanOptions o = optionsFor(r);
    o.followSymlinks = true;
    const ScanResult res = scanOk(o, m_clock);
    QCOMPARE(datasetNames(res), QStringList{"ds"});
    QCOMPARE(fileNames(res.datasets[0]), (QStringList{"filelink", "a/real.txt"}));
    QCOMPARE(res.datasets[0].skipped.size(), 1);
    QVERIFY(res.datasets[0].skipped[0].reason.contains(QLatin1String("loop")));
}

void TestScanner::brokenSymlinkReported()
{
    if (!testhost::symlinksAllowed())
        QSKIP("this Windows account may not make symbolic links (Developer Mode is off)");
    QTemporaryDir dir;
    const QString r = dir.path();
    QVERIFY(writeFile(r, QStringLiteral("u/ds/real.txt")));
    QVERIFY(testhost::makeSymlink(r + QStringLiteral("/nowhere"), r + QStringLiteral("/u/ds/dangling")));
    setTreeMtime(r, baseTime());
    ScanOptions o = optionsFor(r);
    o.followSymlinks = true;
    ScanResult res = scanOk(o, m_clock);
    QCOMPARE(skippedReasons(res.datasets[0]), QStringList{"dangling: broken symbolic link"});
    QCOMPARE(res.datasets[0].files.size(), 1);
}

void TestScanner::unreadableFolderReported()
{
    QTemporaryDir dir;
    const QString r = dir.path();
    QVERIFY(writeFile(r, QStringLiteral("u/ds/ok.txt")));
    QVERIFY(writeFile(r, QStringLiteral("u/ds/locked/hidden.txt")));
    QVERIFY(writeFile(r, QStringLiteral("v/ds2/x.txt")));
    setTreeMtime(r, baseTime());
    if (!testhost::permissionsStopReading())
        QSKIP("root (or Windows) reads every folder; the CLI test checks this path as an unprivileged user (setpriv)");
    QVERIFY(QFile::setPermissions(r + QStringLiteral("/u/ds/locked"), QFileDevice::Permissions()));
    QVERIFY(QFile::setPermissions(r + QStringLiteral("/v"), QFileDevice::Permissions()));
    const ScanResult res = scanOk(optionsFor(r), m_clock);
    QFile::setPermissions(r + QStringLiteral("/u/ds/locked"), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                                   QFileDevice::ExeOwner);
    QFile::setPermissions(r + QStringLiteral("/v"), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                        QFileDevice::ExeOwner);
    QCOMPARE(datasetNames(res), QStringList{"ds"});
    QCOMPARE(fileNames(res.datasets[0]), QStringList{"ok.txt"});
    QCOMPARE(res.datasets[0].skipped.size(), 1);
    QVERIFY(res.datasets[0].skipped[0].reason.startsWith(QLatin1String("cannot be read")));
    QCOMPARE(res.problems.size(), 1);
    QVERIFY(res.problems[0].path.endsWith(QLatin1String("/v")));
}

void TestScanner::strayFilesAreProblems()
{
    QTemporaryDir dir;
    const QString r = dir.path();
    QVERIFY(writeFile(r, QStringLiteral("u/ds/a")));
    QVERIFY(writeFile(r, QStringLiteral("u/stray.txt")));
    QVERIFY(writeFile(r, QStringLiteral("top.txt")));
    QVERIFY(writeFile(r, QStringLiteral(".hidden-top")));
    QVERIFY(writeFile(r, QStringLiteral(".hiddenuser/ds/b")));
    setTreeMtime(r, baseTime());
    const ScanResult res = scanOk(optionsFor(r), m_clock);
    QCOMPARE(datasetNames(res), QStringList{"ds"});
    QStringList problems;
    for (const SkippedEntry &p : res.problems)
        problems << p.path.mid(r.size());
    QCOMPARE(problems, (QStringList{"/top.txt", "/u/stray.txt"}));
}

void TestScanner::missingDataDirectoryIsUserError()
{
    QTemporaryDir dir;
    ScanOptions o = optionsFor(dir.path() + QStringLiteral("/missing"));
    Result<ScanResult> r = Scanner(o, m_clock).scan();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::User);
    QVERIFY(r.error().message.contains(QLatin1String("does not exist")));

    QVERIFY(writeFile(dir.path(), QStringLiteral("file")));
    o.dataDirectory = dir.path() + QStringLiteral("/file");
    r = Scanner(o, m_clock).scan();
    QCOMPARE(r.error().kind, ErrorKind::User);
    QVERIFY(r.error().message.contains(QLatin1String("not a folder")));

    o.dataDirectory.clear();
    r = Scanner(o, m_clock).scan();
    QCOMPARE(r.error().kind, ErrorKind::User);
}

void TestScanner::cancelStops()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.path(), QStringLiteral("u/ds/a")));
    std::atomic_bool cancel{true};
    const Result<ScanResult> r = Scanner(optionsFor(dir.path()), m_clock).scan(&cancel);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Cancelled);
}

void TestScanner::parallelEqualsSerial()
{
    QTemporaryDir dir;
    for (int u = 0; u < 3; ++u)
        for (int d = 0; d < 7; ++d)
            for (int f = 0; f < 5; ++f)
                QVERIFY(writeFile(dir.path(), QStringLiteral("user%1/ds%2/sub%3/f%4").arg(u).arg(d).arg(f % 2).arg(f),
                                  f + 1));
    setTreeMtime(dir.path(), baseTime());
    ScanOptions o = optionsFor(dir.path());
    o.threads = 1;
    const ScanResult serial = scanOk(o, m_clock);
    o.threads = 4;
    const ScanResult parallel = scanOk(o, m_clock);
    QCOMPARE(serial.datasets.size(), 21);
    QCOMPARE(parallel.datasets.size(), 21);
    for (int i = 0; i < serial.datasets.size(); ++i) {
        QCOMPARE(parallel.datasets[i].path, serial.datasets[i].path);
        QCOMPARE(fileNames(parallel.datasets[i]), fileNames(serial.datasets[i]));
        QCOMPARE(parallel.datasets[i].bytes, 15);
    }
}

QTEST_GUILESS_MAIN(TestScanner)
#include "tst_scanner.moc"
