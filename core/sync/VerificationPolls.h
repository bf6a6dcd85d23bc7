#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QVector>

#include <optional>

namespace tardigrade {

struct PlannedFile;

// A file whose bytes are all on the server, waiting for its replica to be
// verified.
struct PendingVerification {
    QString path;
    const PlannedFile *planned = nullptr; // the plan's file (the run's plan outlives its verification)
    QString dataset;     // name, for reports
    qint64 datasetId = 0;
    qint64 datafileId = 0;
    qint64 size = 0;
    // Sent by HTTP POST or in chunks: the server checks those bytes without
    // being asked (mytardis-api.md 11a, 11c). Staged bytes need the request.
    bool serverVerifiesItself = false;
};

// Which delivered files still wait for a verified replica, by dataset, and
// when to list each dataset next: 100 ms after its first waiting file came,
// then twice as long after every listing that leaves files waiting (a
// quarter longer once the uploads are over), up to
// `maxPauseMs` (verification_delay: the longest a verified file goes unseen,
// not a wait before asking). One listing of a dataset answers for all of its
// waiting files, so the number of requests follows datasets, not files.
// While uploads go on, a big dataset is listed less often (a millisecond
// of pause per file listed, so its listing costs about one page a second
// however big it grows); once they are over, only the schedule counts.
// Times are milliseconds on the run's clock. Not thread-safe: the Verifier
// calls it under its lock.
class VerificationPolls {
public:
    static constexpr qint64 kFirstPauseMs = 100;
    static constexpr qint64 kAskAgainMs = 30000; // the server may have missed the first request
    static constexpr qint64 kPauseMsPerListedFile = 1;

    explicit VerificationPolls(qint64 maxPauseMs);

    // A file whose verification was asked (or needs no asking) at `nowMs`.
    // True when its dataset had nothing waiting, so it is due sooner than
    // whatever the poller is waiting for.
    bool add(const PendingVerification &file, qint64 nowMs);

    std::optional<qint64> nextDueMs() const; // none when nothing waits
    QVector<qint64> dueDatasets(qint64 nowMs) const;
    QVector<qint64> datasets() const;

    struct Listed {
        QVector<PendingVerification> verified;
        QVector<PendingVerification> askAgain; // waiting kAskAgainMs since last asked
    };
    // What one listing of `datasetId` (`listedFiles` long) found verified
    // (datafile ids). The others wait for the next listing, a step later in
    // the schedule.
    Listed listed(qint64 datasetId, const QSet<qint64> &verifiedIds, qint64 nowMs, qint64 listedFiles = 0);

    // The uploads are over and nothing new will come: the schedule starts
    // again at its first step, so the last files are seen soon.
    void restart(qint64 nowMs);

    bool isEmpty() const { return m_datasets.isEmpty(); }
    QVector<PendingVerification> waiting() const;

private:
    struct Waiting {
        PendingVerification file;
        qint64 askedAtMs = 0;
    };
    struct Dataset {
        QVector<Waiting> files;
        qint64 pauseMs = kFirstPauseMs;
        qint64 dueAtMs = 0;
    };

    qint64 m_maxPauseMs;
    bool m_uploadsOver = false;
    QHash<qint64, Dataset> m_datasets;
};

} // namespace tardigrade
