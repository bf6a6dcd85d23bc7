#include "DatasetTableModel.h"

#include "Formatting.h"

namespace tardigrade::ui {

QStringList DatasetTableModel::headers() const
{
    return {tr("Folder"), tr("Owner"),    tr("Experiment"), tr("Dataset"), tr("Created"),
            tr("Files"),  tr("Verified"), tr("Size"),       tr("Status")};
}

QString DatasetTableModel::originLabel(DatasetOrigin origin)
{
    switch (origin) {
    case DatasetOrigin::Existing:
        return tr("Existing");
    case DatasetOrigin::Created:
        return tr("New");
    case DatasetOrigin::WouldCreate:
        return tr("Would be new");
    case DatasetOrigin::Unknown:
        break;
    }
    return {};
}

void DatasetTableModel::apply(const DatasetEvent &event)
{
    bool isNew = false;
    DatasetEvent &row = rowFor(event.path, &isNew);
    row = event;
    rowUpdated(event.path);
}

QVariant DatasetTableModel::data(const QModelIndex &index, int role) const
{
    const DatasetEvent *row = rowOf(index);
    if (!row)
        return {};
    const DatasetEvent &e = *row;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Folder:
            return displayPath(e.path);
        case Owner:
            return e.owner;
        case Experiment:
            return e.experiment;
        case Dataset:
            return e.dataset;
        case Created:
            return originLabel(e.origin);
        case Files:
            return e.files;
        case Verified:
            return e.verified;
        case Size:
            return formatBytes(e.bytes);
        case Status:
            return e.status;
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Files:
            return e.files;
        case Verified:
            return e.verified;
        case Size:
            return e.bytes;
        default:
            return {};
        }
    }
    if (role == PathRole)
        return e.path;
    if (role == DatasetIdRole)
        return e.datasetId;
    if (role == Qt::ToolTipRole)
        return index.column() == Status ? e.status : e.path;
    if (role == Qt::TextAlignmentRole &&
        (index.column() == Files || index.column() == Verified || index.column() == Size))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace tardigrade::ui
