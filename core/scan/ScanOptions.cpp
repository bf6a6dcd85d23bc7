#include "ScanOptions.h"

#include "settings/Settings.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace tardigrade {

QDateTime AgeInterval::before(const QDateTime &now) const
{
    switch (unit) {
    case Unit::Days:
        return now.addDays(-number);
    case Unit::Weeks:
        return now.addDays(-7LL * number);
    case Unit::Months:
        return now.addMonths(-number);
    case Unit::Years:
        return now.addYears(-number);
    }
    return now;
}

QString AgeInterval::text() const
{
    static const char *const names[] = {"days", "weeks", "months", "years"};
    return QString::number(number) + QLatin1Char(' ') + QLatin1String(names[int(unit)]);
}

std::optional<AgeInterval::Unit> AgeInterval::parseUnit(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("days") || t == QLatin1String("day"))
        return Unit::Days;
    if (t == QLatin1String("weeks") || t == QLatin1String("week"))
        return Unit::Weeks;
    if (t == QLatin1String("months") || t == QLatin1String("month"))
        return Unit::Months;
    if (t == QLatin1String("years") || t == QLatin1String("year"))
        return Unit::Years;
    return std::nullopt;
}

Result<QStringList> ScanOptions::readPatternFile(const QString &path, const QString &settingKey)
{
    if (path.trimmed().isEmpty())
        return Error::user(QStringLiteral("use_%1 is on but %1 names no file; set %1 or turn use_%1 off.")
                               .arg(settingKey));
    const QFileInfo info(path);
    if (!info.exists())
        return Error::user(QStringLiteral("The %1 \"%2\" does not exist; fix %1 or turn use_%1 off.")
                               .arg(settingKey, path));
    if (info.isDir())
        return Error::user(QStringLiteral("The %1 \"%2\" is a folder, not a text file of patterns; fix %1.")
                               .arg(settingKey, path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::user(QStringLiteral("The %1 \"%2\" cannot be read (%3); fix its permissions or %1.")
                               .arg(settingKey, path, file.errorString()));
    if (file.size() > 4 * 1024 * 1024)
        return Error::user(QStringLiteral("The %1 \"%2\" is larger than 4 MB, which is not a list of patterns; fix %1.")
                               .arg(settingKey, path));
    const QByteArray bytes = file.readAll();
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(bytes);
    if (bytes.contains('\0') || utf8.hasError())
        return Error::user(QStringLiteral("The %1 \"%2\" is not a text file (one pattern per line); fix %1.")
                               .arg(settingKey, path));
    QStringList patterns;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString p = line.trimmed();
        if (p.isEmpty() || p.startsWith(QLatin1Char('#')) || p.startsWith(QLatin1Char(';')))
            continue;
        patterns << p;
    }
    return patterns;
}

Result<ScanOptions> ScanOptions::fromSettings(const Settings &s)
{
    ScanOptions o;
    o.dataDirectory = s.dataDirectoryPath();
    const std::optional<FolderStructure> fs = FolderStructure::find(s.folderStructure());
    if (!fs)
        return Error::user(QStringLiteral("folder_structure \"%1\" is not one of the ten structures; pick one of "
                                          "them (e.g. \"Username / Dataset\").")
                               .arg(s.folderStructure()));
    o.structure = *fs;
    o.instrumentName = s.instrumentName().trimmed();
    o.groupPrefix = s.value(SettingKey::GroupPrefix);
    o.userFilter = s.value(SettingKey::UserFilter).trimmed();
    o.experimentFilter = s.value(SettingKey::ExperimentFilter).trimmed();
    o.datasetFilter = s.value(SettingKey::DatasetFilter).trimmed();

    auto interval = [&s](SettingKey numberKey, SettingKey unitKey) -> Result<AgeInterval> {
        AgeInterval a;
        a.number = s.intValue(numberKey);
        if (a.number < 0)
            return Error::user(QStringLiteral("%1 must not be negative.").arg(keyName(numberKey)));
        const auto unit = AgeInterval::parseUnit(s.value(unitKey));
        if (!unit)
            return Error::user(QStringLiteral("%1 must be days, weeks, months or years, not \"%2\".")
                                   .arg(keyName(unitKey), s.value(unitKey)));
        a.unit = *unit;
        return a;
    };
    o.ignoreOldDatasets = s.boolValue(SettingKey::IgnoreOldDatasets);
    if (o.ignoreOldDatasets) {
        auto a = interval(SettingKey::IgnoreIntervalNumber, SettingKey::IgnoreIntervalUnit);
        if (!a)
            return a.error();
        o.oldDatasetInterval = *a;
    }
    o.ignoreNewDatasets = s.boolValue(SettingKey::IgnoreNewDatasets);
    if (o.ignoreNewDatasets) {
        auto a = interval(SettingKey::IgnoreNewIntervalNumber, SettingKey::IgnoreNewIntervalUnit);
        if (!a)
            return a.error();
        o.newDatasetInterval = *a;
    }
    o.ignoreNewFiles = s.boolValue(SettingKey::IgnoreNewFiles);
    o.ignoreNewFilesMinutes = s.intValue(SettingKey::IgnoreNewFilesMinutes);
    if (o.ignoreNewFilesMinutes < 0)
        return Error::user(QStringLiteral("ignore_new_files_minutes must not be negative."));

    o.useIncludes = s.boolValue(SettingKey::UseIncludesFile);
    if (o.useIncludes) {
        auto p = readPatternFile(s.value(SettingKey::IncludesFile), keyName(SettingKey::IncludesFile));
        if (!p)
            return p.error();
        o.includes = *p;
    }
    o.useExcludes = s.boolValue(SettingKey::UseExcludesFile);
    if (o.useExcludes) {
        auto p = readPatternFile(s.value(SettingKey::ExcludesFile), keyName(SettingKey::ExcludesFile));
        if (!p)
            return p.error();
        o.excludes = *p;
    }
    return o;
}

} // namespace tardigrade
