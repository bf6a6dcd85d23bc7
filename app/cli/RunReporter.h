#pragma once

#include "sync/SyncRun.h"

#include <QObject>
#include <QTextStream>

#include <atomic>

namespace tardigrade::cli {

// Shows a run's progress on stderr for a person at a terminal: the stage and,
// while uploading, files and bytes done, speed and ETA, at most once a second.
class RunReporter : public QObject {
    Q_OBJECT
public:
    RunReporter(SyncRun &run, QTextStream &err, bool interactive);

private:
    void onProgress(const ProgressEvent &event);

    QTextStream &m_err;
    bool m_interactive;
    QString m_lastStage;
    qint64 m_lastPrintMs = 0;
};

// Stops a blocking run on SIGINT/SIGTERM: sets the flag the run polls.
void installCancelOnSignals(std::atomic_bool *cancel);

} // namespace tardigrade::cli
