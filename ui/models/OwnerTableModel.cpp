#include "OwnerTableModel.h"

#include <QBrush>
#include <QColor>

namespace tardigrade::ui {

QStringList OwnerTableModel::headers() const
{
    return {tr("Folder"), tr("Kind"), tr("On MyTardis"), tr("Full name"), tr("Email"), tr("Status")};
}

void OwnerTableModel::apply(const OwnerEvent &event)
{
    bool isNew = false;
    OwnerEvent &row = rowFor(event.folder, &isNew);
    row = event;
    rowUpdated(event.folder);
}

QVariant OwnerTableModel::data(const QModelIndex &index, int role) const
{
    const OwnerEvent *row = rowOf(index);
    if (!row)
        return {};
    const OwnerEvent &e = *row;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Folder:
            return e.folder;
        case Kind:
            return e.kind;
        case Resolved:
            return e.resolved.isEmpty() ? tr("(none)") : e.resolved;
        case FullName:
            return e.fullName;
        case Email:
            return e.email;
        case Status:
            return e.status;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole)
        return e.status;
    // An owner the server does not know is worth noticing: its data goes
    // to the facility account.
    if (role == Qt::ForegroundRole && index.column() == Resolved && e.resolved.isEmpty())
        return QBrush(QColor(0xb0, 0x5a, 0x00));
    return {};
}

} // namespace tardigrade::ui
