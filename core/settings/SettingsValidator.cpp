#include "SettingsValidator.h"

#include "NetworkSettings.h"
#include "SettingsSchema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace tardigrade {

namespace {

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

struct Required {
    SettingKey key;
    const char *label;
    const char *todo;
};

const Required kRequired[] = {
    {SettingKey::InstrumentName, "instrument name", "enter the name this instrument has (or should have) in MyTardis"},
    {SettingKey::FacilityName, "facility name", "enter the name of the MyTardis facility this instrument belongs to"},
    {SettingKey::ContactName, "contact name", "enter the name of the person to contact about this instrument"},
    {SettingKey::ContactEmail, "contact email",
     "enter the email address of the person to contact about this instrument"},
    {SettingKey::DataDirectory, "data directory", "choose the folder that holds the data to upload"},
    {SettingKey::MytardisUrl, "MyTardis URL",
     "enter the web address of the MyTardis server, e.g. https://mytardis.example.org"},
    {SettingKey::Username, "MyTardis username", "enter the username of the facility account"},
    {SettingKey::ApiKey, "API key",
     "enter the API key of the facility account (tardigrade config set api_key -, then paste it)"},
};

void checkRequired(const Settings &s, QStringList &problems)
{
    for (const Required &r : kRequired)
        if (s.value(r.key).trimmed().isEmpty())
            problems << QStringLiteral("The %1 (%2) is empty: %3.")
                            .arg(QString::fromLatin1(r.label), keyName(r.key), QString::fromLatin1(r.todo));
}

void checkTypes(const Settings &s, QStringList &problems)
{
    for (const SettingSpec &spec : settingsSchema()) {
        // The folder structure has a sentence of its own.
        if (!s.isSet(spec.id) || spec.id == SettingKey::FolderStructure)
            continue;
        const Status st = Settings::checkValue(spec.key, s.value(spec.id));
        if (!st)
            problems << st.error().message;
    }
}

bool parsesAsInt(const Settings &s, SettingKey key)
{
    bool ok = false;
    s.value(key).trimmed().toInt(&ok);
    return ok;
}

void checkNumbers(const Settings &s, QStringList &problems)
{
    const struct {
        SettingKey key;
        const char *label;
    } atLeastOne[] = {
        {SettingKey::MaxUploadThreads, "number of upload threads"},
        {SettingKey::MaxVerificationThreads, "number of verification threads"},
    };
    for (const auto &n : atLeastOne)
        if (parsesAsInt(s, n.key) && s.intValue(n.key) < 1)
            problems << QStringLiteral("The %1 (%2) must be at least 1, not %3.")
                            .arg(QString::fromLatin1(n.label), keyName(n.key), s.value(n.key).trimmed());
    for (SettingKey key : {SettingKey::IgnoreIntervalNumber, SettingKey::IgnoreNewFilesMinutes,
                           SettingKey::MaxUploadRetries, SettingKey::VerificationDelay,
                           SettingKey::IgnoreNewIntervalNumber})
        if (parsesAsInt(s, key) && s.intValue(key) < 0)
            problems << QStringLiteral("%1 must be 0 or more, not %2.").arg(keyName(key), s.value(key).trimmed());
}

void checkUrlAndEmail(const Settings &s, QStringList &problems)
{
    const QString email = s.value(SettingKey::ContactEmail).trimmed();
    if (!email.isEmpty() && !SettingsValidator::isEmailAddress(email))
        problems << QStringLiteral("The contact email (contact_email) \"%1\" is not an email address: enter one like "
                                   "name@example.org.")
                        .arg(email);
    const QString url = s.value(SettingKey::MytardisUrl).trimmed();
    if (!url.isEmpty() && !SettingsValidator::isWebAddress(url))
        problems << QStringLiteral("The MyTardis URL (mytardis_url) \"%1\" is not a web address: enter one that "
                                   "starts with http:// or https://, e.g. https://mytardis.example.org.")
                        .arg(url);
}

// Returns true when the data directory can be listed.
bool checkDataDirectory(const Settings &s, QStringList &problems)
{
    const QString dir = s.dataDirectoryPath();
    if (dir.isEmpty())
        return false; // reported as a required field
    const QFileInfo info(dir);
    if (!info.exists()) {
        problems << QStringLiteral("The data directory (data_directory) \"%1\" does not exist: create it or choose "
                                   "another folder.")
                        .arg(native(dir));
        return false;
    }
    if (!info.isDir()) {
        problems << QStringLiteral("The data directory (data_directory) \"%1\" is a file, not a folder: choose the "
                                   "folder that holds the data.")
                        .arg(native(dir));
        return false;
    }
    if (!info.isReadable() || !info.isExecutable()) {
        problems << QStringLiteral("The data directory (data_directory) \"%1\" cannot be read: give this user "
                                   "permission to read it, or choose another folder.")
                        .arg(native(dir));
        return false;
    }
    return true;
}

bool knownStructure(const Settings &s, QStringList &problems)
{
    const QString fs = s.folderStructure().trimmed();
    if (folderStructureNames().contains(fs))
        return true;
    problems << QStringLiteral("The folder structure (folder_structure) \"%1\" is not one Tardigrade knows: choose "
                               "one of %2.")
                    .arg(fs, folderStructureNames().join(QStringLiteral("; ")));
    return false;
}

void checkOwnerFolders(const Settings &s, QStringList &problems)
{
    const QString fs = s.folderStructure().trimmed();
    if (!fs.startsWith(QLatin1String("Email /")) || !s.boolValue(SettingKey::ValidateFolderStructure))
        return;
    const QStringList folders =
        QDir(s.dataDirectoryPath()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &folder : folders) {
        if (!SettingsValidator::isEmailAddress(folder))
            problems << QStringLiteral("The folder \"%1\" in the data directory is not an email address, but the "
                                       "folder structure \"%2\" names each owner by email: rename the folder, or "
                                       "choose another folder structure.")
                            .arg(folder, fs);
    }
}

void checkSchedule(const Settings &s, const Clock &clock, QStringList &problems)
{
    const QString type = s.value(SettingKey::ScheduleType).trimmed();
    const QString dateText = s.value(SettingKey::ScheduledDate).trimmed();
    const QString timeText = s.value(SettingKey::ScheduledTime).trimmed();
    if (type == QLatin1String("Once")) {
        if (dateText.isEmpty() || timeText.isEmpty()) {
            problems << QStringLiteral("A Once schedule needs a date and a time: set scheduled_date (YYYY-MM-DD) "
                                       "and scheduled_time (HH:MM:SS).");
        } else {
            const QDate date = s.dateValue(SettingKey::ScheduledDate);
            const QTime time = s.timeValue(SettingKey::ScheduledTime);
            // An unreadable date or time is reported by the type check.
            if (date.isValid() && time.isValid()) {
                const QDateTime when(date, time); // local wall time, as the schedule means it
                if (when <= clock.now())
                    problems << QStringLiteral("The Once schedule is set for %1 %2, which is in the past: choose a "
                                               "later date and time (scheduled_date, scheduled_time).")
                                    .arg(date.toString(QStringLiteral("yyyy-MM-dd")),
                                         time.toString(QStringLiteral("HH:mm:ss")));
            }
        }
    } else if ((type == QLatin1String("Daily") || type == QLatin1String("Weekly")) && timeText.isEmpty()) {
        problems << QStringLiteral("A %1 schedule needs a time of day: set scheduled_time (HH:MM:SS).").arg(type);
    }
    if (type == QLatin1String("Weekly")) {
        bool any = false;
        for (SettingKey day : weekdayKeys())
            any = any || s.boolValue(day);
        if (!any)
            problems << QStringLiteral("A Weekly schedule needs at least one day: set one of monday_checked to "
                                       "sunday_checked to True.");
    }
    if (type == QLatin1String("Timer") && parsesAsInt(s, SettingKey::TimerMinutes) &&
        s.intValue(SettingKey::TimerMinutes) < 1)
        problems << QStringLiteral("The timer interval (timer_minutes) must be at least 1 minute, not %1.")
                        .arg(s.value(SettingKey::TimerMinutes).trimmed());
}

bool hasNulBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    // Pattern files are small; a megabyte is plenty to tell text from binary.
    return f.read(1 << 20).contains('\0');
}

