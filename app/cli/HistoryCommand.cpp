// tardigrade history [--json] [--last N]: the runs the engine recorded
// (`run`, the tray app), oldest first, as a table or as JSON.
#include "CommandContext.h"
#include "settings/ConfigPaths.h"
#include "sync/RunHistory.h"
#include "util/TimeText.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tardigrade::cli {

namespace {

const char kUsage[] = "Usage: tardigrade [--config FILE] history [--json] [--last N]\n";

QString cell(const QString &text, int width, bool right = false)
{
    return right ? text.rightJustified(width) : text.leftJustified(width);
}

} // namespace

int runHistory(CommandContext &ctx)
{
    bool json = false;
    int last = RunHistory::MaxRuns;
    for (int i = 0; i < ctx.args.size(); ++i) {
        const QString &a = ctx.args.at(i);
        if (a == QLatin1String("--json")) {
            json = true;
            continue;
        }
        bool ok = false;
        if (a == QLatin1String("--last") && i + 1 < ctx.args.size())
            last = ctx.args.at(++i).toInt(&ok);
        if (!ok || last < 1) {
            ctx.err << "tardigrade history: '" << a << "' is not understood (--last takes a number above 0).\n"
                    << kUsage;
            return ExitUserError;
        }
    }
    const QString file = ConfigPaths::stateFilePath(ctx.configFile, StateFile::RunHistory);
    const RunHistory::Loaded loaded = RunHistory::read(file);
    if (loaded.damagedLines > 0)
        ctx.err << "Note: " << loaded.damagedLines << " damaged lines of " << QDir::toNativeSeparators(file)
                << " were left out.\n";
    const QVector<RunRecord> runs = loaded.runs.mid(qMax(0, int(loaded.runs.size()) - last));
    if (json) {
        QJsonArray array;
        for (const RunRecord &r : runs)
            array.append(QJsonDocument::fromJson(RunHistory::toJsonLine(r)).object());
        ctx.out << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    if (runs.isEmpty()) {
        ctx.out << "No run has been recorded yet: runs of 'tardigrade run' and of the tray app are listed here.\n";
        return ExitOk;
    }
    ctx.out << cell(QStringLiteral("Started"), 21) << cell(QStringLiteral("Took"), 9)
            << cell(QStringLiteral("Started by"), 18) << cell(QStringLiteral("Found"), 7, true)
            << cell(QStringLiteral("Uploaded"), 9, true) << cell(QStringLiteral("Verified"), 9, true)
            << cell(QStringLiteral("Failed"), 7, true) << "  Result\n";
    for (const RunRecord &r : runs) {
        const qint64 secs = r.finished.isValid() ? qMax<qint64>(0, r.started.secsTo(r.finished)) : -1;
        const QString took = secs < 0      ? QString()
                             : secs < 60   ? QStringLiteral("%1 s").arg(secs)
                             : secs < 3600 ? QStringLiteral("%1 min").arg(secs / 60)
                                           : QStringLiteral("%1 h %2 min").arg(secs / 3600).arg(secs % 3600 / 60);
        const bool counted = r.result != RunRecord::Result::Failed;
        const auto count = [counted](int n) { return counted ? QString::number(n) : QStringLiteral("-"); };
        ctx.out << cell(localTimeText(r.started), 21) << cell(took, 9) << cell(r.trigger, 18)
                << cell(count(r.found), 7, true) << cell(count(r.uploaded), 9, true)
                << cell(count(r.verified), 9, true) << cell(count(r.failed), 7, true) << "  "
                << (r.result == RunRecord::Result::Finished && r.conflicts == 0 ? QStringLiteral("finished")
                                                                                 : r.sentence)
                << '\n';
    }
    return ExitOk;
}

} // namespace tardigrade::cli
