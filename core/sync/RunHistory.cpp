#include "RunHistory.h"

#include "Engine.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace tardigrade {

namespace {

QString timeText(const QDateTime &when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime timeOf(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

} // namespace

RunRecord RunRecord::of(const SyncSummary &s, const QString &trigger)
{
    RunRecord r;
    r.started = s.started;
    r.finished = s.finished;
    r.trigger = trigger;
    r.found = s.found;
    r.alreadyVerified = s.alreadyVerified;
    r.uploaded = s.uploaded;
    r.verified = s.verified;
    r.failed = int(s.failed.size());
    r.conflicts = s.openConflicts();
    r.result = !s.fatalError.isEmpty() ? Result::Failed
               : s.cancelled           ? Result::Stopped
               : !s.failed.isEmpty()   ? Result::Failures
                                       : Result::Finished;
    r.left = r.result == Result::Stopped ? s.filesLeft() : 0;
    r.sentence = describeSummary(s);
    return r;
}

QString runResultName(RunRecord::Result result)
{
    switch (result) {
    case RunRecord::Result::Finished:
        return QStringLiteral("finished");
    case RunRecord::Result::Failures:
        return QStringLiteral("failures");
    case RunRecord::Result::Stopped:
        return QStringLiteral("stopped");
    case RunRecord::Result::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

std::optional<RunRecord::Result> runResultFromName(const QString &name)
{
    for (const auto r : {RunRecord::Result::Finished, RunRecord::Result::Failures, RunRecord::Result::Stopped,
                         RunRecord::Result::Failed})
        if (runResultName(r) == name)
            return r;
    return std::nullopt;
}

namespace RunHistory {

QByteArray toJsonLine(const RunRecord &r)
{
    const QJsonObject o{
        {QStringLiteral("started"), timeText(r.started)},
        {QStringLiteral("finished"), timeText(r.finished)},
        {QStringLiteral("trigger"), r.trigger},
        {QStringLiteral("found"), r.found},
        {QStringLiteral("already_verified"), r.alreadyVerified},
        {QStringLiteral("uploaded"), r.uploaded},
        {QStringLiteral("verified"), r.verified},
        {QStringLiteral("failed"), r.failed},
        {QStringLiteral("left"), r.left},
        {QStringLiteral("conflicts"), r.conflicts},
        {QStringLiteral("result"), runResultName(r.result)},
        {QStringLiteral("sentence"), r.sentence},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<RunRecord> fromJsonLine(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    const auto result = runResultFromName(o.value(QStringLiteral("result")).toString());
    RunRecord r;
    r.started = timeOf(o.value(QStringLiteral("started")));
    if (!result || !r.started.isValid())
        return std::nullopt; // not a run this version wrote
    r.result = *result;
    r.finished = timeOf(o.value(QStringLiteral("finished")));
    r.trigger = o.value(QStringLiteral("trigger")).toString();
    r.found = o.value(QStringLiteral("found")).toInt();
    r.alreadyVerified = o.value(QStringLiteral("already_verified")).toInt();
    r.uploaded = o.value(QStringLiteral("uploaded")).toInt();
    r.verified = o.value(QStringLiteral("verified")).toInt();
    r.failed = o.value(QStringLiteral("failed")).toInt();
    r.left = o.value(QStringLiteral("left")).toInt();
    r.conflicts = o.value(QStringLiteral("conflicts")).toInt(); // 0 in lines written before it was kept
    r.sentence = o.value(QStringLiteral("sentence")).toString();
    return r;
}

Loaded read(const QString &path)
{
    Loaded loaded;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return loaded;
    // Capped so that a huge foreign file cannot take the memory: a good
    // history is about 300 bytes a run.
    const QByteArray bytes = f.read(qint64(MaxRuns) * 8192);
    for (const QByteArray &line : bytes.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        if (auto r = fromJsonLine(line))
            loaded.runs.append(*r);
        else
            ++loaded.damagedLines;
    }
    if (loaded.runs.size() > MaxRuns)
        loaded.runs.remove(0, loaded.runs.size() - MaxRuns);
    return loaded;
}

bool append(const QString &path, const RunRecord &record, int *dropped)
{
    Loaded loaded = read(path);
    if (dropped)
        *dropped = loaded.damagedLines;
    loaded.runs.append(record);
    if (loaded.runs.size() > MaxRuns)
        loaded.runs.remove(0, loaded.runs.size() - MaxRuns);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    for (const RunRecord &r : std::as_const(loaded.runs))
        f.write(toJsonLine(r) + '\n');
    return f.commit();
}

} // namespace RunHistory

} // namespace tardigrade
