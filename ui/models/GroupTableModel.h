#pragma once

#include "KeyedTableModel.h"
#include "sync/RunEvents.h"

namespace tardigrade::ui {

struct GroupRow {
    OwnerEvent owner; // the group folder and the MyTardis group it matched
    int folders = 0;  // dataset folders found below it
    int datasets = 0; // of those, with a dataset on MyTardis (found or created)
    int files = 0;
    int verified = 0;
    qint64 bytes = 0;
};

// The Groups tab, for the "User Group / ..." folder structures: one row per
// group folder (an owner folder of kind "group"), keyed by its name as the
// Users tab has it, with the MyTardis group it matched and the sums of its
// dataset folders from the Folders tab's rows. A folder's row may change
// many times in a run (its Verified count rises): each event replaces that
// folder's share, so nothing is counted twice.
class GroupTableModel : public KeyedTableModel<GroupRow> {
    Q_DECLARE_TR_FUNCTIONS(tardigrade::ui::GroupTableModel)

public:
    enum Column { Folder, Resolved, Folders, Datasets, Files, Verified, Size, Status, ColumnCount };
    using KeyedTableModel::KeyedTableModel;

    void applyOwner(const OwnerEvent &event); // other kinds than "group" are not this tab's
    void applyDataset(const DatasetEvent &event);
    void clear()
    {
        m_shares.clear();
        KeyedTableModel::clear();
    }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QStringList headers() const override;

private:
    static void add(GroupRow &row, const DatasetEvent &share, int sign);

    QHash<QString, DatasetEvent> m_shares; // by dataset folder: what each adds to its group's row
};

} // namespace tardigrade::ui
