#include "RunModels.h"

#include "sync/Engine.h"

#include <QTime>

namespace tardigrade::ui {

RunModels::RunModels(QObject *parent) : QObject(parent) {}

void RunModels::attach(Engine *engine)
{
    const auto q = Qt::QueuedConnection;
    connect(engine, &Engine::runStarted, this, &RunModels::onRunStarted, q);
    connect(engine, &Engine::datasetChanged, this, &RunModels::onDatasetChanged, q);
    connect(engine, &Engine::ownerChanged, this, &RunModels::onOwnerChanged, q);
    connect(engine, &Engine::fileChanged, this, &RunModels::onFileChanged, q);
    connect(engine, &Engine::logLine, this, &RunModels::onLogLine, q);
}

void RunModels::setDataDirectory(const QString &directory)
{
    m_datasets.setDisplayRoot(directory);
    m_uploads.setDisplayRoot(directory);
    m_verifications.setDisplayRoot(directory);
}

void RunModels::onRunStarted(bool)
{
    m_datasets.clear();
    m_owners.clear();
    m_uploads.clear();
    m_verifications.clear();
}

void RunModels::onDatasetChanged(const DatasetEvent &event)
{
    m_datasets.apply(event);
}
void RunModels::onOwnerChanged(const OwnerEvent &event)
{
    m_owners.apply(event);
}

void RunModels::onFileChanged(const FileEvent &event)
{
    m_uploads.apply(event);
    m_verifications.apply(event);
}

void RunModels::onLogLine(const QString &line)
{
    // The time of arrival: a log sent to support needs it.
    m_log.append(QTime::currentTime().toString(QStringLiteral("HH:mm:ss  ")) + line);
}

} // namespace tardigrade::ui
