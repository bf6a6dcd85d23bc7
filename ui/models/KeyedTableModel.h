#pragma once

#include <QAbstractTableModel>
#include <QCoreApplication> // the tables' Q_DECLARE_TR_FUNCTIONS
#include <QDir>
#include <QHash>
#include <QStringList>
#include <QVector>

namespace tardigrade::ui {

// The raw value a column sorts by (bytes, counts, percent, speed): the
// shown text would sort "2.0 MB" before "900.0 kB". Columns without one
// sort by their text (TableSortFilter).
inline constexpr int SortRole = Qt::UserRole + 16;

// A table whose rows are keyed by a string (a path, a folder name): a
// repeated event for the same key updates its row in place. Lookup is a
// hash, so an event costs O(1) and one dataChanged for one row, whatever
// the size of the table (runs of 10,000 files).
template <typename Row> class KeyedTableModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(headers().size());
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < headers().size())
            return headers().at(section);
        return QAbstractTableModel::headerData(section, orientation, role);
    }

    const Row &rowAt(int row) const { return m_rows.at(row); }
    // The row an index of data() points at; none for an index out of range.
    const Row *rowOf(const QModelIndex &index) const
    {
        return index.isValid() && index.row() < rowCount() ? &m_rows.at(index.row()) : nullptr;
    }
    int rowOf(const QString &key) const { return m_index.value(key, -1); }

    // Paths under this folder (the data directory) are shown relative to
    // it: "alice/run1/a.tif" reads better than the same with /data/krios/.
    void setDisplayRoot(const QString &root)
    {
        QString r = QDir::fromNativeSeparators(root.trimmed());
        while (r.size() > 1 && r.endsWith(QLatin1Char('/')))
            r.chop(1);
        if (r == m_root)
            return;
        m_root = r;
        if (!m_rows.isEmpty())
            emit this->dataChanged(this->index(0, 0), this->index(rowCount() - 1, columnCount() - 1));
    }

    QString displayPath(const QString &path) const
    {
        if (m_root.isEmpty())
            return path;
        const QString p = QDir::fromNativeSeparators(path);
        if (p.size() > m_root.size() + 1 && p.startsWith(m_root) && p.at(m_root.size()) == QLatin1Char('/'))
            return p.mid(m_root.size() + 1);
        return path;
    }

    void clear()
    {
        beginResetModel();
        m_rows.clear();
        m_index.clear();
        endResetModel();
    }

protected:
    virtual QStringList headers() const = 0;

    // The row for this key (appended when new) and whether it is new; the
    // caller fills it in and then calls rowUpdated(), new row or not. A new
    // row is announced (endInsertRows) only once filled: a sorted or
    // filtered view places it by its content, which an empty row has not.
    Row &rowFor(const QString &key, bool *isNew)
    {
        const auto it = m_index.constFind(key);
        if (it != m_index.constEnd()) {
            *isNew = false;
            return m_rows[*it];
        }
        *isNew = true;
        const int row = int(m_rows.size());
        beginInsertRows({}, row, row);
        m_index.insert(key, row);
        m_rows.append(Row{});
        m_inserting = true;
        return m_rows[row];
    }

    void rowUpdated(const QString &key)
    {
        if (m_inserting) {
            m_inserting = false;
            endInsertRows();
            return;
        }
        const int row = rowOf(key);
        if (row >= 0)
            emit this->dataChanged(this->index(row, 0), this->index(row, columnCount() - 1));
    }

    // Rows for keys not in the table yet, appended with one insert: a
    // dataset's 100,000 look-ups reach the view and its sort proxy as one
    // change, not 100,000. Keys already present are the caller's to update.
    void appendRows(const QStringList &keys, QVector<Row> &&rows)
    {
        Q_ASSERT(keys.size() == rows.size());
        if (keys.isEmpty())
            return;
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(keys.size()) - 1);
        m_rows.reserve(first + rows.size());
        for (int i = 0; i < keys.size(); ++i) {
            m_index.insert(keys.at(i), first + i);
            m_rows.append(std::move(rows[i]));
        }
        endInsertRows();
    }

    void removeKey(const QString &key)
    {
        const int row = rowOf(key);
        if (row < 0)
            return;
        beginRemoveRows({}, row, row);
        m_rows.remove(row);
        m_index.remove(key);
        // Rows below moved up one; removals are rare (a file leaving a tab).
        for (auto it = m_index.begin(); it != m_index.end(); ++it)
            if (*it > row)
                --*it;
        endRemoveRows();
    }

    QVector<Row> m_rows;
    QHash<QString, int> m_index;
    QString m_root;
    bool m_inserting = false; // rowFor() began a row that rowUpdated() ends
};

} // namespace tardigrade::ui
