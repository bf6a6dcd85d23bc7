// MyData.cfg read and write: real files round-trip, broken ones name their
// line, saves are atomic and private, the API key lives in the secret store.
#include "settings/InstallationUuid.h"
#include "settings/SecretStore.h"
#include "settings/SettingsFile.h"
#include "settings/SettingsSchema.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace tardigrade;

namespace {

// The example of /work/shared/mytardis-api.md, as the original's tests used.
const QByteArray kExample = QByteArrayLiteral("[MyData]\n"
                                              "instrument_name = Test Instrument\n"
                                              "facility_name = Test Facility\n"
                                              "data_directory = /Users/Shared/DemoData\n"
                                              "contact_name = MyData Tester\n"
                                              "contact_email = MyData.Tester@example.com\n"
                                              "mytardis_url = http://127.0.0.1:9000\n"
                                              "username = testfacility\n"
                                              "api_key = ????????\n"
                                              "schedule_type = On Startup\n"
                                              "scheduled_date = 2015-08-25\n"
                                              "scheduled_time = 02:46:00\n"
                                              "timer_minutes = 15\n"
                                              "timer_from_time = 00:00:00\n"
                                              "timer_to_time = 23:59:00\n"
                                              "folder_structure = Username / Dataset\n"
                                              "ignore_interval_number = 6\n"
                                              "ignore_interval_unit = months\n"
                                              "upload_method = SCP\n"
                                              "max_upload_threads = 1\n"
                                              "upload_invalid_user_folders = False\n"
                                              "uuid = 1234567890\n");

// A file as MyData wrote it on Windows, edited by hand: CRLF, a byte order
// mark, every separator configparser accepts, comments, backslashes, commas,
// percent signs, non-ASCII, a continuation line.
const QByteArray kWindows = QByteArrayLiteral("\xEF\xBB\xBF[MyData]\r\n"
                                              "; written by MyData 0.9 on Windows\r\n"
                                              "# comment line\r\n"
                                              "instrument_name = Mikroskop \xC3\x9C"
                                              "berall \xE2\x84\x96"
                                              "2\r\n"
                                              "facility_name=Facility, with commas\r\n"
                                              "contact_name: Zo\xC3\xAB O%Brien\r\n"
                                              "Contact_Email = zoe@example.org\r\n"
                                              "data_directory = C:\\MyTardisUsers\r\n"
                                              "mytardis_url = https://mytardis.example.org/\r\n"
                                              "username = facility\r\n"
                                              "schedule_type = Weekly\r\n"
                                              "scheduled_time = 23:15:00\r\n"
                                              "monday_checked = True\r\n"
                                              "tuesday_checked = False\r\n"
                                              "includes_file = \\\\server\\share\\includes.txt\r\n"
                                              "use_includes_file = True\r\n"
                                              "cipher = aes128-gcm@openssh.com,aes128-ctr\r\n"
                                              "dataset_filter = 100% done, %(name)s\r\n"
                                              "upload_method = HTTP POST\r\n"
                                              "extra_windows_key = D:\\Data\\Gr\xC3\xB6\xC3\x9F"
                                              "e 50%\r\n"
                                              "user_filter = first line\r\n"
                                              "    second line\r\n"
                                              "scheduled_date = 2016-02-29\r\n"
                                              "\r\n");

QString u8(const char *s)
{
    return QString::fromUtf8(s);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

const auto kPrivate = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QFileDevice::Permissions unixBits(const QString &path)
{
    // ReadUser/WriteUser mirror the owner bits for the current user; compare
    // only the owner/group/other bits.
    const auto p = QFile::permissions(path);
    return p & (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther |
                QFileDevice::ExeOther);
}

} // namespace

class TestSettingsFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase()
    {
        qputenv("TARDIGRADE_SECRET_STORE", "file");
        QVERIFY(m_dir.isValid());
    }

    void exampleMatchesApiDoc()
    {
        QFile md(QStringLiteral(TARDIGRADE_TEST_DATA_DIR "/mytardis-api.md"));
        QVERIFY2(md.open(QIODevice::ReadOnly), qPrintable(md.fileName()));
        const QByteArray text = md.readAll();
        const qsizetype at = text.indexOf("A real-world example file");
        QVERIFY(at > 0);
        const qsizetype open = text.indexOf("```\n", at) + 4;
        const qsizetype close = text.indexOf("```", open);
        QCOMPARE(text.mid(open, close - open), kExample);
    }

