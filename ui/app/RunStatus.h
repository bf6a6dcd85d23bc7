#pragma once

#include "sync/RunEvents.h"

#include <QDateTime>
#include <QObject>
#include <QString>

namespace tardigrade {
class Engine;
}

namespace tardigrade::ui {

// What the engine is doing, as the tray icon, its tooltip and the status
// bar show it: one place that turns the engine's signals into a state and
// sentences, so the tray and the window never disagree.
class RunStatus : public QObject {
    Q_OBJECT
public:
    // NotConfigured: no settings yet; NothingYet: configured, no run
    // finished; Stopped: the last run was stopped with files left.
    enum class State { Idle, Uploading, Paused, Error, Stopped, NotConfigured, NothingYet };

    explicit RunStatus(QObject *parent = nullptr);

    // Queued connections: the engine lives on its own thread.
    void attach(Engine *engine);

    State state() const;
    bool isRunning() const { return m_running; }
    bool isTestRun() const { return m_testRun; }
    bool isPaused() const { return m_paused; }
    bool hasSummary() const { return m_hasSummary; }
    const SyncSummary &lastSummary() const { return m_summary; }
    const ProgressEvent &progress() const { return m_progress; }
    QDateTime nextRun() const { return m_nextRun; }
    QString lastMessage() const { return m_lastMessage; }
    bool isConfigured() const { return m_configured; }
    // The summary is shown as "Last run <time>: ..." (the last session's,
    // read at start, or the last good one after a failed run's settings
    // were saved again).
    bool isRestored() const { return m_restored; }

    QString statusLine() const;  // "Uploading: 12 of 40 files", "Nothing uploaded yet", "Run failed: ...", ...
    QString nextRunText() const; // "Next run: Mon 2026-11-30 02:00", "Next run: manual only", "" until known
    QString toolTip() const;

    // The notification sentences for a finished run.
    static QString summaryText(const SyncSummary &summary);
    static QString failureText(const SyncSummary &summary); // empty when the run went well
    static QString lastRunCounts(const SyncSummary &summary);  // "181 verified, 0 failed"
    static QString stageLabel(const QString &engineStage);     // "Scanning", translated

public slots:
    void onRunStarted(bool testRun);
    void onRunFinished(const tardigrade::SyncSummary &summary);
    void onProgress(const tardigrade::ProgressEvent &event);
    void onPausedChanged(bool paused);
    void onNextRunChanged(const QDateTime &when);
    void onMessage(const QString &sentence);
    // Whether settings exist (URL and data directory): until then the tray
    // says "not configured" instead of a reassuring idle tick.
    void setConfigured(bool configured);
    // The user saved settings that passed the dialog's checks: a run that
    // failed before its files (wrong key, wrong URL) is no longer the state.
    void onSettingsSaved();
    // The last run of an earlier session, shown until this one runs.
    void restore(const tardigrade::SyncSummary &summary);

signals:
    void changed();
    void runEnded(const tardigrade::SyncSummary &summary);

private:
    bool m_running = false;
    bool m_testRun = false;
    bool m_paused = false;
    bool m_hasSummary = false;
    SyncSummary m_summary;
    ProgressEvent m_progress;
    QDateTime m_nextRun;
    bool m_nextRunKnown = false;
    QString m_lastMessage;
    bool m_configured = true;
    bool m_restored = false;
    SyncSummary m_lastGood; // the last upload run that reached its files
    bool m_hasLastGood = false;
};

} // namespace tardigrade::ui
