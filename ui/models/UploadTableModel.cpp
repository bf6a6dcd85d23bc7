#include "UploadTableModel.h"

#include "Formatting.h"
#include "util/Clock.h"

#include <QBrush>
#include <QColor>

namespace tardigrade::ui {

UploadTableModel::UploadTableModel(QObject *parent) : UploadTableModel(Clock::system(), parent) {}

UploadTableModel::UploadTableModel(const Clock &clock, QObject *parent) : KeyedTableModel(parent), m_clock(clock) {}

QStringList UploadTableModel::headers() const
{
    return {tr("File"), tr("Dataset"), tr("State"), tr("Progress"), tr("Size"), tr("Speed")};
}

int UploadTableModel::percentOf(const FileEvent &event)
{
    switch (event.state) {
    case FileState::Uploaded:
    case FileState::Verifying:
    case FileState::Verified:
        return 100;
    default:
        break;
    }
    if (event.size <= 0)
        return 0;
    return int(qBound(qint64(0), event.done * 100 / event.size, qint64(100)));
}

void UploadTableModel::apply(const FileEvent &event)
{
    bool isNew = false;
    UploadRow &row = rowFor(event.path, &isNew);
    const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
    const bool moving = event.state == FileState::Transferring || event.state == FileState::Hashing;
    // A speed only means something between two events of the same phase.
    const bool samePhase = !isNew && row.event.state == event.state;
    if (!moving || !samePhase) {
        row.bytesPerSecond = 0;
    } else if (nowMs > row.lastMs && event.done >= row.lastDone) {
        const double sample = double(event.done - row.lastDone) * 1000.0 / double(nowMs - row.lastMs);
        // Smoothed so the column does not flicker between events.
        row.bytesPerSecond = row.bytesPerSecond > 0 ? 0.7 * row.bytesPerSecond + 0.3 * sample : sample;
    }
    row.event = row.event.updatedBy(event);
    row.stopped = false;
    row.lastMs = nowMs;
    row.lastDone = event.done;
    rowUpdated(event.path);
}

void UploadTableModel::markStopped()
{
    for (UploadRow &row : m_rows) {
        if (row.event.state == FileState::Verified || row.event.state == FileState::Failed ||
            row.event.state == FileState::Conflict || row.event.state == FileState::Unreadable)
            continue;
        row.stopped = true;
        row.bytesPerSecond = 0;
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

QVariant UploadTableModel::data(const QModelIndex &index, int role) const
{
    const UploadRow *row = rowOf(index);
    if (!row)
        return {};
    const UploadRow &r = *row;
    const FileEvent &e = r.event;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case File:
            return displayPath(e.path);
        case Dataset:
            return e.dataset;
        case State:
            return r.stopped ? tr("Stopped") : fileStateLabel(e.state);
        case Progress:
            return e.state == FileState::Unreadable ? QString() : QStringLiteral("%1%").arg(percentOf(e));
        case Size: // an unreadable file's size is not known (nor a folder's)
            return e.state == FileState::Unreadable ? QString() : formatBytes(e.size);
        case Speed:
            return r.stopped ? QString() : formatSpeed(r.bytesPerSecond);
        default:
            return {};
        }
    }
    if (role == PercentRole) // none for what cannot be read: the delegate draws no bar
        return e.state == FileState::Unreadable ? QVariant() : QVariant(percentOf(e));
    if (role == SortRole) {
        switch (index.column()) {
        case Progress:
            return percentOf(e);
        case Size:
            return e.size;
        case Speed:
            return r.stopped ? 0.0 : r.bytesPerSecond;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (r.stopped)
            return QString(e.path + QLatin1Char('\n') + tr("Stopped: the next run continues with this file."));
        return e.message.isEmpty() ? e.path : e.path + QLatin1Char('\n') + e.message;
    }
    if (role == Qt::ForegroundRole && index.column() == State) {
        if (e.state == FileState::Failed || e.state == FileState::Unreadable)
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        if (e.state == FileState::Verified)
            return QBrush(QColor(0x26, 0x80, 0x3a));
        if (e.state == FileState::Conflict) // needs a person, like a failure, but nothing broke
            return QBrush(QColor(0xb3, 0x5c, 0x00));
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Size || index.column() == Speed))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace tardigrade::ui
