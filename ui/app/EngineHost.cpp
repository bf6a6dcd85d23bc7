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
void EngineHost::pause()
{
    invoke("pause");
}
void EngineHost::resume()
{
    invoke("resume");
}
void EngineHost::settingsSaved()
{
    invoke("settingsSaved");
}

void EngineHost::stop()
{
    // Engine::stop only sets an atomic flag; calling it directly reaches a
    // run that is busy on the worker thread, which a queued call would not.
    if (m_engine)
        m_engine->stop();
}

void EngineHost::shutdown(int timeoutMs)
{
    if (!m_thread->isRunning())
        return;
    stop();
    m_thread->quit();
    if (!m_thread->wait(timeoutMs)) {
        // Destroying a running QThread aborts the process; leave it to the
        // exit instead (the journal is consistent after every batch).
        qWarning("tardigrade: the engine did not stop in time; quitting anyway");
        m_thread->setParent(nullptr);
    }
}

} // namespace tardigrade::ui