void checkPatternFile(const Settings &s, const QString &which, SettingKey use, SettingKey file,
                      QStringList &problems)
{
    const QString useKey = keyName(use);
    const QString fileKey = keyName(file);
    if (!s.boolValue(use))
        return;
    const QString path = s.value(file).trimmed();
    const QString head = QStringLiteral("The %1 file (%2) \"%3\"").arg(which, fileKey, native(path));
    const QString tail =
        QStringLiteral("choose a text file with one glob pattern per line, or set %1 to False.").arg(useKey);
    const QFileInfo info(path);
    if (path.isEmpty())
        problems << QStringLiteral("%1 is True but no %2 file is chosen: set %3 to a text file with one glob pattern "
                                   "per line, or set %1 to False.")
                        .arg(useKey, which, fileKey);
    else if (!info.exists())
        problems << head + QStringLiteral(" does not exist: ") + tail;
    else if (info.isDir())
        problems << head + QStringLiteral(" is a folder: ") + tail;
    else if (!info.isReadable())
        problems << head + QStringLiteral(" cannot be read: give this user permission to read it, or ") + tail;
    else if (hasNulBytes(path))
        problems << head + QStringLiteral(" is not a text file: ") + tail;
}

// ca_certificate and proxy: what the catalogue client could not use is
// refused here, in the client's own words (NetworkSettings).
void checkNetwork(const Settings &s, QStringList &problems)
{
    if (auto authorities = NetworkSettings::loadAuthorities(s.value(SettingKey::CaCertificate).trimmed()); !authorities)
        problems << authorities.error().message;
    if (auto proxy = NetworkSettings::parseProxy(s.value(SettingKey::Proxy)); !proxy)
        problems << proxy.error().message;
}

} // namespace

bool SettingsValidator::isEmailAddress(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$"));
    return re.match(text).hasMatch();
}

bool SettingsValidator::isWebAddress(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https")) &&
           !url.host().isEmpty();
}

QStringList SettingsValidator::validateLocally(const Settings &settings, const Clock &clock)
{
    QStringList problems;
    checkRequired(settings, problems);
    checkUrlAndEmail(settings, problems);
    const bool dirOk = checkDataDirectory(settings, problems);
    const bool structureOk = knownStructure(settings, problems);
    if (dirOk && structureOk)
        checkOwnerFolders(settings, problems);
    checkSchedule(settings, clock, problems);
    checkPatternFile(settings, QStringLiteral("includes"), SettingKey::UseIncludesFile, SettingKey::IncludesFile,
                     problems);
    checkPatternFile(settings, QStringLiteral("excludes"), SettingKey::UseExcludesFile, SettingKey::ExcludesFile,
                     problems);
    checkTypes(settings, problems);
    checkNumbers(settings, problems);
    checkNetwork(settings, problems);
    return problems;
}

} // namespace tardigrade
