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
    bool stopped = false; // the run was stopped before this file was done
};

// The Uploads tab: one row per file of the run, keyed by its path; the
// speed column is worked out from successive events of the same file.
// Hashing and sending are separate phases of a file, each from 0 to 100%:
// the engine counts done per phase (FileWorker: Hashing, then Transferring
// from the resume offset), so the row reads "Hashing 40%", then
// "Transferring 0%" and up, and the speed starts again with each phase.
class UploadTableModel : public KeyedTableModel<UploadRow> {
    // tr() under this class's name, where lupdate files its strings (the
    // inherited one would look them up under QAbstractTableModel).
    Q_DECLARE_TR_FUNCTIONS(tardigrade::ui::UploadTableModel)

public:
    enum Column { File, Dataset, State, Progress, Size, Speed, ColumnCount };
    enum Role { PercentRole = Qt::UserRole + 1 }; // 0..100 for the progress delegate

    explicit UploadTableModel(QObject *parent = nullptr);
    UploadTableModel(const Clock &clock, QObject *parent = nullptr);

    void apply(const FileEvent &event);
    // The run was stopped: every file not verified or failed says "Stopped"
    // (it resumes with the next run), without a speed that no longer moves.
    void markStopped();
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    static int percentOf(const FileEvent &event);

protected:
    QStringList headers() const override;

private:
    const Clock &m_clock;
};

} // namespace tardigrade::ui
