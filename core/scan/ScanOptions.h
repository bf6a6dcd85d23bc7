#pragma once

#include "FolderStructure.h"
#include "util/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace tardigrade {

class Settings;

// A span of days, weeks, months or years, as the age filters are written.
struct AgeInterval {
    enum class Unit { Days, Weeks, Months, Years };
    int number = 0;
    Unit unit = Unit::Months;

    // `now` minus the interval, by the calendar (months and years keep the day of the month).
    QDateTime before(const QDateTime &now) const;
    QString text() const; // "6 months"
    static std::optional<Unit> parseUnit(const QString &text);
};

// Everything the scanner needs, read once from the settings so a scan is a
// pure function of these values, the disk and the clock.
struct ScanOptions {
    QString dataDirectory;
    FolderStructure structure = FolderStructure::all().first();
    QString instrumentName; // the one Instrument-level folder taken (User Group / Instrument / ...)
    QString groupPrefix;

    // Folder name filters, each matched as the glob *<filter>* against the
    // trimmed folder name, case-insensitively. userFilter applies to user and
    // group folders alike (as in MyData).
    QString userFilter;
    QString experimentFilter;
    QString datasetFilter;

    bool ignoreOldDatasets = false; // newest mtime in the dataset older than the interval
    AgeInterval oldDatasetInterval;
    bool ignoreNewDatasets = false; // oldest mtime in the dataset more recent than the interval
    AgeInterval newDatasetInterval;
    bool ignoreNewFiles = true;     // files modified in the last N minutes are skipped
    int ignoreNewFilesMinutes = 1;

    // Globs matched (fnmatch, case-sensitive) against each file's name.
    bool useIncludes = false;
    QStringList includes;
    bool useExcludes = false;
    QStringList excludes;

    bool followSymlinks = false; // when true, links are followed and loops detected
    int threads = 0;             // dataset folders walked in parallel; 0 = as many as cores, at most 4

    static Result<ScanOptions> fromSettings(const Settings &settings);
    // One glob per line; blank lines and lines starting with '#' or ';' are
    // ignored. A missing, unreadable, directory or binary file is a user error.
    static Result<QStringList> readPatternFile(const QString &path, const QString &settingKey);
};

} // namespace tardigrade
