#pragma once

#include <QString>
#include <QStringList>

#include <array>
#include <vector>

namespace tardigrade {

enum class SettingType { String, Bool, Int, Date, Time, Choice, Secret };

// Every key of MyData.cfg, in the order of the table and the file. Code names
// a setting by one of these (a typo does not compile); its spelling in the
// file is keyName(). Names from outside (the command line, a file, the
// server) are looked up with findSetting().
enum class SettingKey {
    InstrumentName,
    FacilityName,
    ContactName,
    ContactEmail,
    DataDirectory,
    MytardisUrl,
    Username,
    ApiKey,
    ScheduleType,
    ScheduledDate,
    ScheduledTime,
    MondayChecked,
    TuesdayChecked,
    WednesdayChecked,
    ThursdayChecked,
    FridayChecked,
    SaturdayChecked,
    SundayChecked,
    TimerMinutes,
    TimerFromTime,
    TimerToTime,
    UserFilter,
    DatasetFilter,
    ExperimentFilter,
    IgnoreOldDatasets,
    IgnoreIntervalNumber,
    IgnoreIntervalUnit,
    IgnoreNewFiles,
    IgnoreNewFilesMinutes,
    UseIncludesFile,
    IncludesFile,
    UseExcludesFile,
    ExcludesFile,
    FolderStructure,
    DatasetGrouping,
    GroupPrefix,
    ValidateFolderStructure,
    StartAutomaticallyOnLogin,
    UploadInvalidUserFolders,
    MaxUploadThreads,
    MaxUploadRetries,
    Locked,
    Uuid,
    VerificationDelay,
    MaxVerificationThreads,
    FakeMd5Sum,
    Cipher,
    UseNoneCipher,
    ProgressPollInterval,
    ImmutableDatasets,
    CacheDatafileLookups,
    ConnectionTimeout,
    IgnoreNewDatasets,
    IgnoreNewIntervalNumber,
    IgnoreNewIntervalUnit,
    // Added by Tardigrade (issue 13); not in MyData.cfg files MyData wrote.
    UploadMethod,         // "Staging" (when approved, else HTTP POST) or "HTTP POST"
    StartWindowState,     // the main window at start: Minimized (only the tray icon, the default), Normal, Maximized
    CheckForUpdates,      // opt-in notice of a newer release
    UpdateCheckUrl,       // where the release feed is read
    AllowCleanup,         // the Cleanup view may delete local copies the server holds verified
    CleanupOlderThanDays, // the Cleanup view's default age
    // Added by Tardigrade (issue 14).
    CaCertificate,        // a PEM file of the site's own certificate authority, trusted besides the system's
    Proxy,                // a proxy other than the system's (http://host:port); empty: the system proxy
    UploadChangedAsVersions // a file whose content differs from the server's copy is uploaded under a versioned name
};

// One row of the typed settings table: every key of MyData.cfg with its
// default (as written in the file), type, and the group it is shown under.
struct SettingSpec {
    SettingKey id;
    QString key;
    SettingType type;
    QString defaultValue;
    QString group;        // General, Schedule, Filters, Advanced, File
    QStringList choices;  // for Choice
};

// The whole table, in the order keys are written to the file.
const std::vector<SettingSpec> &settingsSchema();
const SettingSpec &settingSpec(SettingKey key);
QString keyName(SettingKey key);

// The uploader record on the server carries the settings both ways. Never
// sent: secrets and the installation's uuid. Never taken from the server as
// well: allow_cleanup, because deleting this PC's files is this PC's choice.
bool sentToServer(SettingKey key);

// upload_method is free text (MyData's older files carry "SCP" or "HTTP
// POST"): any value naming POST chooses HTTP POST over staging.
bool uploadMethodIsPost(const QString &value);
bool takenFromServer(const QString &key); // as spelled in MyData.cfg
const SettingSpec *findSetting(const QString &key);

// monday_checked ... sunday_checked, Monday first (Qt's day 1).
const std::array<SettingKey, 7> &weekdayKeys();

// The ten folder structures, spelled as in MyData.cfg.
QStringList folderStructureNames();

} // namespace tardigrade
