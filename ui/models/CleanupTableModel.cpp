#include "CleanupTableModel.h"

#include "Formatting.h"

#include <QDir>
#include <QSet>

namespace tardigrade::ui {

CleanupTableModel::CleanupTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void CleanupTableModel::setCandidates(const QVector<CleanupCandidate> &candidates, const QDateTime &now)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(candidates.size());
    for (const CleanupCandidate &c : candidates)
        m_rows.append({c, true, {}});
    m_now = now;
    endResetModel();
    emit checkedChanged();
}

void CleanupTableModel::applyOutcome(const CleanupOutcome &outcome)
{
    const QSet<QString> deleted(outcome.deleted.cbegin(), outcome.deleted.cend());
    QHash<QString, QString> refused;
    for (const CleanupRefusal &r : outcome.refused)
        refused.insert(r.path, r.reason);
    beginResetModel();
    QVector<Row> kept;
    for (Row &row : m_rows) {
        if (deleted.contains(row.file.path))
            continue;
        if (refused.contains(row.file.path)) {
            row.note = refused.value(row.file.path);
            row.checked = false; // refused once: not offered again by a second click
        }
        kept.append(row);
    }
    m_rows = kept;
    endResetModel();
    emit checkedChanged();
}

void CleanupTableModel::setAllChecked(bool checked)
{
    for (Row &row : m_rows)
        row.checked = checked;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, PathColumn), index(int(m_rows.size()) - 1, PathColumn), {Qt::CheckStateRole});
    emit checkedChanged();
}

QVector<CleanupCandidate> CleanupTableModel::checkedCandidates() const
{
    QVector<CleanupCandidate> out;
    for (const Row &row : m_rows)
        if (row.checked)
            out.append(row.file);
    return out;
}

int CleanupTableModel::checkedCount() const
{
    int n = 0;
    for (const Row &row : m_rows)
        n += row.checked;
    return n;
}

qint64 CleanupTableModel::checkedBytes() const
{
    qint64 n = 0;
    for (const Row &row : m_rows)
        n += row.checked ? row.file.size : 0;
    return n;
}

qint64 CleanupTableModel::totalBytes() const
{
    qint64 n = 0;
    for (const Row &row : m_rows)
        n += row.file.size;
    return n;
}

int CleanupTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CleanupTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CleanupTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const CleanupCandidate &f = row.file;
    if (role == Qt::CheckStateRole && index.column() == PathColumn)
        return row.checked ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::TextAlignmentRole && (index.column() == SizeColumn || index.column() == AgeColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (index.column() == AgeColumn)
            return tr("Modified %1").arg(formatLocalTime(f.mtime));
        if (index.column() == NoteColumn && !row.note.isEmpty())
            return tr("Left in place: %1").arg(row.note);
        return QDir::toNativeSeparators(f.path);
    }
    if (role == SortRole) // sizes and ages by their numbers
        switch (index.column()) {
        case SizeColumn: return f.size;
        case AgeColumn: return -f.mtime.toMSecsSinceEpoch();
        default: return data(index, Qt::DisplayRole);
        }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case PathColumn:
        return QDir::toNativeSeparators(f.relativePath.isEmpty() ? f.path : f.relativePath);
    case SizeColumn:
        return formatBytes(f.size);
    case AgeColumn: {
        const qint64 days = qMax<qint64>(0, f.mtime.daysTo(m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc()));
        return days == 1 ? tr("1 day") : tr("%1 days").arg(days);
    }
    case NoteColumn:
        return row.note.isEmpty() ? QString() : tr("Left in place: %1").arg(row.note);
    default:
        return {};
    }
}

bool CleanupTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.column() != PathColumn || role != Qt::CheckStateRole ||
        index.row() >= m_rows.size())
        return false;
    m_rows[index.row()].checked = value.toInt() == Qt::Checked;
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit checkedChanged();
    return true;
}

Qt::ItemFlags CleanupTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == PathColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant CleanupTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn: return tr("File");
    case SizeColumn: return tr("Size");
    case AgeColumn: return tr("Age");
    case NoteColumn: return tr("Note");
    default: return {};
    }
}

} // namespace tardigrade::ui
