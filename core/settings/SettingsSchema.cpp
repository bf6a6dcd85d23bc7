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
    const QString general = QStringLiteral("General");
    const QString schedule = QStringLiteral("Schedule");
    const QString filters = QStringLiteral("Filters");
    const QString advanced = QStringLiteral("Advanced");
    const QString file = QStringLiteral("File");
    const QStringList units = {QStringLiteral("days"), QStringLiteral("weeks"), QStringLiteral("months"),
                               QStringLiteral("years")};
    static const std::vector<SettingSpec> table = {
        {QStringLiteral("instrument_name"), T::String, {}, general, {}},
        {QStringLiteral("facility_name"), T::String, {}, general, {}},
        {QStringLiteral("contact_name"), T::String, {}, general, {}},
        {QStringLiteral("contact_email"), T::String, {}, general, {}},
        {QStringLiteral("data_directory"), T::String, {}, general, {}},
        {QStringLiteral("mytardis_url"), T::String, {}, general, {}},
        {QStringLiteral("username"), T::String, {}, general, {}},
        {QStringLiteral("api_key"), T::Secret, {}, general, {}},

        {QStringLiteral("schedule_type"), T::Choice, QStringLiteral("Manually"), schedule,
         {QStringLiteral("On Startup"), QStringLiteral("On Settings Saved"), QStringLiteral("Manually"),
          QStringLiteral("Once"), QStringLiteral("Daily"), QStringLiteral("Weekly"), QStringLiteral("Timer")}},
        {QStringLiteral("scheduled_date"), T::Date, {}, schedule, {}},
        {QStringLiteral("scheduled_time"), T::Time, {}, schedule, {}},
        {QStringLiteral("monday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {QStringLiteral("tuesday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {QStringLiteral("wednesday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {QStringLiteral("thursday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {QStringLiteral("friday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {QStringLiteral("saturday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {QStringLiteral("sunday_checked"), T::Bool, QStringLiteral("False"), schedule, {}},
        {QStringLiteral("timer_minutes"), T::Int, QStringLiteral("15"), schedule, {}},
        {QStringLiteral("timer_from_time"), T::Time, QStringLiteral("00:00:00"), schedule, {}},
        {QStringLiteral("timer_to_time"), T::Time, QStringLiteral("23:59:00"), schedule, {}},

        {QStringLiteral("user_filter"), T::String, {}, filters, {}},
        {QStringLiteral("dataset_filter"), T::String, {}, filters, {}},
        {QStringLiteral("experiment_filter"), T::String, {}, filters, {}},
        {QStringLiteral("ignore_old_datasets"), T::Bool, QStringLiteral("False"), filters, {}},
        {QStringLiteral("ignore_interval_number"), T::Int, QStringLiteral("0"), filters, {}},
        {QStringLiteral("ignore_interval_unit"), T::Choice, QStringLiteral("months"), filters, units},
        {QStringLiteral("ignore_new_files"), T::Bool, QStringLiteral("True"), filters, {}},
        {QStringLiteral("ignore_new_files_minutes"), T::Int, QStringLiteral("1"), filters, {}},
        {QStringLiteral("use_includes_file"), T::Bool, QStringLiteral("False"), filters, {}},
        {QStringLiteral("includes_file"), T::String, {}, filters, {}},
        {QStringLiteral("use_excludes_file"), T::Bool, QStringLiteral("False"), filters, {}},
        {QStringLiteral("excludes_file"), T::String, {}, filters, {}},

        {QStringLiteral("folder_structure"), T::Choice, QStringLiteral("Username / Dataset"), advanced,
         folderStructureNames()},
        {QStringLiteral("dataset_grouping"), T::String, {}, advanced, {}},
        {QStringLiteral("group_prefix"), T::String, {}, advanced, {}},
        {QStringLiteral("validate_folder_structure"), T::Bool, QStringLiteral("True"), advanced, {}},
        {QStringLiteral("start_automatically_on_login"), T::Bool, QStringLiteral("True"), advanced, {}},
        {QStringLiteral("upload_invalid_user_folders"), T::Bool, QStringLiteral("True"), advanced, {}},
        {QStringLiteral("max_upload_threads"), T::Int, QStringLiteral("5"), advanced, {}},
        {QStringLiteral("max_upload_retries"), T::Int, QStringLiteral("1"), advanced, {}},

        {QStringLiteral("locked"), T::Bool, QStringLiteral("False"), file, {}},
        {QStringLiteral("uuid"), T::String, {}, file, {}},
        {QStringLiteral("verification_delay"), T::Int, QStringLiteral("3"), file, {}},
        {QStringLiteral("max_verification_threads"), T::Int, QStringLiteral("5"), file, {}},
        {QStringLiteral("fake_md5_sum"), T::Bool, QStringLiteral("False"), file, {}},
        {QStringLiteral("cipher"), T::String, QStringLiteral("aes128-gcm@openssh.com,aes128-ctr"), file, {}},
        {QStringLiteral("use_none_cipher"), T::Bool, QStringLiteral("False"), file, {}},
        {QStringLiteral("progress_poll_interval"), T::Int, QStringLiteral("1"), file, {}},
        {QStringLiteral("immutable_datasets"), T::Bool, QStringLiteral("False"), file, {}},
        {QStringLiteral("cache_datafile_lookups"), T::Bool, QStringLiteral("True"), file, {}},
        {QStringLiteral("connection_timeout"), T::Int, QStringLiteral("10"), file, {}},
        {QStringLiteral("ignore_new_datasets"), T::Bool, QStringLiteral("False"), file, {}},
        {QStringLiteral("ignore_new_interval_number"), T::Int, QStringLiteral("0"), file, {}},
        {QStringLiteral("ignore_new_interval_unit"), T::Choice, QStringLiteral("months"), file, units},
    };
    return table;
}

const SettingSpec *findSetting(const QString &key)
{
    for (const auto &spec : settingsSchema())
        if (spec.key == key)
            return &spec;
    return nullptr;
}

} // namespace tardigrade
