// The SQLite lookup cache on its own: a hit needs the same server, dataset,
// path, size and mtime; entries survive reopening; forget/clear work.
#include "catalogue/DataFileLookupCache.h"
#include "util/SqliteDatabase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tardigrade;

class TestLookupCache : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    const QDateTime m_mtime = QDateTime::fromMSecsSinceEpoch(1763800000123LL, Qt::UTC);

private slots:
    void hitsAndMisses_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<qint64>("dataset");
        QTest::addColumn<QString>("directory");
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("mtimeShiftMs");
        QTest::addColumn<bool>("hit");
        const QString s = QStringLiteral("http://h:9000");
        QTest::newRow("same") << s << qint64(3) << QStringLiteral("a/b") << QStringLiteral("f.dat") << qint64(10)
                              << qint64(0) << true;
        QTest::newRow("trailing slash on url") << s + QLatin1Char('/') << qint64(3) << QStringLiteral("a/b")
                                               << QStringLiteral("f.dat") << qint64(10) << qint64(0) << true;
        QTest::newRow("size changed") << s << qint64(3) << QStringLiteral("a/b") << QStringLiteral("f.dat")
                                      << qint64(11) << qint64(0) << false;
        QTest::newRow("touched") << s << qint64(3) << QStringLiteral("a/b") << QStringLiteral("f.dat") << qint64(10)
                                 << qint64(1) << false;
        QTest::newRow("other dataset") << s << qint64(4) << QStringLiteral("a/b") << QStringLiteral("f.dat")
                                       << qint64(10) << qint64(0) << false;
        QTest::newRow("other directory") << s << qint64(3) << QStringLiteral("a") << QStringLiteral("f.dat")
                                         << qint64(10) << qint64(0) << false;
        QTest::newRow("other server") << QStringLiteral("https://other") << qint64(3) << QStringLiteral("a/b")
                                      << QStringLiteral("f.dat") << qint64(10) << qint64(0) << false;
    }

    void hitsAndMisses()
    {
        QFETCH(QString, server);
        QFETCH(qint64, dataset);
        QFETCH(QString, directory);
        QFETCH(QString, name);
        QFETCH(qint64, size);
        QFETCH(qint64, mtimeShiftMs);
        QFETCH(bool, hit);
        const QString path =
            m_dir.filePath(QStringLiteral("lookups-%1.sqlite").arg(QLatin1String(QTest::currentDataTag()).size()));
        {
            DataFileLookupCache writer(path, QStringLiteral("http://h:9000"));
            QVERIFY(writer.open().ok());
            QVERIFY(
                writer.rememberVerified({{3, QStringLiteral("a/b"), QStringLiteral("f.dat"), 77, 10, m_mtime}}).ok());
        }
        DataFileLookupCache reader(path, server); // reopened: persisted
        QVERIFY(reader.open().ok());
        const auto id = reader.verifiedId(dataset, directory, name, size, m_mtime.addMSecs(mtimeShiftMs));
        QCOMPARE(id.has_value(), hit);
        if (hit)
            QCOMPARE(*id, 77);
    }

    void countsThisServersEntries()
    {
        DataFileLookupCache c(m_dir.filePath(QStringLiteral("fc.sqlite")), QStringLiteral("http://h"));
        QVERIFY(c.open().ok());
        QVERIFY(c.rememberVerified({{1, QString(), QStringLiteral("a"), 1, 1, m_mtime},
                                    {1, QString(), QStringLiteral("b"), 2, 1, m_mtime}})
                    .ok());
        QCOMPARE(c.count(), 2);
        DataFileLookupCache other(m_dir.filePath(QStringLiteral("fc.sqlite")), QStringLiteral("http://other"));
        QVERIFY(other.open().ok());
        QCOMPARE(other.count(), 0);
        QVERIFY(!other.verifiedId(1, QString(), QStringLiteral("a"), 1, m_mtime));
    }

    // A cache an older version filled may hold a file rewritten in place as
    // verified (it remembered any verified record of the same size): it is
    // emptied once, and what this version remembers stays.
    void entriesOfAnOlderVersionAreForgotten()
    {
        const QString path = m_dir.filePath(QStringLiteral("old-version.sqlite"));
        const CachedLookup entry{3, QString(), QStringLiteral("frame.tif"), 77, 10, m_mtime};
        {
            DataFileLookupCache cache(path, QStringLiteral("http://h:9000"));
            QVERIFY(cache.open().ok());
            QVERIFY(cache.rememberVerified({entry}).ok());
        }
        {
            auto db = SqliteDatabase::open(path, QStringLiteral("test"));
            QVERIFY(db.ok());
            QVERIFY((*db)->exec("PRAGMA user_version = 0").ok()); // as the older version left it
        }
        DataFileLookupCache reopened(path, QStringLiteral("http://h:9000"));
        QVERIFY(reopened.open().ok());
        QCOMPARE(reopened.count(), 0);
        QVERIFY(reopened.rememberVerified({entry}).ok());
        DataFileLookupCache again(path, QStringLiteral("http://h:9000"));
        QVERIFY(again.open().ok());
        QCOMPARE(again.count(), 1);
    }

    void unopenedIsHarmless()
    {
        DataFileLookupCache c(m_dir.filePath(QStringLiteral("nope/none/x.sqlite")), QStringLiteral("http://h"));
        QVERIFY(!c.open().ok());
        QVERIFY(!c.isOpen());
        QVERIFY(!c.verifiedId(1, QString(), QStringLiteral("a"), 1, m_mtime));
        QVERIFY(c.rememberVerified({{1, QString(), QStringLiteral("a"), 1, 1, m_mtime}}).ok());
    }
};

QTEST_GUILESS_MAIN(TestLookupCache)
#include "tst_lookupcache.moc"
