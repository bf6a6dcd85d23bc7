#pragma once

#include "RunEvents.h"
#include "util/LogSeverity.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace tardigrade {

// One line of the Log tab, with the severity that colours it.
struct LoggedLine {
    QString text;
    LogSeverity severity = LogSeverity::Info;
};

// The last finished run as the GUI showed it: its summary, the rows of its
// tables and the end of its log. Kept in last_run.json beside the settings
// so that a restarted tray app shows what the last run did ("Last run
// Sun 2026-11-29 14:02: 181 verified, 0 failed") instead of an empty window.
// The journal stays the truth about each file; this is only what was shown.
struct RunSnapshot {
    SyncSummary summary;
    QVector<DatasetEvent> datasets;
    QVector<OwnerEvent> owners;
    QVector<FileEvent> files;
    QVector<LookupEvent> lookups; // the Verifications tab's look-up results (at most MaxFiles)
    QVector<LoggedLine> log;

    // Rows kept at most, so a 100,000-file run writes a few MB, not more.
    static constexpr int MaxFiles = 20000;
    static constexpr int MaxLogLines = 2000;
};

namespace RunSnapshotFile {
QByteArray toJson(const RunSnapshot &snapshot);
// None for anything that is not a snapshot this version wrote (a damaged
// or foreign file is ignored: the window starts empty, as before).
std::optional<RunSnapshot> fromJson(const QByteArray &json);

bool write(const QString &path, const RunSnapshot &snapshot); // atomic replace
std::optional<RunSnapshot> read(const QString &path);
} // namespace RunSnapshotFile

} // namespace tardigrade
