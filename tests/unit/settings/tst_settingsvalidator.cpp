// Every local validation problem as its own sentence, from a table: a valid
// baseline plus one change gives exactly the one expected problem.
#include "settings/SettingsValidator.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include "TestHost.h"

using namespace tardigrade;

using Changes = QList<QPair<QString, QString>>;
Q_DECLARE_METATYPE(Changes)

class TestSettingsValidator : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_data;
    // Noon on 15 June 2026, local time.
    FakeClock m_clock{QDateTime(QDate(2026, 6, 15), QTime(12, 0, 0))};

    // $DATA, $TEXT, $BINARY, $DIR, $MISSING name things made in initTestCase.
    QString expand(QString v) const
    {
        v.replace(QStringLiteral("$DATA"), m_data);
        v.replace(QStringLiteral("$TEXT"), m_dir.filePath(QStringLiteral("patterns.txt")));
        v.replace(QStringLiteral("$BINARY"), m_dir.filePath(QStringLiteral("patterns.bin")));
        v.replace(QStringLiteral("$DIR"), m_dir.filePath(QStringLiteral("a-folder")));
        v.replace(QStringLiteral("$MISSING"), m_dir.filePath(QStringLiteral("not-there")));
        return v;
    }

    Settings valid() const
    {
        Settings s;
        const QList<QPair<const char *, QString>> rows = {
            {"instrument_name", QStringLiteral("Test Instrument")},
            {"facility_name", QStringLiteral("Test Facility")},
            {"contact_name", QStringLiteral("MyData Tester")},
            {"contact_email", QStringLiteral("MyData.Tester@example.com")},
            {"data_directory", m_data},
            {"mytardis_url", QStringLiteral("http://127.0.0.1:9000")},
            {"username", QStringLiteral("testfacility")},
            {"api_key", QStringLiteral("key")},
        };
        for (const auto &r : rows)
            s.setRawValueNamed(QString::fromLatin1(r.first), r.second);
        return s;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_data = m_dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(m_data + QStringLiteral("/alice/Dataset 1")));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("a-folder"))));
        QFile text(m_dir.filePath(QStringLiteral("patterns.txt")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("# globs\n*.tmp\n");
        text.close();
        QFile bin(m_dir.filePath(QStringLiteral("patterns.bin")));
        QVERIFY(bin.open(QIODevice::WriteOnly));
        bin.write(QByteArray("\x7f"
                             "ELF\0\0\x01",
                             7));
    }

    void baselineIsValid() { QCOMPARE(SettingsValidator::validateLocally(valid(), m_clock), QStringList()); }

    void emptySettingsListEveryRequiredField()
    {
        const QStringList problems = SettingsValidator::validateLocally(Settings(), m_clock);
        QCOMPARE(problems.size(), 8);
        for (const char *key : {"instrument_name", "facility_name", "contact_name", "contact_email", "data_directory",
                                "mytardis_url", "username", "api_key"})
            QVERIFY2(problems.filter(QStringLiteral("(%1) is empty").arg(QString::fromLatin1(key))).size() == 1, key);
    }

    void oneProblem_data()
    {
        QTest::addColumn<Changes>("changes");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, Changes c, const char *expected) {
            QTest::newRow(name) << c << QString::fromUtf8(expected);
        };
        auto kv = [](const char *k, const char *v) { return qMakePair(QString::fromLatin1(k), QString::fromUtf8(v)); };

        for (const char *key : {"instrument_name", "facility_name", "contact_name", "contact_email", "data_directory",
                                "mytardis_url", "username", "api_key"})
            row(key, {kv(key, "  ")}, QByteArray(QByteArray("(") + key + ") is empty: ").constData());

        row("email without @", {kv("contact_email", "tester.example.com")}, "is not an email address");
        row("email without domain dot", {kv("contact_email", "tester@localhost")}, "is not an email address");
        row("url without scheme", {kv("mytardis_url", "mytardis.example.org")}, "is not a web address");
        row("url ftp", {kv("mytardis_url", "ftp://mytardis.example.org")}, "is not a web address");
        row("url no host", {kv("mytardis_url", "https://")}, "is not a web address");

        row("data dir missing", {kv("data_directory", "$MISSING")}, "does not exist: create it or choose");
        row("data dir is a file", {kv("data_directory", "$TEXT")}, "is a file, not a folder");

        row("unknown structure", {kv("folder_structure", "Username / Project")}, "is not one Tardigrade knows");

        row("once without date", {kv("schedule_type", "Once"), kv("scheduled_time", "10:00:00")},
            "A Once schedule needs a date and a time");
        row("once without time", {kv("schedule_type", "Once"), kv("scheduled_date", "2026-07-01")},
            "A Once schedule needs a date and a time");
        row("once in the past",
            {kv("schedule_type", "Once"), kv("scheduled_date", "2026-06-15"), kv("scheduled_time", "11:59:59")},
            "The Once schedule is set for 2026-06-15 11:59:59, which is in the past");
        row("daily without time", {kv("schedule_type", "Daily")}, "A Daily schedule needs a time of day");
        row("weekly without day", {kv("schedule_type", "Weekly"), kv("scheduled_time", "10:00:00")},
            "A Weekly schedule needs at least one day");
        row("timer zero", {kv("schedule_type", "Timer"), kv("timer_minutes", "0")},
            "The timer interval (timer_minutes) must be at least 1 minute, not 0.");

        row("includes not chosen", {kv("use_includes_file", "True")},
            "use_includes_file is True but no includes file is chosen");
        row("includes missing", {kv("use_includes_file", "True"), kv("includes_file", "$MISSING")},
            "The includes file (includes_file) \"");
        row("includes is a folder", {kv("use_includes_file", "True"), kv("includes_file", "$DIR")}, "\" is a folder: ");
        row("includes binary", {kv("use_includes_file", "True"), kv("includes_file", "$BINARY")},
            "\" is not a text file: ");
        row("excludes missing", {kv("use_excludes_file", "True"), kv("excludes_file", "$MISSING")},
            "\" does not exist: choose a text file with one glob pattern per line, or set use_excludes_file to False.");
        row("excludes binary", {kv("use_excludes_file", "True"), kv("excludes_file", "$BINARY")},
            "The excludes file (excludes_file)");

        row("bool", {kv("locked", "maybe")}, "locked must be True or False, not \"maybe\".");
        row("int", {kv("max_upload_threads", "five")}, "max_upload_threads must be a whole number, not \"five\".");
        row("date", {kv("scheduled_date", "25/08/2015")}, "scheduled_date must be a date written YYYY-MM-DD");
        row("time", {kv("timer_to_time", "25:99")}, "timer_to_time must be a time written HH:MM:SS");
        row("choice", {kv("schedule_type", "Sometimes")}, "schedule_type must be one of:");
        row("unit", {kv("ignore_interval_unit", "fortnights")}, "ignore_interval_unit must be one of:");

        row("upload threads", {kv("max_upload_threads", "0")},
            "The number of upload threads (max_upload_threads) must be at least 1, not 0.");
        row("verification threads", {kv("max_verification_threads", "-2")}, "must be at least 1, not -2.");
        row("negative retries", {kv("max_upload_retries", "-1")}, "max_upload_retries must be 0 or more, not -1.");
    }
    void oneProblem()
    {
        QFETCH(Changes, changes);
        QFETCH(QString, expected);
        Settings s = valid();
        for (const auto &c : changes)
            s.setRawValueNamed(c.first, expand(c.second));
        const QStringList problems = SettingsValidator::validateLocally(s, m_clock);
        QVERIFY2(problems.size() == 1, qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY2(problems.first().contains(expected), qPrintable(problems.first()));
        QVERIFY2(problems.first().endsWith(QLatin1Char('.')), qPrintable(problems.first()));
    }

    void noProblem_data()
    {
        QTest::addColumn<Changes>("changes");
        auto kv = [](const char *k, const char *v) { return qMakePair(QString::fromLatin1(k), QString::fromUtf8(v)); };
        QTest::newRow("once in the future") << Changes{kv("schedule_type", "Once"), kv("scheduled_date", "2026-06-15"),
                                                       kv("scheduled_time", "12:00:01")};
        QTest::newRow("weekly with a day")
            << Changes{kv("schedule_type", "Weekly"), kv("scheduled_time", "01:00:00"), kv("sunday_checked", "True")};
        QTest::newRow("timer 1") << Changes{kv("schedule_type", "Timer"), kv("timer_minutes", "1")};
        QTest::newRow("timer 0 but manual") << Changes{kv("timer_minutes", "0")};
        QTest::newRow("includes text") << Changes{kv("use_includes_file", "True"), kv("includes_file", "$TEXT")};
        QTest::newRow("binary but unused") << Changes{kv("use_excludes_file", "False"), kv("excludes_file", "$BINARY")};
        QTest::newRow("https url with path") << Changes{kv("mytardis_url", "https://example.org/mytardis/")};
        QTest::newRow("unknown key") << Changes{kv("upload_method", "SCP")};
        QTest::newRow("email structure off")
            << Changes{kv("folder_structure", "Email / Dataset"), kv("validate_folder_structure", "False")};
    }
    void noProblem()
    {
        QFETCH(Changes, changes);
        Settings s = valid();
        for (const auto &c : changes)
            s.setRawValueNamed(c.first, expand(c.second));
        const QStringList problems = SettingsValidator::validateLocally(s, m_clock);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void emailStructureChecksEachOwnerFolder()
    {
        QTemporaryDir dir;
        for (const char *f : {"alice@example.org", "bob", "carol.example.org", "dave@uni.edu.au"})
            QVERIFY(QDir().mkpath(dir.filePath(QString::fromLatin1(f))));
        QFile file(dir.filePath(QStringLiteral("notes.txt"))); // a file, not an owner folder
        QVERIFY(file.open(QIODevice::WriteOnly));
        Settings s = valid();
        s.setRawValue(SettingKey::DataDirectory, dir.path());
        s.setRawValue(SettingKey::FolderStructure, QStringLiteral("Email / Experiment / Dataset"));
        const QStringList problems = SettingsValidator::validateLocally(s, m_clock);
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems.at(0).startsWith(QStringLiteral("The folder \"bob\" in the data directory is not an email")));
        QVERIFY(problems.at(1).startsWith(QStringLiteral("The folder \"carol.example.org\"")));
    }

    void everyProblemAtOnce()
    {
        Settings s = valid();
        s.setRawValue(SettingKey::ContactEmail, QStringLiteral("nobody"));
        s.setRawValue(SettingKey::ScheduleType, QStringLiteral("Weekly"));
        s.setRawValue(SettingKey::MaxUploadThreads, QStringLiteral("0"));
        s.setRawValue(SettingKey::DataDirectory, expand(QStringLiteral("$MISSING")));
        QCOMPARE(SettingsValidator::validateLocally(s, m_clock).size(), 5); // weekly: no time and no day
    }

    void unreadableDataDirectory()
    {
        if (!testhost::permissionsStopReading())
            QSKIP("root (or Windows) reads every folder");
        QTemporaryDir dir;
        const QString locked = dir.filePath(QStringLiteral("locked"));
        QVERIFY(QDir().mkpath(locked));
        QVERIFY(QFile::setPermissions(locked, QFileDevice::WriteOwner));
        Settings s = valid();
        s.setRawValue(SettingKey::DataDirectory, locked);
        const QStringList problems = SettingsValidator::validateLocally(s, m_clock);
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().contains(QStringLiteral("cannot be read")));
    }
};

QTEST_GUILESS_MAIN(TestSettingsValidator)
#include "tst_settingsvalidator.moc"
