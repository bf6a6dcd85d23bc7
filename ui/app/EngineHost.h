#pragma once

#include <QObject>
#include <QString>

class QThread;

namespace tardigrade {
class Engine;
}

namespace tardigrade::ui {

// Owns the engine and the worker thread it lives on. The GUI only ever
// calls the engine's slots through queued invocations (invoke()), so no
// click waits for disk or network.
class EngineHost : public QObject {
    Q_OBJECT
public:
    explicit EngineHost(const QString &configFile, QObject *parent = nullptr);
    ~EngineHost() override; // stops the run, ends the thread

    Engine *engine() const { return m_engine; }
    QString configFile() const { return m_configFile; }

    // Reads the settings and starts the schedule (once, after connecting).
    void start();
    // Queued calls of the engine's slots; stop/pause/resume are direct, as
    // the engine asks (they must reach a busy engine thread).
    void syncNow();
    void testRun();
    void stop();
    void pause();
    void resume();
    void settingsSaved();

    // Stops a run and ends the worker thread; waits at most timeoutMs.
    void shutdown(int timeoutMs = 5000);

private:
    void invoke(const char *slot);
    void invokeDirect(const char *slot);

    QString m_configFile;
    QThread *m_thread = nullptr;
    Engine *m_engine = nullptr;
};

} // namespace tardigrade::ui
