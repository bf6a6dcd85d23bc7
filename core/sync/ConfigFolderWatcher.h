#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

namespace tardigrade {

class Engine;

// Keeps an Engine in step with its settings folder: a changed settings file
// is read again, and the pause flag (PauseFlag) pauses or resumes scheduled
// runs, whoever wrote it (`tardigrade pause`, the tray app, an editor). Used
// by the service and the tray app alike. Waits in the event loop: no polling.
class ConfigFolderWatcher : public QObject {
    Q_OBJECT
public:
    // `engine` lives on another thread; only its thread-safe calls are made
    // directly, the rest are queued.
    ConfigFolderWatcher(const QString &configFile, Engine *engine, QObject *parent = nullptr);

    // Pauses or resumes the engine as the flag says now (call before the
    // engine starts, so a paused installation starts paused).
    void applyPauseFlag();

private:
    void settled();

    QString m_configFile;
    Engine *m_engine;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
};

} // namespace tardigrade
