#pragma once

#include "KeyedTableModel.h"
#include "sync/RunEvents.h"

namespace tardigrade::ui {

// The Users tab: one row per owner folder, keyed by the folder name.
class OwnerTableModel : public KeyedTableModel<OwnerEvent> {
    // tr() under this class's name, where lupdate files its strings (the
    // inherited one would look them up under QAbstractTableModel).
    Q_DECLARE_TR_FUNCTIONS(tardigrade::ui::OwnerTableModel)

public:
    enum Column { Folder, Kind, Resolved, FullName, Email, Status, ColumnCount };
    using KeyedTableModel::KeyedTableModel;

    void apply(const OwnerEvent &event);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QStringList headers() const override;
};

} // namespace tardigrade::ui
