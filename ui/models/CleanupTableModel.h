#pragma once

#include "cleanup/CleanupTypes.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QVector>

namespace tardigrade::ui {

// The Cleanup view's table: one row per file the server holds verified,
// with a check box (all ticked when found), its size, its age and, after
// a deletion, why a file was left in place.
class CleanupTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PathColumn, SizeColumn, AgeColumn, NoteColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit CleanupTableModel(QObject *parent = nullptr);

    // `now` is what the ages are counted from.
    void setCandidates(const QVector<CleanupCandidate> &candidates, const QDateTime &now);
    void clear() { setCandidates({}, QDateTime()); }
    // After a deletion: deleted rows go, refused ones stay with their reason.
    void applyOutcome(const CleanupOutcome &outcome);
    void setAllChecked(bool checked);

    QVector<CleanupCandidate> checkedCandidates() const;
    int checkedCount() const;
    qint64 checkedBytes() const;
    int totalCount() const { return int(m_rows.size()); }
    qint64 totalBytes() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void checkedChanged();

private:
    struct Row {
        CleanupCandidate file;
        bool checked = true;
        QString note;
    };
    QVector<Row> m_rows;
    QDateTime m_now;
};

} // namespace tardigrade::ui
