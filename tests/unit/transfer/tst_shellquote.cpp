#include "transfer/ShellQuote.h"

#include <QProcess>
#include <QtTest>

using namespace tardigrade;

// Every remote path that reaches a shell goes through shellQuote(); here a
// real /bin/sh must hand each hostile argument back byte for byte.
class TestShellQuote : public QObject {
    Q_OBJECT

private slots:
    void roundTripsThroughSh_data()
    {
        QTest::addColumn<QByteArray>("argument");
        QTest::newRow("plain") << QByteArray("/var/staging/file.txt");
        QTest::newRow("percent 20") << QByteArray("/var/staging/Dataset%202-1/readme.txt");
        QTest::newRow("spaces") << QByteArray("a b  c ");
        QTest::newRow("single quotes") << QByteArray("it's 'quoted' ''");
        QTest::newRow("double quotes") << QByteArray("say \"hi\"");
        QTest::newRow("dollar") << QByteArray("$HOME ${PATH} $(id)");
        QTest::newRow("semicolon") << QByteArray("a; rm -rf /tmp/nothing; b");
        QTest::newRow("backticks") << QByteArray("`id` and `whoami`");
        QTest::newRow("backslashes") << QByteArray("a\\b\\\\c\\'");
        QTest::newRow("glob") << QByteArray("*?[a-z]~");
        QTest::newRow("pipes and redirects") << QByteArray("a|b>c<d&e");
        QTest::newRow("unicode") << QByteArray("Ünïcødé 数据 🧪");
        QTest::newRow("leading dash") << QByteArray("-rf");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("tab") << QByteArray("a\tb");
        QTest::newRow("newline") << QByteArray("a\nb");
    }
    void roundTripsThroughSh()
    {
        QFETCH(QByteArray, argument);
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), QString::fromUtf8("printf %s " + shellQuote(argument))});
        QVERIFY(sh.waitForFinished(10000));
        QCOMPARE(sh.exitCode(), 0);
        QCOMPARE(sh.readAllStandardOutput(), argument);
    }

    void format()
    {
        QCOMPARE(shellQuote("a'b"), QByteArray("'a'\\''b'"));
        QCOMPARE(shellQuote(""), QByteArray("''"));
    }
};

QTEST_GUILESS_MAIN(TestShellQuote)
#include "tst_shellquote.moc"
