#include "Engine.h"

#include <QMetaObject>

namespace tardigrade {

Engine::Engine(const QString &configFile, QObject *parent) : QObject(parent), m_configFile(configFile)
{
    qRegisterMetaType<SyncSummary>();
    qRegisterMetaType<DatasetEvent>();
    qRegisterMetaType<OwnerEvent>();
    qRegisterMetaType<FileEvent>();
    qRegisterMetaType<ProgressEvent>();
}

Engine::~Engine() = default;

void Engine::syncNow() { runOnce(false); }
void Engine::testRun() { runOnce(true); }
void Engine::stop() { m_cancel = true; }

void Engine::pause()
{
    m_paused = true;
    emit pausedChanged(true);
}

void Engine::resume()
{
    m_paused = false;
    emit pausedChanged(false);
}

void Engine::settingsSaved() {}

void Engine::runOnce(bool testRun)
{
    // Placeholder until the SyncRun pipeline is wired in.
    if (m_running.exchange(true))
        return;
    emit runStarted(testRun);
    SyncSummary summary;
    summary.testRun = testRun;
    emit runFinished(summary);
    m_running = false;
}

} // namespace tardigrade
