#pragma once

#include "KeyedTableModel.h"
#include "sync/RunEvents.h"

namespace tardigrade::ui {

// The Folders tab: one row per dataset folder, keyed by its path.
class DatasetTableModel : public KeyedTableModel<DatasetEvent> {
    // tr() under this class's name, where lupdate files its strings (the
    // inherited one would look them up under QAbstractTableModel).
    Q_DECLARE_TR_FUNCTIONS(tardigrade::ui::DatasetTableModel)

public:
    enum Column { Folder, Owner, Experiment, Dataset, Created, Files, Verified, Size, Status, ColumnCount };
    // The folder's absolute path, and its dataset's id on the server (0
    // until found or created), for the Folders tab's actions.
    enum Role { PathRole = Qt::UserRole + 20, DatasetIdRole };
    using KeyedTableModel::KeyedTableModel;

    void apply(const DatasetEvent &event);
    // "New", "Existing", "Would be new": the Created column.
    static QString originLabel(DatasetOrigin origin);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    QStringList headers() const override;
};

} // namespace tardigrade::ui
