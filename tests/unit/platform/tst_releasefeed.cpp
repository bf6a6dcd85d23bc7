// The opt-in update check's two pure parts: reading GitHub's "latest
// release" answer and deciding whether its version is newer than ours.
#include "TinyHttpServer.h"
#include "platform/ReleaseFeed.h"

#include <QTest>

using namespace tardigrade;

class TestReleaseFeed : public QObject {
    Q_OBJECT
private slots:
    void readsTheLatestRelease()
    {
        const auto release = ReleaseFeed::parse(testhttp::releaseJson(QStringLiteral("v1.2.0")));
        QVERIFY(release);
        QCOMPARE(release->version, QStringLiteral("1.2.0"));
        QCOMPARE(release->notes, QUrl(QStringLiteral("https://github.com/mytardis/tardigrade/releases/tag/v1.2.0")));
        QVERIFY(release->body.contains(QLatin1String("faster scans")));
        QVERIFY(QString::fromLatin1(ReleaseFeed::DefaultUrl).startsWith(QLatin1String("https://api.github.com/repos/")));
    }

    void rejectsWhatIsNoRelease_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("junk") << QByteArray("<html>rate limited</html>");
        QTest::newRow("error answer") << QByteArray("{\"message\":\"Not Found\",\"documentation_url\":\"https://x\"}");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("no version") << testhttp::releaseJson(QStringLiteral("nightly"));
        QTest::newRow("draft") << testhttp::releaseJson(QStringLiteral("v9.0")).replace("\"draft\":false", "\"draft\":true");
        QTest::newRow("pre-release")
            << testhttp::releaseJson(QStringLiteral("v9.0")).replace("\"prerelease\":false", "\"prerelease\":true");
        QTest::newRow("not a web page") << QByteArray("{\"tag_name\":\"v9.0\",\"html_url\":\"file:///etc/passwd\"}");
    }
    void rejectsWhatIsNoRelease()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!ReleaseFeed::parse(json));
    }

    void comparesVersions_data()
    {
        QTest::addColumn<QString>("candidate");
        QTest::addColumn<QString>("current");
        QTest::addColumn<bool>("newer");
        QTest::newRow("patch") << "0.1.1" << "0.1.0" << true;
        QTest::newRow("minor, with v") << "v0.2" << "0.1.0" << true;
        QTest::newRow("numbers, not text") << "1.10.0" << "1.9.3" << true;
        QTest::newRow("equal") << "0.1.0" << "0.1.0" << false;
        QTest::newRow("equal, shorter") << "v0.1" << "0.1.0" << false;
        QTest::newRow("older") << "0.0.9" << "0.1.0" << false;
        QTest::newRow("suffix ignored") << "0.2.0-rc1" << "0.1.0" << true;
        QTest::newRow("dev build is its release") << "0.1.0" << "0.1.0-dev" << false;
        QTest::newRow("no version") << "latest" << "0.1.0" << false;
        QTest::newRow("ours unknown") << "1.0" << "" << false;
    }
    void comparesVersions()
    {
        QFETCH(QString, candidate);
        QFETCH(QString, current);
        QFETCH(bool, newer);
        QCOMPARE(ReleaseFeed::isNewer(candidate, current), newer);
    }
};

QTEST_GUILESS_MAIN(TestReleaseFeed)
#include "tst_releasefeed.moc"
