#include "EngineHost.h"

#include "sync/Engine.h"
#include "sync/EngineThread.h"

#include <QMetaObject>

namespace tardigrade::ui {

EngineHost::EngineHost(const QString &configFile, QObject *parent)
    : QObject(parent), m_configFile(configFile), m_thread(new EngineThread(configFile, this))
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

void EngineHost::invoke(const char *slot)
{
    if (Engine *e = engine())
        QMetaObject::invokeMethod(e, slot, Qt::QueuedConnection);
}

void EngineHost::start()
{
    if (!m_shutDown)
        m_thread->start();
}
void EngineHost::syncNow()
{
    invoke("syncNow");
}
void EngineHost::testRun()
{
    invoke("testRun");
}
void EngineHost::settingsSaved()
{
    invoke("settingsSaved");
}

// The engine's contract: stop, pause, resume and shutdown only touch atomics
// and post the rest to the engine's thread, so they are called directly - a
// queued call would wait behind the run that keeps that thread busy.
void EngineHost::stop()
{
    if (Engine *e = engine())
        e->stop();
}
void EngineHost::pause()
{
    if (Engine *e = engine())
        e->pause();
}
void EngineHost::resume()
{
    if (Engine *e = engine())
        e->resume();
}

void EngineHost::shutdown(int timeoutMs)
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    (void)m_thread->shutdown(timeoutMs);
}

} // namespace tardigrade::ui
