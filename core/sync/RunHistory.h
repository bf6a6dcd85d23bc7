#pragma once

#include "RunEvents.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <optional>

namespace tardigrade {

// One finished upload run as the Tasks tab's "Past runs" and `tardigrade
// history` list it: when, why it started, what it counted and how it ended.
struct RunRecord {
    // Finished: every file done; Failures: finished, some files failed;
    // Stopped: Stop, Quit or shutdown before the end; Failed: stopped before
    // its files (wrong key, server down), `sentence` says why.
    enum class Result { Finished, Failures, Stopped, Failed };

    QDateTime started;
    QDateTime finished;
    QString trigger; // the scheduler's reason, as the log says it: "Sync Now", "On Startup", "Daily", ...
    int found = 0;
    int alreadyVerified = 0; // nothing to do: the server had them
    int uploaded = 0;
    int verified = 0;
    int failed = 0;
    int left = 0; // a stopped run's files not done (the next run takes them)
    int conflicts = 0; // not uploaded: the server holds another file under the name (a person decides)
    Result result = Result::Finished;
    QString sentence; // the run's line in the log (describeSummary)

    static RunRecord of(const SyncSummary &summary, const QString &trigger);
};

QString runResultName(RunRecord::Result result); // "finished", "failures", "stopped", "failed" (the file's words)
std::optional<RunRecord::Result> runResultFromName(const QString &name);

// The history of runs in run_history.jsonl beside the settings: one JSON
// object per line, oldest first, at most MaxRuns. Each append rewrites the
// file atomically (QSaveFile), so a crash leaves the old file or the new
// one, never half a line; a file damaged some other way (a full disk, an
// editor) loses only its bad lines, and a file that is all junk is an empty
// history: the next run starts it afresh. Small enough (about 100 kB) to
// read and rewrite whole.
namespace RunHistory {
inline constexpr int MaxRuns = 500;

struct Loaded {
    QVector<RunRecord> runs; // oldest first
    int damagedLines = 0;    // lines that were not a run this version wrote, skipped
};

Loaded read(const QString &path); // a missing file is an empty history
// Adds `record`, keeps the newest MaxRuns and replaces the file. False
// when it could not be written. `dropped` (if given) counts damaged lines
// left out, for one log line.
bool append(const QString &path, const RunRecord &record, int *dropped = nullptr);

QByteArray toJsonLine(const RunRecord &record); // without the newline
std::optional<RunRecord> fromJsonLine(const QByteArray &line);
} // namespace RunHistory

} // namespace tardigrade

Q_DECLARE_METATYPE(tardigrade::RunRecord)
