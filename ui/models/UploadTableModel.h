#pragma once

#include "KeyedTableModel.h"
#include "sync/RunEvents.h"

namespace tardigrade {
class Clock;
}

namespace tardigrade::ui {

struct UploadRow {
    FileEvent event;
    double bytesPerSecond = 0; // smoothed, from the bytes between two events
    qint64 lastMs = -1;
    qint64 lastDone = 0;
};

// The Uploads tab: one row per file of the run, keyed by its path; the
// speed column is worked out from successive events of the same file.
class UploadTableModel : public KeyedTableModel<UploadRow> {
public:
    enum Column { File, Dataset, State, Progress, Size, Speed, ColumnCount };
    enum Role { PercentRole = Qt::UserRole + 1 }; // 0..100 for the progress delegate

    explicit UploadTableModel(QObject *parent = nullptr);
    UploadTableModel(const Clock &clock, QObject *parent = nullptr);

    void apply(const FileEvent &event);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    static int percentOf(const FileEvent &event);

protected:
    QStringList headers() const override;

private:
    const Clock &m_clock;
};

} // namespace tardigrade::ui
