#pragma once

#include "KeyedTableModel.h"
#include "sync/RunEvents.h"

#include <QSet>

namespace tardigrade::ui {

// The Verifications tab: the files the server has been asked to verify
// (Verifying, Verified, Failed), keyed by path; other states are ignored.
class VerificationTableModel : public KeyedTableModel<FileEvent> {
    // tr() under this class's name, where lupdate files its strings (the
    // inherited one would look them up under QAbstractTableModel).
    Q_DECLARE_TR_FUNCTIONS(tardigrade::ui::VerificationTableModel)

public:
    enum Column { File, Dataset, State, Size, Detail, ColumnCount };
    using KeyedTableModel::KeyedTableModel;

    static bool belongs(FileState state);
    void apply(const FileEvent &event);
    // The run was stopped: files still waiting for the server's answer say
    // "Stopped" (the next run asks again), not a "Verifying" that never ends.
    void markStopped();
    bool isStopped(const QString &path) const { return m_stopped.contains(path); }
    void clear()
    {
        m_stopped.clear();
        KeyedTableModel::clear();
    }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QStringList headers() const override;

private:
    QSet<QString> m_stopped;
};

} // namespace tardigrade::ui
