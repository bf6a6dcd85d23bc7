#pragma once

#include "RunEvents.h"

#include <QString>

namespace tardigrade {

// Where the stages of a run report what they see and do. SyncRun passes
// itself (turning each call into a queued signal for the UI and the CLI);
// tests pass a recorder. Calls may come from any of the run's threads.
class RunEventSink {
public:
    virtual ~RunEventSink() = default;

    virtual void stageReached(const QString &stage) { Q_UNUSED(stage); }
    virtual void ownerResolved(const OwnerEvent &event) { Q_UNUSED(event); }
    virtual void datasetChanged(const DatasetEvent &event) { Q_UNUSED(event); }
    virtual void fileChanged(const FileEvent &event) { Q_UNUSED(event); }
    // What the look-up found of each file of one dataset: one call per
    // dataset, so 100,000 files are a few calls, not 100,000.
    virtual void filesLookedUp(const QVector<LookupEvent> &events) { Q_UNUSED(events); }
    // A sentence for the user (status line, notification, log).
    virtual void message(const QString &sentence) { Q_UNUSED(sentence); }
};

} // namespace tardigrade
