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
};

QTEST_GUILESS_MAIN(TestStagingPath)
#include "tst_stagingpath.moc"
