#include "settings/Settings.h"

#include <QTest>

using namespace tardigrade;

class TestSettingsSchema : public QObject {
    Q_OBJECT
private slots:
    // Code names settings by SettingKey: each key's row is found by its
    // place in the table, and spells the key as the file does.
    void everyKeyHasItsRow()
    {
        const auto &table = settingsSchema();
        for (std::size_t i = 0; i < table.size(); ++i) {
            const SettingKey key = SettingKey(i);
            QCOMPARE(settingSpec(key).id, key);
            QCOMPARE(findSetting(keyName(key))->id, key);
        }
        QCOMPARE(keyName(SettingKey::MytardisUrl), QStringLiteral("mytardis_url"));
        QCOMPARE(keyName(SettingKey::IgnoreNewIntervalUnit), QStringLiteral("ignore_new_interval_unit"));
        QCOMPARE(keyName(weekdayKeys().front()), QStringLiteral("monday_checked"));
        QCOMPARE(keyName(weekdayKeys().back()), QStringLiteral("sunday_checked"));
    }

    void defaults_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        const QList<QPair<const char *, const char *>> rows = {
            {"instrument_name", ""}, {"facility_name", ""}, {"contact_name", ""}, {"contact_email", ""},
            {"data_directory", ""}, {"mytardis_url", ""}, {"username", ""}, {"api_key", ""},
            {"schedule_type", "Manually"}, {"scheduled_date", ""}, {"scheduled_time", ""},
            {"monday_checked", "False"}, {"tuesday_checked", "False"}, {"wednesday_checked", "False"},
            {"thursday_checked", "False"}, {"friday_checked", "False"}, {"saturday_checked", "False"},
            {"sunday_checked", "False"}, {"timer_minutes", "15"}, {"timer_from_time", "00:00:00"},
            {"timer_to_time", "23:59:00"}, {"user_filter", ""}, {"dataset_filter", ""},
            {"experiment_filter", ""}, {"ignore_old_datasets", "False"}, {"ignore_interval_number", "0"},
            {"ignore_interval_unit", "months"}, {"ignore_new_files", "True"}, {"ignore_new_files_minutes", "1"},
            {"use_includes_file", "False"}, {"includes_file", ""}, {"use_excludes_file", "False"},
            {"excludes_file", ""}, {"folder_structure", "Username / Dataset"}, {"dataset_grouping", ""},
            {"group_prefix", ""}, {"validate_folder_structure", "True"}, {"start_automatically_on_login", "True"},
            {"upload_invalid_user_folders", "True"}, {"max_upload_threads", "5"}, {"max_upload_retries", "1"},
            {"locked", "False"}, {"uuid", ""}, {"verification_delay", "3"}, {"max_verification_threads", "5"},
            {"fake_md5_sum", "False"}, {"cipher", "aes128-gcm@openssh.com,aes128-ctr"},
            {"use_none_cipher", "False"}, {"progress_poll_interval", "1"}, {"immutable_datasets", "False"},
            {"cache_datafile_lookups", "True"}, {"connection_timeout", "10"}, {"ignore_new_datasets", "False"},
            {"ignore_new_interval_number", "0"}, {"ignore_new_interval_unit", "months"},
            {"upload_method", "Staging"}, {"start_window_state", "Minimized"}, {"check_for_updates", "False"},
            {"update_check_url", ""}, {"allow_cleanup", "False"}, {"cleanup_older_than_days", "30"},
            {"ca_certificate", ""}, {"proxy", ""}, {"upload_changed_as_versions", "False"},
        };
        for (const auto &r : rows)
            QTest::newRow(r.first) << QString::fromLatin1(r.first) << QString::fromLatin1(r.second);
        QCOMPARE(int(settingsSchema().size()), rows.size());
    }
    void defaults()
    {
        QFETCH(QString, key);
        QFETCH(QString, expected);
        QVERIFY2(findSetting(key), qPrintable(key));
        QCOMPARE(Settings().valueNamed(key), expected);
    }
    void typedSetRejectsBadValues()
    {
        Settings s;
        QVERIFY(!s.setValue(SettingKey::MaxUploadThreads, QStringLiteral("five")).ok());
        QVERIFY(!s.setValue(SettingKey::Locked, QStringLiteral("maybe")).ok());
        QVERIFY(!s.setValue(SettingKey::ScheduledDate, QStringLiteral("25/08/2015")).ok());
        QVERIFY(!s.setValue(SettingKey::FolderStructure, QStringLiteral("Nope")).ok());
        QVERIFY(s.setValue(SettingKey::FolderStructure, QStringLiteral("Email / Dataset")).ok());
        QVERIFY(s.setValueNamed(QStringLiteral("something_new"), QStringLiteral("kept")).ok());
        QCOMPARE(s.unknownKeys(), QStringList{QStringLiteral("something_new")});
        QCOMPARE(s.intValue(SettingKey::MaxUploadThreads), 5);
    }
};

QTEST_GUILESS_MAIN(TestSettingsSchema)
#include "tst_settingsschema.moc"