    void exampleValues_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        const QList<QPair<const char *, const char *>> rows = {
            {"instrument_name", "Test Instrument"},
            {"facility_name", "Test Facility"},
            {"data_directory", "/Users/Shared/DemoData"},
            {"contact_name", "MyData Tester"},
            {"contact_email", "MyData.Tester@example.com"},
            {"mytardis_url", "http://127.0.0.1:9000"},
            {"username", "testfacility"},
            {"api_key", "????????"},
            {"schedule_type", "On Startup"},
            {"scheduled_date", "2015-08-25"},
            {"scheduled_time", "02:46:00"},
            {"timer_minutes", "15"},
            {"timer_from_time", "00:00:00"},
            {"timer_to_time", "23:59:00"},
            {"folder_structure", "Username / Dataset"},
            {"ignore_interval_number", "6"},
            {"ignore_interval_unit", "months"},
            {"upload_method", "SCP"},
            {"max_upload_threads", "1"},
            {"upload_invalid_user_folders", "False"},
            {"uuid", "1234567890"},
            // not in the file: defaults
            {"cipher", "aes128-gcm@openssh.com,aes128-ctr"},
            {"ignore_new_files", "True"},
        };
        for (const auto &r : rows)
            QTest::newRow(r.first) << QString::fromLatin1(r.first) << QString::fromLatin1(r.second);
    }
    void exampleValues()
    {
        QFETCH(QString, key);
        QFETCH(QString, expected);
        const QString file = path(QStringLiteral("example-values/MyData.cfg"));
        QDir().mkpath(QFileInfo(file).path());
        writeFile(file, kExample);
        const Result<Settings> s = SettingsFile::load(file);
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QCOMPARE(s->valueNamed(key), expected);
    }

    void exampleRoundTrip()
    {
        const QString in = path(QStringLiteral("example-in/MyData.cfg"));
        const QString out = path(QStringLiteral("example-out/MyData.cfg"));
        QDir().mkpath(QFileInfo(in).path());
        writeFile(in, kExample);
        const Result<Settings> first = SettingsFile::load(in);
        QVERIFY2(first.ok(), qPrintable(first.error().message));
        // upload_method is a known key now (MyData's older files carry it).
        QVERIFY(first->unknownKeys().isEmpty());
        QCOMPARE(first->value(SettingKey::UploadMethod), QStringLiteral("SCP"));
        QVERIFY(SettingsFile::save(*first, out).ok());

        const QByteArray written = readFile(out);
        QVERIFY(written.contains("upload_method = SCP\n"));
        QVERIFY2(!written.contains("api_key"), written.constData());
        QVERIFY(!written.contains("????????"));

        const Result<Settings> second = SettingsFile::load(out);
        QVERIFY2(second.ok(), qPrintable(second.error().message));
        QVERIFY(*first == *second);
        QCOMPARE(second->apiKey(), QStringLiteral("????????"));
        // Every line of the example comes back as it was, but the API key's.
        for (const QByteArray &line : kExample.split('\n'))
            if (!line.startsWith("api_key"))
                QVERIFY2(written.contains(line), line.constData());
        // And saving again writes the same bytes.
        QVERIFY(SettingsFile::save(*second, out).ok());
        QCOMPARE(readFile(out), written);
    }

    void windowsFile()
    {
        const QString in = path(QStringLiteral("win-in/MyData.cfg"));
        QDir().mkpath(QFileInfo(in).path());
        writeFile(in, kWindows);
        const Result<Settings> s = SettingsFile::load(in);
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        QCOMPARE(s->instrumentName(), u8("Mikroskop Überall №2"));
        QCOMPARE(s->facilityName(), u8("Facility, with commas"));
        QCOMPARE(s->value(SettingKey::ContactName), u8("Zoë O%Brien"));
        QCOMPARE(s->value(SettingKey::ContactEmail), u8("zoe@example.org"));
        QCOMPARE(s->dataDirectory(), u8("C:\\MyTardisUsers"));
        QCOMPARE(s->mytardisUrl(), u8("https://mytardis.example.org"));
        QCOMPARE(s->value(SettingKey::IncludesFile), u8("\\\\server\\share\\includes.txt"));
        QCOMPARE(s->value(SettingKey::Cipher), u8("aes128-gcm@openssh.com,aes128-ctr"));
        QCOMPARE(s->value(SettingKey::DatasetFilter), u8("100% done, %(name)s"));
        QCOMPARE(s->valueNamed(QStringLiteral("extra_windows_key")), u8("D:\\Data\\Größe 50%"));
        QCOMPARE(s->value(SettingKey::UserFilter), u8("first line\nsecond line"));
        QCOMPARE(s->boolValue(SettingKey::MondayChecked), true);
        QCOMPARE(s->boolValue(SettingKey::TuesdayChecked), false);
        QCOMPARE(s->dateValue(SettingKey::ScheduledDate), QDate(2016, 2, 29));
        QCOMPARE(s->timeValue(SettingKey::ScheduledTime), QTime(23, 15, 0));
        QCOMPARE(s->unknownKeys(), QStringList{QStringLiteral("extra_windows_key")});
        QCOMPARE(s->value(SettingKey::UploadMethod), QStringLiteral("HTTP POST"));

        const QString out = path(QStringLiteral("win-out/MyData.cfg"));
        QVERIFY(SettingsFile::save(*s, out).ok());
        const QByteArray written = readFile(out);
        // Written literally: no QSettings-style escaping of \ , or %.
        QVERIFY(written.contains("data_directory = C:\\MyTardisUsers"));
        QVERIFY(written.contains("includes_file = \\\\server\\share\\includes.txt"));
        QVERIFY(written.contains("cipher = aes128-gcm@openssh.com,aes128-ctr"));
        QVERIFY(written.contains("extra_windows_key = D:\\Data\\Gr\xC3\xB6\xC3\x9F"
                                 "e 50%"));
        const Result<Settings> back = SettingsFile::load(out);
        QVERIFY(back.ok());
        QVERIFY(*back == *s);
    }

    void writesSchemaOrderThenUnknownKeys()
    {
        Settings s;
        QVERIFY(s.setValueNamed(QStringLiteral("zeta_unknown"), QStringLiteral("1")).ok());
        QVERIFY(s.setValue(SettingKey::Uuid, QStringLiteral("u")).ok());
        QVERIFY(s.setValueNamed(QStringLiteral("alpha_unknown"), QStringLiteral("2")).ok());
        QVERIFY(s.setValue(SettingKey::InstrumentName, QStringLiteral("I")).ok());
        QVERIFY(s.setValue(SettingKey::ScheduleType, QStringLiteral("Daily")).ok());
        QVERIFY(s.setValue(SettingKey::ApiKey, QStringLiteral("secret")).ok());
        QByteArray expected = "[MyData]\n"
                              "instrument_name = I\n"
                              "schedule_type = Daily\n"
                              "uuid = u\n"
                              "zeta_unknown = 1\n"
                              "alpha_unknown = 2\n"
                              "\n";
#ifdef Q_OS_WIN
        expected.replace("\n", "\r\n");
#endif
        QCOMPARE(SettingsFile::serialize(s), expected);
    }

    void brokenFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no separator") << QByteArray("[MyData]\nuuid = 1\njust some words\n")
                                      << "line 3 is not a setting";
        QTest::newRow("before section") << QByteArray("# hello\nuuid = 1\n[MyData]\n")
                                        << "line 2 comes before the [MyData] section header";
        QTest::newRow("open header") << QByteArray("[MyData\nuuid = 1\n") << "line 1 starts a section header";
        QTest::newRow("no key") << QByteArray("[MyData]\r\n\r\n = value\r\n") << "line 3 has a value but no key";
        QTest::newRow("binary") << QByteArray("[MyData]\nuuid = 1\n\0\0\0", 21) << "is not a text file";
        QTest::newRow("other section only") << QByteArray("[Other]\nuuid = 1\n") << "has no [MyData] section";
    }
    void brokenFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString file = path(QStringLiteral("broken.cfg"));
        writeFile(file, content);
        const Result<Settings> s = SettingsFile::load(file);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind, ErrorKind::User);
        QVERIFY2(s.error().message.contains(expected), qPrintable(s.error().message));
        QVERIFY2(s.error().message.contains(QDir::toNativeSeparators(file)), qPrintable(s.error().message));
    }

    // Found by fuzz_settings: a lone CR inside a value was kept, then dropped
    // by the next save, so saving changed a setting. Lines end as Python
    // reads them (universal newlines), so a lone CR ends a line.
    void loneCarriageReturnEndsALine()
    {
        const Result<Settings> mac =
            SettingsFile::parse("[MyData]\rinstrument_name = Krios\rcontact_name = Jo\r", QStringLiteral("f"));
        QVERIFY2(mac.ok(), qPrintable(mac.error().message));
        QCOMPARE(mac->instrumentName(), QStringLiteral("Krios"));
        QCOMPARE(mac->value(SettingKey::ContactName), QStringLiteral("Jo"));

        const QByteArray fuzzed = "\xEF\xBB\xBF[MyData]\r\ninstrument_name = Ksr \r o0i\r\nuuid = 1\r\n";
        const Result<Settings> read = SettingsFile::parse(fuzzed, QStringLiteral("f"));
        QVERIFY2(read.ok(), qPrintable(read.error().message));
        QCOMPARE(read->instrumentName(), QStringLiteral("Ksr\no0i")); // the indented rest continues the value
        const Result<Settings> saved = SettingsFile::parse(SettingsFile::serialize(*read), QStringLiteral("f"));
        QVERIFY(saved.ok());
        QVERIFY(*saved == *read);

        const Result<Settings> broken = SettingsFile::parse("[MyData]\nuuid = a\rb\n", QStringLiteral("f"));
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().message.contains(QStringLiteral("line 3 is not a setting")),
                 qPrintable(broken.error().message));
    }

    void otherSectionsIgnored()
    {
        const Result<Settings> s =
            SettingsFile::parse("[Other]\nuuid = x\n[MyData]\nuuid = y\n[More]\nfoo: bar\n", QStringLiteral("f"));
        QVERIFY(s.ok());
        QCOMPARE(s->uuid(), QStringLiteral("y"));
        QCOMPARE(s->keys(), QStringList{QStringLiteral("uuid")});
    }

    void emptyAndMissingFilesGiveDefaults()
    {
        const QString missing = path(QStringLiteral("nowhere/MyData.cfg"));
        const Result<Settings> a = SettingsFile::load(missing);
        QVERIFY(a.ok());
        QVERIFY(a->keys().isEmpty());
        QCOMPARE(a->value(SettingKey::MaxUploadThreads), QStringLiteral("5"));
        QVERIFY(!QFileInfo::exists(missing));

        const QString empty = path(QStringLiteral("empty.cfg"));
        writeFile(empty, "");
        const Result<Settings> b = SettingsFile::load(empty);
        QVERIFY(b.ok());
        QVERIFY(b->keys().isEmpty());
    }

    void latin1FileIsReadAsLatin1()
    {
        // Python 2 on Windows wrote the ANSI code page, not UTF-8.
        const Result<Settings> s =
            SettingsFile::parse("[MyData]\ncontact_name = Ren\xe9 M\xfcller\n", QStringLiteral("f"));
        QVERIFY(s.ok());
        QCOMPARE(s->value(SettingKey::ContactName), u8("René Müller"));
        QVERIFY(SettingsFile::serialize(*s).contains("contact_name = Ren\xC3\xA9 M\xC3\xBCller"));
    }

    void invalidValuesAreKeptForTheValidator()
    {
        const Result<Settings> s = SettingsFile::parse(
            "[MyData]\nmax_upload_threads = five\nschedule_type = Sometimes\n", QStringLiteral("f"));
        QVERIFY(s.ok());
        QCOMPARE(s->value(SettingKey::MaxUploadThreads), QStringLiteral("five"));
        QCOMPARE(s->value(SettingKey::ScheduleType), QStringLiteral("Sometimes"));
    }

    void saveIsAtomicAndPrivate()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("sub/MyData.cfg"));
        Settings s;
        QVERIFY(s.setValue(SettingKey::InstrumentName, QStringLiteral("One")).ok());
        QVERIFY(SettingsFile::save(s, file).ok());
        QCOMPARE(unixBits(file), kPrivate);

        // An existing file readable by all is replaced by a private one.
        QVERIFY(QFile::setPermissions(file, kPrivate | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QVERIFY(s.setValue(SettingKey::InstrumentName, QStringLiteral("Two")).ok());
        QVERIFY(SettingsFile::save(s, file).ok());
        QCOMPARE(unixBits(file), kPrivate);
        QCOMPARE(SettingsFile::load(file)->instrumentName(), QStringLiteral("Two"));
        // Nothing but the file is left in the folder: no temporary files.
        QCOMPARE(
            QDir(dir.filePath(QStringLiteral("sub"))).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
            QStringList{QStringLiteral("MyData.cfg")});
    }

    void saveFailureIsReported()
    {
        QTemporaryDir dir;
        const QString blocker = dir.filePath(QStringLiteral("a-file"));
        writeFile(blocker, "x");
        const Status st = SettingsFile::save(Settings(), blocker + QStringLiteral("/MyData.cfg"));
        QVERIFY(!st.ok());
        QVERIFY2(st.error().message.contains(QStringLiteral("cannot be written")), qPrintable(st.error().message));
    }

    void apiKeyGoesToTheSecretStore()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("MyData.cfg"));
        Settings s;
        QVERIFY(s.setValue(SettingKey::Username, QStringLiteral("facility")).ok());
        QVERIFY(s.setValue(SettingKey::ApiKey, QStringLiteral("s3cr3t-k3y")).ok());
        QVERIFY(SettingsFile::save(s, file).ok());
        QVERIFY(!readFile(file).contains("s3cr3t-k3y"));
        QVERIFY(!readFile(file).contains("api_key"));

        const QString secrets = dir.filePath(QStringLiteral("secrets"));
        QVERIFY(QFileInfo::exists(secrets));
        QCOMPARE(unixBits(secrets), kPrivate);
        QVERIFY(readFile(secrets).contains("s3cr3t-k3y"));

        const Result<Settings> back = SettingsFile::load(file);
        QVERIFY(back.ok());
        QCOMPARE(back->apiKey(), QStringLiteral("s3cr3t-k3y"));

        // Another config file in the same folder has its own secrets.
        const QString other = dir.filePath(QStringLiteral("Other.cfg"));
        QVERIFY(SettingsFile::load(other)->apiKey().isEmpty());

        // Clearing the key removes it from the store.
        Settings cleared = back.value();
        QVERIFY(cleared.setValue(SettingKey::ApiKey, QString()).ok());
        QVERIFY(SettingsFile::save(cleared, file).ok());
        QVERIFY(SettingsFile::load(file)->apiKey().isEmpty());
        QVERIFY(!readFile(secrets).contains("s3cr3t-k3y"));
    }

    void plainTextKeyMovesOnSave()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("MyData.cfg"));
        writeFile(file, "[MyData]\nusername = u\napi_key = plain-old-key\n");
        const Result<Settings> s = SettingsFile::load(file);
        QVERIFY(s.ok());
        QCOMPARE(s->apiKey(), QStringLiteral("plain-old-key"));
        QVERIFY(SettingsFile::save(*s, file).ok());
        QVERIFY(!readFile(file).contains("plain-old-key"));
        QCOMPARE(SecretStore(file).read(QStringLiteral("api_key")).value(), QStringLiteral("plain-old-key"));
        QCOMPARE(SettingsFile::load(file)->apiKey(), QStringLiteral("plain-old-key"));
    }

    void installationUuid()
    {
        Settings s;
        QVERIFY(ensureInstallationUuid(s));
        const QString first = s.uuid();
        QVERIFY(!QUuid::fromString(first).isNull());
        QVERIFY(!ensureInstallationUuid(s));
        QCOMPARE(s.uuid(), first);

        Settings other;
        QVERIFY(ensureInstallationUuid(other));
        QVERIFY(other.uuid() != first);

        Settings imported;
        QVERIFY(imported.setValue(SettingKey::Uuid, QStringLiteral("1234567890")).ok());
        QVERIFY(!ensureInstallationUuid(imported));
        QCOMPARE(imported.uuid(), QStringLiteral("1234567890"));
    }
};

QTEST_GUILESS_MAIN(TestSettingsFile)
#include "tst_settingsfile.moc"
