#include "sync/StagingPath.h"

#include <QtTest>

using namespace tardigrade;

// Staging sends a file before it is registered, to the path the server will
// name (mytardis-api.md 11b); a wrong guess costs a move on the staging
// host, so the guess must match the server's rule for ordinary names.
class TestStagingPath : public QObject {
    Q_OBJECT

private slots:
    void followsTheServersRule_data()
    {
        QTest::addColumn<QByteArray>("location");
        QTest::addColumn<QString>("description");
        QTest::addColumn<qint64>("datasetId");
        QTest::addColumn<QString>("directory");
        QTest::addColumn<QString>("filename");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("the contract's example") << QByteArray("/var/staging") << QStringLiteral("Dataset 2") << qint64(1)
                                                << QString() << QStringLiteral("readme.txt")
                                                << QByteArray("/var/staging/Dataset%202-1/readme.txt");
        QTest::newRow("trailing slashes, a directory")
            << QByteArray("/var/staging//") << QStringLiteral("Run_1.a~b-c") << qint64(42)
            << QStringLiteral("sub dir/deeper") << QStringLiteral("it's.tif")
            << QByteArray("/var/staging/Run_1.a~b-c-42/sub dir/deeper/it's.tif");
        // The description is quoted (UTF-8, "/" too); the directory and the
        // file name are used as they are.
        QTest::newRow("quoted description only")
            << QByteArray("/s") << QStringLiteral("Ünï/cødé 100%") << qint64(7) << QStringLiteral("数据")
            << QStringLiteral("a b.raw")
            << QByteArray("/s/%C3%9Cn%C3%AF%2Fc%C3%B8d%C3%A9%20100%25-7/") + QStringLiteral("数据").toUtf8() +
                   "/a b.raw";
    }
    void followsTheServersRule()
    {
        QFETCH(QByteArray, location);
        QFETCH(QString, description);
        QFETCH(qint64, datasetId);
        QFETCH(QString, directory);
        QFETCH(QString, filename);
        QFETCH(QByteArray, expected);
        QCOMPARE(predictedStagingPath(location, description, datasetId, directory, filename), expected);
    }

    // Names are taken back from a path this location and dataset predicted,
    // and from nothing else.
    void stagedNamesComeOnlyFromPredictedPaths()
    {
        const QByteArray root = "/staging/";
        const QByteArray path =
            predictedStagingPath(root, QStringLiteral("A/B c"), 7, QStringLiteral("x/y z"), QStringLiteral("f.raw"));
        const auto name = stagedFileNameOf(root, 7, path);
        QVERIFY(name.has_value());
        QCOMPARE(name->directory, QStringLiteral("x/y z"));
        QCOMPARE(name->filename, QStringLiteral("f.raw"));
        const auto top = stagedFileNameOf(root, 7, predictedStagingPath(root, QStringLiteral("A"), 7, {}, "f"));
        QVERIFY(top.has_value() && top->directory.isEmpty() && top->filename == QLatin1String("f"));
        QVERIFY(!stagedFileNameOf(root, 8, path).has_value());                    // another dataset
        QVERIFY(!stagedFileNameOf("/elsewhere", 7, path).has_value());            // another location
        QVERIFY(!stagedFileNameOf(root, 7, "/staging/A-7/").has_value());         // no name
        QVERIFY(!stagedFileNameOf(root, 7, "/staging/A-7/\xff.raw").has_value()); // not UTF-8
    }
};

QTEST_GUILESS_MAIN(TestStagingPath)
#include "tst_stagingpath.moc"
