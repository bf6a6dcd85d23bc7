#include "LogModel.h"

namespace tardigrade::ui {

LogModel::LogModel(int maxLines, QObject *parent) : QAbstractListModel(parent), m_maxLines(qMax(1, maxLines)) {}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return m_lines.at(index.row());
    return {};
}

void LogModel::append(const QString &line)
{
    if (m_lines.size() >= m_maxLines) {
        // Drop a tenth at once: one model signal per many lines, not per line.
        const int drop = qMax(1, m_maxLines / 10);
        beginRemoveRows({}, 0, drop - 1);
        m_lines.erase(m_lines.begin(), m_lines.begin() + drop);
        endRemoveRows();
    }
    const int row = int(m_lines.size());
    beginInsertRows({}, row, row);
    m_lines.append(line);
    endInsertRows();
}

void LogModel::clear()
{
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

} // namespace tardigrade::ui
