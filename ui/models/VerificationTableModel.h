#pragma once

#include "KeyedTableModel.h"
#include "sync/RunEvents.h"

namespace tardigrade::ui {

// One file of the Verifications tab: what the look-up found of it on the
// server, and what became of it when this run asked the server to verify it.
struct VerificationRow {
    QString path;
    QString dataset;
    qint64 size = 0;
    bool lookedUp = false;
    LookupResult lookup = LookupResult::NotFound;
    QString lookupDetail;
    bool asked = false; // sent for verification in this run: state and message say how it went
    FileState state = FileState::Verifying;
    QString message;
    bool stopped = false; // the run stopped while the server had not answered
};

// The Verifications tab, as MyData showed it: every file the run looked up
// on the server (found verified, found unverified, not found, verified per
// the lookup cache), keyed by path, and for the files this run sent or asked
// to verify, the server's answer (Verifying, Verified, Failed). Look-ups
// come a dataset at a time and are appended with one insert each.
class VerificationTableModel : public KeyedTableModel<VerificationRow> {
    // tr() under this class's name, where lupdate files its strings (the
    // inherited one would look them up under QAbstractTableModel).
    Q_DECLARE_TR_FUNCTIONS(tardigrade::ui::VerificationTableModel)

public:
    enum Column { File, Dataset, Lookup, State, Size, Detail, ColumnCount };
    using KeyedTableModel::KeyedTableModel;

    // The file states this tab shows in its State column.
    static bool belongs(FileState state);
    static QString lookupLabel(LookupResult result);
    void apply(const FileEvent &event);
    void applyLookups(const QVector<LookupEvent> &events);
    // The run was stopped: files still waiting for the server's answer say
    // "Stopped" (the next run asks again), not a "Verifying" that never ends.
    void markStopped();
    bool isStopped(const QString &path) const
    {
        const int row = rowOf(path);
        return row >= 0 && m_rows.at(row).stopped;
    }
    // The look-ups as they came, for the snapshot of the run (at most `max`).
    QVector<LookupEvent> lookups(int max) const;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QStringList headers() const override;
};

} // namespace tardigrade::ui
