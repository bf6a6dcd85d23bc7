#pragma once

#include <QObject>
#include <QString>

class QThread;

namespace tardigrade {

class Engine;

// Owns an Engine and the worker QThread it lives on. Connect to engine()'s
// signals (they arrive queued on the receiver's thread), then start().
// Slots are called queued (QMetaObject::invokeMethod), except Engine::stop(),
// pause(), resume() and shutdown(), which are called directly.
class EngineThread : public QObject {
    Q_OBJECT
public:
    explicit EngineThread(const QString &configFile, QObject *parent = nullptr);
    ~EngineThread() override; // shutdown()

    Engine *engine() const { return m_engine; }

    // Queued Engine::start(): reads the settings and starts the schedule.
    void start();
    // Cancels the current run, waits for it to end and ends the thread,
    // together at most timeoutMs. False when the thread did not end in time
    // (it is then left to the process exit).
    bool shutdown(int timeoutMs = 10000);

private:
    QThread *m_thread = nullptr;
    Engine *m_engine = nullptr;
};

} // namespace tardigrade
