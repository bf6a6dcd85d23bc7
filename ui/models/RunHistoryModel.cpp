#include "RunHistoryModel.h"

#include "Formatting.h"
#include "KeyedTableModel.h" // SortRole

#include <QBrush>
#include <QColor>

namespace tardigrade::ui {

void RunHistoryModel::setRuns(const QVector<RunRecord> &runs)
{
    beginResetModel();
    m_runs = runs.size() > RunHistory::MaxRuns ? runs.mid(runs.size() - RunHistory::MaxRuns) : runs;
    endResetModel();
}

void RunHistoryModel::append(const RunRecord &run)
{
    if (m_runs.size() >= RunHistory::MaxRuns) {
        beginRemoveRows({}, 0, 0);
        m_runs.removeFirst();
        endRemoveRows();
    }
    const int row = int(m_runs.size());
    beginInsertRows({}, row, row);
    m_runs.append(run);
    endInsertRows();
}

QString RunHistoryModel::triggerLabel(const QString &trigger)
{
    if (trigger == QLatin1String("Sync Now"))
        return tr("Sync Now");
    if (trigger == QLatin1String("On Startup"))
        return tr("At start");
    if (trigger == QLatin1String("On Settings Saved"))
        return tr("Settings saved");
    if (trigger == QLatin1String("Once"))
        return tr("Scheduled (once)");
    if (trigger == QLatin1String("Daily"))
        return tr("Scheduled (daily)");
    if (trigger == QLatin1String("Weekly"))
        return tr("Scheduled (weekly)");
    if (trigger == QLatin1String("Timer"))
        return tr("Scheduled (timer)");
    if (trigger == QLatin1String("tardigrade upload"))
        return tr("Command line");
    return trigger; // a reason a later version added: as it was written
}

QString RunHistoryModel::resultLabel(const RunRecord &run)
{
    switch (run.result) {
    case RunRecord::Result::Finished:
        // Finished, yet some files wait for a person to decide.
        if (run.conflicts > 0)
            return tr("Finished, %n in conflict", nullptr, run.conflicts);
        return tr("Finished");
    case RunRecord::Result::Failures:
        return tr("Finished, %n failed", nullptr, run.failed);
    case RunRecord::Result::Stopped:
        // No English .qm: "%n files" alone would read "1 files".
        return run.left == 1 ? tr("Stopped, 1 file left") : tr("Stopped, %n files left", nullptr, run.left);
    case RunRecord::Result::Failed: {
        // The sentence is "Run failed: <why>."; the column says the why.
        QString why = run.sentence;
        const QString prefix = QStringLiteral("Run failed: ");
        if (why.startsWith(prefix))
            why = why.mid(prefix.size());
        return tr("Failed: %1").arg(why);
    }
    }
    return {};
}

QString RunHistoryModel::durationText(const RunRecord &run)
{
    if (!run.started.isValid() || !run.finished.isValid())
        return {};
    const qint64 secs = qBound(qint64(0), run.started.secsTo(run.finished), qint64(INT_MAX));
    // formatEta() says "a few seconds" for a wait; a run that took 3 s took 3 s.
    return secs < 60 ? tr("%1 s").arg(secs) : formatEta(int(secs));
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_runs.size())
        return {};
    const RunRecord &r = m_runs.at(index.row());
    // A run that failed before its files counted nothing: blank, not "0 found".
    const bool counted = r.result != RunRecord::Result::Failed;
    if (role == Qt::DisplayRole) {
        if (!counted && index.column() >= Found && index.column() <= Failed)
            return {};
        switch (index.column()) {
        case Started:
            return formatLocalTime(r.started);
        case Ended:
            return formatLocalTime(r.finished);
        case Duration:
            return durationText(r);
        case Trigger:
            return triggerLabel(r.trigger);
        case Found:
            return r.found;
        case Uploaded:
            return r.uploaded;
        case Verified:
            return r.verified;
        case Failed:
            return r.failed;
        case Result:
            return resultLabel(r);
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Started:
            return r.started.toMSecsSinceEpoch();
        case Ended:
            return r.finished.toMSecsSinceEpoch();
        case Duration:
            return r.started.msecsTo(r.finished);
        case Found:
        case Uploaded:
        case Verified:
        case Failed:
            return counted ? data(index, Qt::DisplayRole) : QVariant(-1); // below every count
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole)
        return r.sentence;
    if (role == Qt::TextAlignmentRole && index.column() >= Found && index.column() <= Failed)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Result) {
        if (r.result == RunRecord::Result::Failed || r.result == RunRecord::Result::Failures)
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        if (r.result == RunRecord::Result::Finished && r.conflicts > 0) // needs a person, as on the Uploads tab
            return QBrush(QColor(0xb3, 0x5c, 0x00));
        if (r.result == RunRecord::Result::Finished)
            return QBrush(QColor(0x26, 0x80, 0x3a));
    }
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Started:
        return tr("Started");
    case Ended:
        return tr("Ended");
    case Duration:
        return tr("Duration");
    case Trigger:
        return tr("Started by");
    case Found:
        return tr("Found");
    case Uploaded:
        return tr("Uploaded");
    case Verified:
        return tr("Verified");
    case Failed:
        return tr("Failed");
    case Result:
        return tr("Result");
    default:
        return {};
    }
}

} // namespace tardigrade::ui
