#pragma once

#include <QObject>
#include <QString>

namespace tardigrade {
class ConfigFolderWatcher;
class Engine;
class EngineThread;
}

namespace tardigrade::ui {

// The GUI's handle on the engine, which lives on its own thread
// (EngineThread, the same one `tardigrade run` uses), and follows the
// settings folder as the service does (ConfigFolderWatcher): an edited
// settings file is read again, and pausing is the pause flag file that
// `tardigrade pause` writes. The GUI calls the engine's slots through queued
// invocations, so no click waits for disk or network; stop, pause and resume
// are direct, as the engine asks (they must reach a busy engine thread).
class EngineHost : public QObject {
    Q_OBJECT
public:
    explicit EngineHost(const QString &configFile, QObject *parent = nullptr);
    ~EngineHost() override; // stops the run, ends the thread

    Engine *engine() const;
    QString configFile() const { return m_configFile; }

    // Reads the settings and starts the schedule (once, after connecting).
    void start();
    void syncNow();
    void testRun();
    void stop();
    void pause();
    void resume();
    void settingsSaved();
    void expectOwnSettingsWrite(); // the settings dialog is about to save
    void ownSettingsWriteFailed(); // ...and could not
    void ownSettingsWriteDone();   // a write of the app's own (not the user's save) is done

    // Stops a run and ends the worker thread; waits at most timeoutMs.
    void shutdown(int timeoutMs = 5000);

private:
    // A slot of the engine, queued to the engine's thread.
    void invoke(void (Engine::*slot)());
    void setPaused(bool paused);

    QString m_configFile;
    EngineThread *m_thread;
    ConfigFolderWatcher *m_folder; // settings file and pause flag, as the service follows them
    bool m_shutDown = false;
};

} // namespace tardigrade::ui
