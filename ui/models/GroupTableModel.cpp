#include "GroupTableModel.h"

#include "Formatting.h"

#include <QBrush>
#include <QColor>

namespace tardigrade::ui {

QStringList GroupTableModel::headers() const
{
    return {tr("Folder"), tr("MyTardis group"), tr("Folders"), tr("Datasets"),
            tr("Files"),  tr("Verified"),       tr("Size"),    tr("Status")};
}

QVariant GroupTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        if (section == Folders)
            return tr("Dataset folders found below the group folder");
        if (section == Datasets)
            return tr("Of those folders, the ones with a dataset in MyTardis (found or created)");
    }
    return KeyedTableModel::headerData(section, orientation, role);
}

void GroupTableModel::add(GroupRow &row, const DatasetEvent &share, int sign)
{
    const bool onServer =
        share.datasetId > 0 || share.origin == DatasetOrigin::Existing || share.origin == DatasetOrigin::Created;
    row.folders += sign;
    row.datasets += onServer ? sign : 0;
    row.files += sign * share.files;
    row.verified += sign * share.verified;
    row.bytes += sign * share.bytes;
}

void GroupTableModel::applyOwner(const OwnerEvent &event)
{
    if (event.kind != QLatin1String("group"))
        return;
    bool isNew = false;
    GroupRow &row = rowFor(event.folder, &isNew);
    row.owner = event;
    if (isNew) // folders reported before their group (a restored run): counted now
        for (const DatasetEvent &share : std::as_const(m_shares))
            if (share.owner == event.folder)
                add(row, share, +1);
    rowUpdated(event.folder);
}

void GroupTableModel::applyDataset(const DatasetEvent &event)
{
    const auto before = m_shares.constFind(event.path);
    const int row = rowOf(event.owner);
    if (row >= 0 && before != m_shares.constEnd())
        add(m_rows[row], *before, -1);
    m_shares.insert(event.path, event);
    if (row < 0)
        return;
    add(m_rows[row], event, +1);
    rowUpdated(event.owner);
}

QVariant GroupTableModel::data(const QModelIndex &index, int role) const
{
    const GroupRow *row = rowOf(index);
    if (!row)
        return {};
    const GroupRow &r = *row;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Folder:
            return r.owner.folder;
        case Resolved:
            return r.owner.resolved.isEmpty() ? tr("(none)") : r.owner.resolved;
        case Folders:
            return r.folders;
        case Datasets:
            return r.datasets;
        case Files:
            return r.files;
        case Verified:
            return r.verified;
        case Size:
            return formatBytes(r.bytes);
        case Status:
            return r.owner.status;
        default:
            return {};
        }
    }
    if (role == SortRole) {
        // Counts sort as the numbers they show; the size by its bytes; text
        // columns by the collator (no sort value).
        switch (index.column()) {
        case Folders:
        case Datasets:
        case Files:
        case Verified:
            return data(index, Qt::DisplayRole);
        case Size:
            return r.bytes;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole)
        return r.owner.status;
    // A group folder the server does not know: its data goes to the
    // facility account (as on the Users tab).
    if (role == Qt::ForegroundRole && index.column() == Resolved && r.owner.resolved.isEmpty())
        return QBrush(QColor(0xb0, 0x5a, 0x00));
    if (role == Qt::TextAlignmentRole && index.column() >= Folders && index.column() <= Size)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace tardigrade::ui
