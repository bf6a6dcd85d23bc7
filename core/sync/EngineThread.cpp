#include "EngineThread.h"

#include "Engine.h"

#include <QDeadlineTimer>
#include <QMetaObject>
#include <QThread>

namespace tardigrade {

EngineThread::EngineThread(const QString &configFile, QObject *parent)
    : QObject(parent), m_thread(new QThread(this)), m_engine(new Engine(configFile))
{
    m_thread->setObjectName(QStringLiteral("tardigrade-engine"));
    m_engine->moveToThread(m_thread);
    // The engine (and its Scheduler's timer) is deleted on its own thread.
    connect(m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    m_thread->start();
}

EngineThread::~EngineThread()
{
    shutdown();
}

void EngineThread::start()
{
    QMetaObject::invokeMethod(m_engine, &Engine::start, Qt::QueuedConnection);
}

bool EngineThread::shutdown(int timeoutMs)
{
    if (!m_thread->isRunning())
        return true;
    QDeadlineTimer deadline(timeoutMs);
    m_engine->shutdown();
    // Let the run unwind by itself (journal written, workers joined) before
    // the thread's event loop is told to quit: quitting also ends the nested
    // event loops a run waits in.
    while (m_engine->isRunning() && !deadline.hasExpired())
        QThread::msleep(20);
    // Again, as this thread's last touch of the engine: the engine is deleted
    // on its own thread once quit() arrives through Qt's event queue, which
    // ThreadSanitizer cannot see; ~Engine() reads the flag this stores.
    m_engine->shutdown();
    m_thread->quit();
    if (m_thread->wait(deadline))
        return true;
    // Destroying a running QThread aborts the process; leave it to the exit.
    qWarning("tardigrade: the engine did not stop in time; quitting anyway");
    m_thread->setParent(nullptr);
    return false;
}

} // namespace tardigrade
