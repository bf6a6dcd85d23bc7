#include "VerificationTableModel.h"

#include "Formatting.h"

#include <QBrush>
#include <QColor>

namespace tardigrade::ui {

QStringList VerificationTableModel::headers() const
{
    return {tr("File"), tr("Dataset"), tr("State"), tr("Size"), tr("Detail")};
}

bool VerificationTableModel::belongs(FileState state)
{
    return state == FileState::Verifying || state == FileState::Verified || state == FileState::Failed;
}

void VerificationTableModel::apply(const FileEvent &event)
{
    if (!belongs(event.state)) {
        // A file sent back to upload (e.g. the server lost its copy) leaves
        // the tab until it is asked for again.
        removeKey(event.path);
        return;
    }
    m_stopped.remove(event.path);
    bool isNew = false;
    FileEvent &row = rowFor(event.path, &isNew);
    row = row.updatedBy(event);
    rowUpdated(event.path);
}

void VerificationTableModel::markStopped()
{
    for (const FileEvent &e : std::as_const(m_rows))
        if (e.state == FileState::Verifying)
            m_stopped.insert(e.path);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

QVariant VerificationTableModel::data(const QModelIndex &index, int role) const
{
    const FileEvent *row = rowOf(index);
    if (!row)
        return {};
    const FileEvent &e = *row;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case File:
            return displayPath(e.path);
        case Dataset:
            return e.dataset;
        case State:
            return m_stopped.contains(e.path) ? tr("Stopped") : fileStateLabel(e.state);
        case Size:
            return formatBytes(e.size);
        case Detail:
            return m_stopped.contains(e.path) ? tr("Stopped before the server answered; the next run asks again")
                                              : e.message;
        default:
            return {};
        }
    }
    if (role == SortRole && index.column() == Size)
        return e.size;
    if (role == Qt::ToolTipRole)
        return e.message.isEmpty() ? e.path : e.message;
    if (role == Qt::ForegroundRole && index.column() == State) {
        if (e.state == FileState::Failed)
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        if (e.state == FileState::Verified)
            return QBrush(QColor(0x26, 0x80, 0x3a));
    }
    if (role == Qt::TextAlignmentRole && index.column() == Size)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace tardigrade::ui
