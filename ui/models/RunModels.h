#pragma once

#include "DatasetTableModel.h"
#include "GroupTableModel.h"
#include "LogModel.h"
#include "OwnerTableModel.h"
#include "RunHistoryModel.h"
#include "UploadTableModel.h"
#include "VerificationTableModel.h"
#include "sync/RunSnapshot.h"

#include <QObject>

namespace tardigrade {
class Engine;
}

namespace tardigrade::ui {

// The models of the main window's tabs, fed from the engine's signals.
// The tables show the current (or last) run: a new run starts them afresh
// once it reports its first folder or file, so a run that fails before its
// scan (wrong key, server down) leaves the last good tables in place; the
// log keeps going.
class RunModels : public QObject {
    Q_OBJECT
public:
    explicit RunModels(QObject *parent = nullptr);

    void attach(Engine *engine); // queued connections
    // Paths below the data directory are shown relative to it.
    void setDataDirectory(const QString &directory);

    DatasetTableModel *datasets() { return &m_datasets; }
    OwnerTableModel *owners() { return &m_owners; }
    GroupTableModel *groups() { return &m_groups; }
    UploadTableModel *uploads() { return &m_uploads; }
    VerificationTableModel *verifications() { return &m_verifications; }
    LogModel *log() { return &m_log; }
    RunHistoryModel *history() { return &m_history; } // the Tasks tab's past runs, across restarts

    // What the tabs show, to be shown again after a restart.
    RunSnapshot snapshot(const SyncSummary &summary) const;
    void restore(const RunSnapshot &snapshot);

public slots:
    void onRunStarted(bool testRun);
    void onRunFinished(const tardigrade::SyncSummary &summary);
    void onDatasetChanged(const tardigrade::DatasetEvent &event);
    void onOwnerChanged(const tardigrade::OwnerEvent &event);
    void onFileChanged(const tardigrade::FileEvent &event);
    void onFilesLookedUp(const QVector<tardigrade::LookupEvent> &events);
    void onLogLine(const QString &line, tardigrade::LogSeverity severity = tardigrade::LogSeverity::Info);

private:
    void clearIfNewRun();
    void markStopped(); // files not done say "Stopped"

    bool m_clearPending = false;
    DatasetTableModel m_datasets;
    OwnerTableModel m_owners;
    GroupTableModel m_groups;
    UploadTableModel m_uploads;
    VerificationTableModel m_verifications;
    LogModel m_log;
    RunHistoryModel m_history;
};

} // namespace tardigrade::ui
