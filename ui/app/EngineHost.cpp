#include "EngineHost.h"

#include "sync/Engine.h"

#include <QMetaObject>
#include <QThread>

namespace tardigrade::ui {

EngineHost::EngineHost(const QString &configFile, QObject *parent)
    : QObject(parent), m_configFile(configFile), m_thread(new QThread(this)), m_engine(new Engine(configFile))
{
    m_thread->setObjectName(QStringLiteral("tardigrade-engine"));
    m_engine->moveToThread(m_thread);
    // The engine is deleted on its own thread, after its last event.
    connect(m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    m_thread->start();
}

EngineHost::~EngineHost()
{
    shutdown();
}

void EngineHost::invoke(const char *slot)
{
    if (m_engine && m_thread->isRunning())
        QMetaObject::invokeMethod(m_engine, slot, Qt::QueuedConnection);
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
// and post the rest to the engine's thread, so they are called directly -
// a queued call would wait behind the run that keeps that thread busy.
void EngineHost::invokeDirect(const char *slot)
{
    if (m_engine && m_engine->metaObject()->indexOfMethod(QByteArray(QByteArray(slot) + "()").constData()) >= 0)
        QMetaObject::invokeMethod(m_engine, slot, Qt::DirectConnection);
}

void EngineHost::stop()
{
    invokeDirect("stop");
}
void EngineHost::pause()
{
    invokeDirect("pause");
}
void EngineHost::resume()
{
    invokeDirect("resume");
}

void EngineHost::start()
{
    // Reads the settings and starts the schedule, on the engine's thread.
    if (m_engine->metaObject()->indexOfMethod("start()") >= 0)
        invoke("start");
}

void EngineHost::shutdown(int timeoutMs)
{
    if (!m_thread->isRunning())
        return;
    // shutdown() cancels the run and refuses new ones; engines without it
    // are stopped the same way a user stops a run.
    if (m_engine->metaObject()->indexOfMethod("shutdown()") >= 0)
        invokeDirect("shutdown");
    else
        stop();
    m_thread->quit();
    if (!m_thread->wait(timeoutMs)) {
        // Destroying a running QThread aborts the process; leave it to the
        // exit instead (the journal is consistent after every batch).
        qWarning("tardigrade: the engine did not stop in time; quitting anyway");
        m_thread->setParent(nullptr);
        return;
    }
    m_engine = nullptr; // deleted on its thread as it finished
}

} // namespace tardigrade::ui
