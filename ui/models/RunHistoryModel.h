#pragma once

#include "sync/RunHistory.h"

#include <QAbstractTableModel>
#include <QCoreApplication>
#include <QVector>

namespace tardigrade::ui {

// The Tasks tab's "Past runs": one row per finished upload run, oldest
// first (as the log reads; the newest row is followed), read from the run
// history at start and added to as runs end. Times and counts sort by
// value (SortRole).
class RunHistoryModel : public QAbstractTableModel {
    Q_DECLARE_TR_FUNCTIONS(tardigrade::ui::RunHistoryModel)

public:
    enum Column { Started, Ended, Duration, Trigger, Found, Uploaded, Verified, Failed, Result, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setRuns(const QVector<RunRecord> &runs);
    void append(const RunRecord &run); // keeps the newest RunHistory::MaxRuns
    const RunRecord &runAt(int row) const { return m_runs.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_runs.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // "Sync Now", "Scheduled (daily)", ...: what started a run, in words.
    static QString triggerLabel(const QString &trigger);
    // "Finished", "2 failed", "Stopped: 5 files left", "Failed: <why>".
    static QString resultLabel(const RunRecord &run);
    static QString durationText(const RunRecord &run); // "42 s", "3 min 05 s"

private:
    QVector<RunRecord> m_runs;
};

} // namespace tardigrade::ui
