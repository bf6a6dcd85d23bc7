#include "EngineHost.h"

#include "sync/ConfigFolderWatcher.h"
#include "sync/Engine.h"
#include "sync/EngineThread.h"
#include "sync/PauseFlag.h"

#include <QMetaObject>

namespace tardigrade::ui {

EngineHost::EngineHost(const QString &configFile, QObject *parent)
    : QObject(parent), m_configFile(configFile), m_thread(new EngineThread(configFile, this)),
      m_folder(new ConfigFolderWatcher(configFile, m_thread->engine(), this))
{
}

EngineHost::~EngineHost()
{
    shutdown();
}

Engine *EngineHost::engine() const
{
    return m_shutDown ? nullptr : m_thread->engine(); // deleted on its thread at shutdown
}

void EngineHost::invoke(void (Engine::*slot)())
{
    if (Engine *e = engine())
        QMetaObject::invokeMethod(e, slot, Qt::QueuedConnection);
}

void EngineHost::start()
{
    if (m_shutDown)
        return;
    m_folder->applyPauseFlag(); // paused by `tardigrade pause` or before the last quit
    m_thread->start();
}
void EngineHost::syncNow()
{
    invoke(&Engine::syncNow);
}
void EngineHost::testRun()
{
    invoke(&Engine::testRun);
}
void EngineHost::settingsSaved()
{
    invoke(&Engine::settingsSaved);
}
void EngineHost::expectOwnSettingsWrite()
{
    if (Engine *e = engine())
        e->expectOwnSettingsWrite();
}
void EngineHost::ownSettingsWriteDone()
{
    invoke(&Engine::ownSettingsWriteDone);
}
void EngineHost::ownSettingsWriteFailed()
{
    if (Engine *e = engine())
        e->ownSettingsWriteFailed();
}

// The engine's contract: stop, pause, resume and shutdown only touch atomics
// and post the rest to the engine's thread, so they are called directly - a
// queued call would wait behind the run that keeps that thread busy.
void EngineHost::stop()
{
    if (Engine *e = engine())
        e->stop();
}
// Through the pause flag, so a pause outlives a restart and `tardigrade run`
// or `tardigrade resume` see the same state; the engine is told at once.
void EngineHost::pause()
{
    setPaused(true);
}
void EngineHost::resume()
{
    setPaused(false);
}

void EngineHost::setPaused(bool paused)
{
    Engine *e = engine();
    if (!e)
        return;
    // The flag is the pause: when it cannot be written, nothing changes
    // (the engine follows the flag, so a pause without it would not last)
    // and the tray says why.
    const Status written = PauseFlag::set(m_configFile, paused);
    if (!written) {
        emit e->message(written.error().message);
        return;
    }
    if (paused)
        e->pause();
    else
        e->resume();
}

void EngineHost::shutdown(int timeoutMs)
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    delete m_folder; // it talks to the engine, which goes now
    m_folder = nullptr;
    (void)m_thread->shutdown(timeoutMs);
}

} // namespace tardigrade::ui
