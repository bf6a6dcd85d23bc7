#pragma once

#include "RunEvents.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace tardigrade {

class Scheduler;

// The engine as the GUI sees it: lives on its own worker QThread, started
// with Engine::start(); the UI talks to it only through queued signals and
// slots, so the GUI thread never blocks on disk or network.
class Engine : public QObject {
    Q_OBJECT
public:
    explicit Engine(const QString &configFile, QObject *parent = nullptr);
    ~Engine() override;

    QString configFile() const { return m_configFile; }
    bool isRunning() const { return m_running.load(); }

public slots:
    void syncNow();          // an upload run now (unless one is running)
    void testRun();          // a Test Run now
    void stop();             // cancels the current run within a second
    void pause();            // the scheduler stops starting runs
    void resume();
    void settingsSaved();    // reload; triggers On Settings Saved schedules

signals:
    void runStarted(bool testRun);
    void runFinished(const tardigrade::SyncSummary &summary);
    void testRunReport(const QString &text); // the Test Run's report, as printed by the CLI
    void datasetChanged(const tardigrade::DatasetEvent &event);
    void ownerChanged(const tardigrade::OwnerEvent &event);
    void fileChanged(const tardigrade::FileEvent &event);
    void progress(const tardigrade::ProgressEvent &event);
    void message(const QString &sentence);  // user-facing status line / notification
    void logLine(const QString &line);      // for the Log tab
    void pausedChanged(bool paused);
    void nextRunChanged(const QDateTime &when);

private:
    void runOnce(bool testRun);

    QString m_configFile;
    std::atomic_bool m_running{false};
    std::atomic_bool m_cancel{false};
    bool m_paused = false;
};

} // namespace tardigrade
