#include "LogModel.h"

#include "app/Icons.h"

#include <QColor>
#include <QGuiApplication>
#include <QPalette>

namespace tardigrade::ui {

QColor severityColor(LogSeverity severity, const QPalette &palette)
{
    // A dark theme needs light tints; the dark red of a light theme is
    // unreadable on it.
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    switch (severity) {
    case LogSeverity::Error:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c);
    case LogSeverity::Warning:
        return dark ? QColor(0xff, 0xcc, 0x80) : QColor(0x8a, 0x5a, 0x00);
    case LogSeverity::Info:
        break;
    }
    return {};
}

LogModel::LogModel(int maxLines, QObject *parent) : QAbstractListModel(parent), m_maxLines(qMax(1, maxLines)) {}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    const Line &line = m_lines.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return line.text;
    case SeverityRole:
        return QVariant::fromValue(line.severity);
    case Qt::DecorationRole:
        return line.severity == LogSeverity::Info ? QVariant() : QVariant(severityIcon(line.severity));
    case Qt::ForegroundRole:
        if (line.severity != LogSeverity::Info)
            return severityColor(line.severity, QGuiApplication::palette());
        break;
    default:
        break;
    }
    return {};
}

void LogModel::append(const QString &line, LogSeverity severity)
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
    m_lines.append({line, severity});
    endInsertRows();
}

void LogModel::clear()
{
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

QStringList LogModel::lines() const
{
    QStringList out;
    out.reserve(m_lines.size());
    for (const Line &line : m_lines)
        out << line.text;
    return out;
}

} // namespace tardigrade::ui
