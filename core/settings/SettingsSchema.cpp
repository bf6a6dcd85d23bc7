#include "SettingsSchema.h"

namespace tardigrade {

QStringList folderStructureNames()
{
    return {
        QStringLiteral("Username / Dataset"),
        QStringLiteral("Email / Dataset"),
        QStringLiteral("Username / Experiment / Dataset"),
        QStringLiteral("Email / Experiment / Dataset"),
        QStringLiteral("Username / \"MyTardis\" / Experiment / Dataset"),
        QStringLiteral("User Group / Instrument / Full Name / Dataset"),
        QStringLiteral("Experiment / Dataset"),
        QStringLiteral("Dataset"),
        QStringLiteral("User Group / Dataset"),
        QStringLiteral("User Group / Experiment / Dataset"),
    };
}

const std::vector<SettingSpec> &settingsSchema()
{
    using T = SettingType;
    using K = SettingKey;
    const QString general = QStringLiteral("General");
    const QString schedule = QStringLiteral("Schedule");
    const QString filters = QStringLiteral("Filters");
    const QString advanced = QStringLiteral("Advanced");
    const QString file = QStringLiteral("File");
    const QStringList units = {QStringLiteral("days"), QStringLiteral("weeks"), QStringLiteral("months"),
                               QStringLiteral("years")};
    static const std::vector<SettingSpec> table = {
        {K::InstrumentName, QStringLiteral("instrument_name"), T::String, {}, general, {}},
        {K::FacilityName, QStringLiteral("facility_name"), T::String, {}, general, {}},
        {K::ContactName, QStringLiteral("contact_name"), T::String, {}, general, {}},
        {K::ContactEmail, QStringLiteral("contact_email"), T::String, {}, general, {}},
        {K::DataDirectory, QStringLiteral("data_directory"), T::String, {}, general, {}},
        {K::MytardisUrl, QStringLiteral("mytardis_url"), T::String, {}, general, {}},
        {K::Username, QStringLiteral("username"), T::String, {}, general, {}},
        {K::ApiKey, QStringLiteral("api_key"), T::Secret, {}, general, {}},

        {K::ScheduleType, QStringLiteral("schedule_type"), T::Choice, QStringLiteral("Manually"), schedule,
         {QStringLiteral("On Startup"), QStringLiteral("On Settings Saved"), QStringLiteral("Manually"),
          QStringLiteral("Once"), QStringLiteral("Daily"), QStringLiteral("Weekly"), QStringLiteral("Timer")}},
        {K::ScheduledDate, QStringLiteral("scheduled_date"), T::Date, {}, schedule, {}},
        {K::ScheduledTime, QStringLiteral("scheduled_time"), T::Time, {}, schedule, {}},
        {K::MondayChecked, QStringLiteral("monday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {K::TuesdayChecked, QStringLiteral("tuesday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {K::WednesdayChecked, QStringLiteral("wednesday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {K::ThursdayChecked, QStringLiteral("thursday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {K::FridayChecked, QStringLiteral("friday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {K::SaturdayChecked, QStringLiteral("saturday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {K::SundayChecked, QStringLiteral("sunday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {K::TimerMinutes, QStringLiteral("timer_minutes"), T::Int, QStringLiteral("15"), schedule, {}},
        {K::TimerFromTime, QStringLiteral("timer_from_time"), T::Time, QStringLiteral("00:00:00"), schedule, {}},
        {K::TimerToTime, QStringLiteral("timer_to_time"), T::Time, QStringLiteral("23:59:00"), schedule, {}},

        {K::UserFilter, QStringLiteral("user_filter"), T::String, {}, filters, {}},
        {K::DatasetFilter, QStringLiteral("dataset_filter"), T::String, {}, filters, {}},
        {K::ExperimentFilter, QStringLiteral("experiment_filter"), T::String, {}, filters, {}},
        {K::IgnoreOldDatasets, QStringLiteral("ignore_old_datasets"), T::Bool, QStringLiteral("False"), filters, {}},
        {K::IgnoreIntervalNumber, QStringLiteral("ignore_interval_number"), T::Int, QStringLiteral("0"), filters, {}},
        {K::IgnoreIntervalUnit, QStringLiteral("ignore_interval_unit"), T::Choice, QStringLiteral("months"), filters, units},
        {K::IgnoreNewFiles, QStringLiteral("ignore_new_files"), T::Bool, QStringLiteral("True"), filters, {}},
        {K::IgnoreNewFilesMinutes, QStringLiteral("ignore_new_files_minutes"), T::Int, QStringLiteral("1"), filters, {}},
        {K::UseIncludesFile, QStringLiteral("use_includes_file"), T::Bool, QStringLiteral("False"), filters, {}},
        {K::IncludesFile, QStringLiteral("includes_file"), T::String, {}, filters, {}},
        {K::UseExcludesFile, QStringLiteral("use_excludes_file"), T::Bool, QStringLiteral("False"), filters, {}},
        {K::ExcludesFile, QStringLiteral("excludes_file"), T::String, {}, filters, {}},

        {K::FolderStructure, QStringLiteral("folder_structure"), T::Choice, QStringLiteral("Username / Dataset"), advanced,
         folderStructureNames()},
        {K::DatasetGrouping, QStringLiteral("dataset_grouping"), T::String, {}, advanced, {}},
        {K::GroupPrefix, QStringLiteral("group_prefix"), T::String, {}, advanced, {}},
        {K::ValidateFolderStructure, QStringLiteral("validate_folder_structure"), T::Bool, QStringLiteral("True"), advanced, {}},
        {K::StartAutomaticallyOnLogin, QStringLiteral("start_automatically_on_login"), T::Bool, QStringLiteral("True"), advanced, {}},
        {K::UploadInvalidUserFolders, QStringLiteral("upload_invalid_user_folders"), T::Bool, QStringLiteral("True"), advanced, {}},
        {K::MaxUploadThreads, QStringLiteral("max_upload_threads"), T::Int, QStringLiteral("5"), advanced, {}},
        {K::MaxUploadRetries, QStringLiteral("max_upload_retries"), T::Int, QStringLiteral("1"), advanced, {}},

        {K::Locked, QStringLiteral("locked"), T::Bool, QStringLiteral("False"), file, {}},
        {K::Uuid, QStringLiteral("uuid"), T::String, {}, file, {}},
        {K::VerificationDelay, QStringLiteral("verification_delay"), T::Int, QStringLiteral("3"), file, {}},
        {K::MaxVerificationThreads, QStringLiteral("max_verification_threads"), T::Int, QStringLiteral("5"), file, {}},
        {K::FakeMd5Sum, QStringLiteral("fake_md5_sum"), T::Bool, QStringLiteral("False"), file, {}},
        {K::Cipher, QStringLiteral("cipher"), T::String, QStringLiteral("aes128-gcm@openssh.com,aes128-ctr"), file, {}},
        {K::UseNoneCipher, QStringLiteral("use_none_cipher"), T::Bool, QStringLiteral("False"), file, {}},
        {K::ProgressPollInterval, QStringLiteral("progress_poll_interval"), T::Int, QStringLiteral("1"), file, {}},
        {K::ImmutableDatasets, QStringLiteral("immutable_datasets"), T::Bool, QStringLiteral("False"), file, {}},
        {K::CacheDatafileLookups, QStringLiteral("cache_datafile_lookups"), T::Bool, QStringLiteral("True"), file, {}},
        {K::ConnectionTimeout, QStringLiteral("connection_timeout"), T::Int, QStringLiteral("10"), file, {}},
        {K::IgnoreNewDatasets, QStringLiteral("ignore_new_datasets"), T::Bool, QStringLiteral("False"), file, {}},
        {K::IgnoreNewIntervalNumber, QStringLiteral("ignore_new_interval_number"), T::Int, QStringLiteral("0"), file, {}},
        {K::IgnoreNewIntervalUnit, QStringLiteral("ignore_new_interval_unit"), T::Choice, QStringLiteral("months"), file, units},

        // MyData's older files may carry upload_method ("HTTP POST", "SCP"):
        // a string read for "post", so none of them becomes invalid.
        {K::UploadMethod, QStringLiteral("upload_method"), T::String, QStringLiteral("Staging"), advanced, {}},
        // Minimized (only the tray icon) is how the tray app has always started.
        {K::StartWindowState, QStringLiteral("start_window_state"), T::Choice, QStringLiteral("Minimized"), advanced,
         {QStringLiteral("Normal"), QStringLiteral("Minimized"), QStringLiteral("Maximized")}},
        {K::CheckForUpdates, QStringLiteral("check_for_updates"), T::Bool, QStringLiteral("False"), advanced, {}},
        {K::UpdateCheckUrl, QStringLiteral("update_check_url"), T::String, {}, file, {}},
        {K::AllowCleanup, QStringLiteral("allow_cleanup"), T::Bool, QStringLiteral("False"), advanced, {}},
        {K::CleanupOlderThanDays, QStringLiteral("cleanup_older_than_days"), T::Int, QStringLiteral("30"), advanced, {}},
        {K::CaCertificate, QStringLiteral("ca_certificate"), T::String, {}, advanced, {}},
        {K::Proxy, QStringLiteral("proxy"), T::String, {}, advanced, {}},
        // Off: a changed file is reported as a conflict and left for a person to decide.
        {K::UploadChangedAsVersions, QStringLiteral("upload_changed_as_versions"), T::Bool, QStringLiteral("False"),
         advanced, {}},
    };
    return table;
}

const SettingSpec &settingSpec(SettingKey key)
{
    // The table lists the keys in the enum's order (tst_settingsschema checks).
    return settingsSchema()[std::size_t(key)];
}

const std::array<SettingKey, 7> &weekdayKeys()
{
    static const std::array<SettingKey, 7> days = {SettingKey::MondayChecked,    SettingKey::TuesdayChecked,
                                                   SettingKey::WednesdayChecked, SettingKey::ThursdayChecked,
                                                   SettingKey::FridayChecked,    SettingKey::SaturdayChecked,
                                                   SettingKey::SundayChecked};
    return days;
}

QString keyName(SettingKey key) { return settingSpec(key).key; }

bool sentToServer(SettingKey key)
{
    // The CA file and the proxy describe this PC's network, not the facility's
    // policy (a proxy address may also carry a password).
    return settingSpec(key).type != SettingType::Secret && key != SettingKey::Uuid && key != SettingKey::CaCertificate
        && key != SettingKey::Proxy;
}

bool uploadMethodIsPost(const QString &value)
{
    return value.trimmed().toLower().contains(QLatin1String("post"));
}

bool takenFromServer(const QString &key)
{
    const SettingSpec *spec = findSetting(key);
    // A name this version does not know is kept as MyData.cfg keeps it.
    return !spec || (sentToServer(spec->id) && spec->id != SettingKey::AllowCleanup);
}

const SettingSpec *findSetting(const QString &key)
{
    for (const auto &spec : settingsSchema())
        if (spec.key == key)
            return &spec;
    return nullptr;
}

} // namespace tardigrade
