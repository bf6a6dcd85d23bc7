#include "VerificationPolls.h"

namespace tardigrade {

VerificationPolls::VerificationPolls(qint64 maxPauseMs) : m_maxPauseMs(qMax(kFirstPauseMs, maxPauseMs)) {}

bool VerificationPolls::add(const PendingVerification &file, qint64 nowMs)
{
    const bool first = !m_datasets.contains(file.datasetId);
    Dataset &d = m_datasets[file.datasetId];
    if (first) {
        d.pauseMs = kFirstPauseMs;
        d.dueAtMs = nowMs + kFirstPauseMs;
    }
    d.files.append({file, nowMs});
    return first;
}

std::optional<qint64> VerificationPolls::nextDueMs() const
{
    std::optional<qint64> next;
    for (const Dataset &d : m_datasets)
        if (!next || d.dueAtMs < *next)
            next = d.dueAtMs;
    return next;
}

QVector<qint64> VerificationPolls::dueDatasets(qint64 nowMs) const
{
    QVector<qint64> due;
    for (auto it = m_datasets.cbegin(); it != m_datasets.cend(); ++it)
        if (it->dueAtMs <= nowMs)
            due.append(it.key());
    return due;
}

QVector<qint64> VerificationPolls::datasets() const { return m_datasets.keys().toVector(); }

VerificationPolls::Listed VerificationPolls::listed(qint64 datasetId, const QSet<qint64> &verifiedIds, qint64 nowMs,
                                                   qint64 listedFiles)
{
    Listed out;
    auto it = m_datasets.find(datasetId);
    if (it == m_datasets.end())
        return out;
    QVector<Waiting> still;
    for (Waiting &w : it->files) {
        if (verifiedIds.contains(w.file.datafileId)) {
            out.verified.append(w.file);
            continue;
        }
        if (nowMs - w.askedAtMs >= kAskAgainMs) {
            out.askAgain.append(w.file);
            w.askedAtMs = nowMs;
        }
        still.append(w);
    }
    if (still.isEmpty()) {
        m_datasets.erase(it);
        return out;
    }
    it->files = still;
    // Doubling while uploads go on keeps the listings few; once they are
    // over, someone waits for the run to end, and a pause a quarter longer
    // each time sees a file at most about a quarter of its wait late
    // (doubling: up to half), for a few more listings of one request each.
    const qint64 grown = m_uploadsOver ? it->pauseMs + it->pauseMs / 4 : it->pauseMs * 2;
    it->pauseMs = qMin(grown, m_maxPauseMs);
    const qint64 floorMs = m_uploadsOver ? 0 : listedFiles * kPauseMsPerListedFile;
    it->dueAtMs = nowMs + qMax(it->pauseMs, floorMs);
    return out;
}

void VerificationPolls::restart(qint64 nowMs)
{
    m_uploadsOver = true;
    for (Dataset &d : m_datasets) {
        d.pauseMs = kFirstPauseMs;
        d.dueAtMs = qMin(d.dueAtMs, nowMs + kFirstPauseMs);
    }
}

QVector<PendingVerification> VerificationPolls::waiting() const
{
    QVector<PendingVerification> all;
    for (const Dataset &d : m_datasets)
        for (const Waiting &w : d.files)
            all.append(w.file);
    return all;
}

} // namespace tardigrade
