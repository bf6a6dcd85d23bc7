#pragma once

#include "KeyedTableModel.h"
#include "sync/RunEvents.h"

namespace tardigrade::ui {

// The Verifications tab: the files the server has been asked to verify
// (Verifying, Verified, Failed), keyed by path; other states are ignored.
class VerificationTableModel : public KeyedTableModel<FileEvent> {
public:
    enum Column { File, Dataset, State, Size, Detail, ColumnCount };
    using KeyedTableModel::KeyedTableModel;

    static bool belongs(FileState state);
    void apply(const FileEvent &event);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QStringList headers() const override;
};

} // namespace tardigrade::ui
