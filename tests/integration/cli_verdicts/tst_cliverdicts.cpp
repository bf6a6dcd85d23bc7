// Every settings rule a user can break, through `validate`, `test-run` and
// `upload` with the real binary against the stand-in: all three give the same
// verdict (exit 1) and name the same setting. `validate` checks without the
// network, so a setting only the server refuses (a wrong API key) is left to
// the other two.
#include "CliRun.h"
#include "DataTree.h"
#include "StandinProcess.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace tardigrade::test;

class TestCliVerdicts : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void everyRuleHasOneVerdict_data()
    {
        QTest::addColumn<QString>("key");   // the setting to change
        QTest::addColumn<QString>("value"); // "@file" / "@missing": a file / a path that does not exist
        QTest::addColumn<QString>("named"); // what every command's message must name
        QTest::addColumn<bool>("offline");  // validate can tell without the server
        QTest::newRow("instrument name empty") << "instrument_name" << "" << "instrument_name" << true;
        QTest::newRow("facility name empty") << "facility_name" << "" << "facility_name" << true;
        QTest::newRow("contact name empty") << "contact_name" << "" << "contact_name" << true;
        QTest::newRow("contact email malformed") << "contact_email" << "dana at example" << "contact_email" << true;
        QTest::newRow("URL malformed") << "mytardis_url" << "mytardis.example" << "mytardis_url" << true;
        QTest::newRow("username empty") << "username" << "" << "username" << true;
        QTest::newRow("data directory missing") << "data_directory" << "@missing" << "data_directory" << true;
        QTest::newRow("data directory is a file") << "data_directory" << "@file" << "data_directory" << true;
        QTest::newRow("includes file missing") << "includes_file" << "@missing" << "includes_file" << true;
        QTest::newRow("timer of 0 minutes") << "timer_minutes" << "0" << "timer_minutes" << true;
        QTest::newRow("threads 0") << "max_upload_threads" << "0" << "max_upload_threads" << true;
        QTest::newRow("facility unknown to the server") << "facility_name" << "No Such Facility" << "facility_name"
                                                        << false;
        QTest::newRow("API key refused") << "api_key" << "wrong-key" << "api_key" << false;
    }

    void everyRuleHasOneVerdict()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, named);
        QFETCH(bool, offline);
        const QString dir = m_server.tempPath() + QStringLiteral("/") + QString::fromLatin1(QTest::currentDataTag());
        QVERIFY(QDir().mkpath(dir));
        if (value == QLatin1String("@missing")) {
            value = dir + QStringLiteral("/not here");
        } else if (value == QLatin1String("@file")) {
            value = dir + QStringLiteral("/a file");
            QFile f(value);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        QMap<QString, QString> overrides{{QStringLiteral("data_directory"), m_server.dataDir()},
                                         {QStringLiteral("ignore_new_files"), QStringLiteral("False")}};
        if (key == QLatin1String("includes_file"))
            overrides.insert(QStringLiteral("use_includes_file"), QStringLiteral("True"));
        if (key == QLatin1String("timer_minutes"))
            overrides.insert(QStringLiteral("schedule_type"), QStringLiteral("Timer"));
        overrides.insert(key, value);
        const QString cfg = dir + QStringLiteral("/MyData.cfg");
        QVERIFY(m_server.writeConfig(cfg, overrides));

        QStringList commands{QStringLiteral("test-run"), QStringLiteral("upload")};
        if (offline)
            commands.prepend(QStringLiteral("validate"));
        for (const QString &command : commands) {
            const CliResult r = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {command});
            QVERIFY2(r.exitCode == 1, qPrintable(command + QStringLiteral(": ") + r.describe()));
            const QString err = QString::fromUtf8(r.err);
            QVERIFY2(err.contains(named), qPrintable(command + QStringLiteral(" does not name ") + named +
                                                     QStringLiteral(": ") + err));
        }
        if (!offline) { // the server's refusal is not something validate can see
            const CliResult r = runTardigrade(QStringLiteral(TARDIGRADE_BIN), cfg, {QStringLiteral("validate")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        }
    }

private:
    StandinProcess m_server;
};

QTEST_GUILESS_MAIN(TestCliVerdicts)
#include "tst_cliverdicts.moc"
