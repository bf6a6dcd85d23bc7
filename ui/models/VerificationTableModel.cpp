#include "VerificationTableModel.h"

#include "Formatting.h"

#include <QBrush>
#include <QColor>

namespace tardigrade::ui {

QStringList VerificationTableModel::headers() const
{
    return {tr("File"), tr("Dataset"), tr("Lookup"), tr("Verification"), tr("Size"), tr("Detail")};
}

bool VerificationTableModel::belongs(FileState state)
{
    return state == FileState::Verifying || state == FileState::Verified || state == FileState::Failed;
}

QString VerificationTableModel::lookupLabel(LookupResult result)
{
    switch (result) {
    case LookupResult::FoundVerified:
        return tr("Found verified");
    case LookupResult::FoundUnverified:
        return tr("Found unverified");
    case LookupResult::VerifiedInCache:
        return tr("Verified (cache)");
    case LookupResult::NotFound:
        break;
    }
    return tr("Not found");
}

void VerificationTableModel::apply(const FileEvent &event)
{
    const int existing = rowOf(event.path);
    if (!belongs(event.state)) {
        if (existing < 0)
            return;
        if (!m_rows.at(existing).lookedUp) {
            // A file sent back to upload (e.g. the server lost its copy) with
            // no look-up to show leaves the tab until it is asked for again.
            removeKey(event.path);
            return;
        }
        // Its look-up stays; the server is no longer being asked.
        VerificationRow &row = m_rows[existing];
        if (!row.asked && !row.stopped)
            return;
        row.asked = false;
        row.stopped = false;
        row.message.clear();
        rowUpdated(event.path);
        return;
    }
    bool isNew = false;
    VerificationRow &row = rowFor(event.path, &isNew);
    row.path = event.path;
    if (!event.dataset.isEmpty())
        row.dataset = event.dataset;
    if (event.size > 0)
        row.size = event.size;
    row.asked = true;
    row.state = event.state;
    row.message = event.message;
    row.stopped = false;
    rowUpdated(event.path);
}

void VerificationTableModel::applyLookups(const QVector<LookupEvent> &events)
{
    QStringList keys;
    QVector<VerificationRow> fresh;
    for (const LookupEvent &e : events) {
        const int existing = rowOf(e.path);
        VerificationRow *row = nullptr;
        if (existing >= 0) {
            row = &m_rows[existing];
        } else {
            fresh.append(VerificationRow{});
            keys << e.path;
            row = &fresh.last();
            row->path = e.path;
        }
        if (!e.dataset.isEmpty())
            row->dataset = e.dataset;
        if (e.size > 0)
            row->size = e.size;
        row->lookedUp = true;
        row->lookup = e.result;
        row->lookupDetail = e.detail;
        if (existing >= 0)
            emit dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
    }
    appendRows(keys, std::move(fresh));
}

void VerificationTableModel::markStopped()
{
    for (VerificationRow &row : m_rows)
        if (row.asked && row.state == FileState::Verifying)
            row.stopped = true;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

QVector<LookupEvent> VerificationTableModel::lookups(int max) const
{
    QVector<LookupEvent> out;
    for (const VerificationRow &row : m_rows) {
        if (out.size() >= max)
            break;
        if (row.lookedUp)
            out.append({row.path, row.dataset, row.size, row.lookup, row.lookupDetail});
    }
    return out;
}

QVariant VerificationTableModel::data(const QModelIndex &index, int role) const
{
    const VerificationRow *row = rowOf(index);
    if (!row)
        return {};
    const VerificationRow &r = *row;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case File:
            return displayPath(r.path);
        case Dataset:
            return r.dataset;
        case Lookup:
            return r.lookedUp ? lookupLabel(r.lookup) : QString();
        case State:
            if (r.stopped)
                return tr("Stopped");
            return r.asked ? fileStateLabel(r.state) : QString();
        case Size:
            return formatBytes(r.size);
        case Detail:
            if (r.stopped)
                return tr("Stopped before the server answered; the next run asks again");
            return r.asked && !r.message.isEmpty() ? r.message : r.lookupDetail;
        default:
            return {};
        }
    }
    if (role == SortRole && index.column() == Size)
        return r.size;
    if (role == Qt::ToolTipRole) {
        const QString detail = data(index.siblingAtColumn(Detail), Qt::DisplayRole).toString();
        return detail.isEmpty() ? r.path : detail;
    }
    if (role == Qt::ForegroundRole && index.column() == State && r.asked && !r.stopped) {
        if (r.state == FileState::Failed)
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        if (r.state == FileState::Verified)
            return QBrush(QColor(0x26, 0x80, 0x3a));
    }
    // A record the server has not verified is what an administrator looks
    // for when files hang: it stands out.
    if (role == Qt::ForegroundRole && index.column() == Lookup && r.lookedUp &&
        r.lookup == LookupResult::FoundUnverified)
        return QBrush(QColor(0xb0, 0x5a, 0x00));
    if (role == Qt::TextAlignmentRole && index.column() == Size)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace tardigrade::ui
