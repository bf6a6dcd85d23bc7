#include "RunModels.h"

#include "sync/Engine.h"

#include <QTime>

namespace tardigrade::ui {

RunModels::RunModels(QObject *parent) : QObject(parent) {}

void RunModels::attach(Engine *engine)
{
    const auto q = Qt::QueuedConnection;
    connect(engine, &Engine::runStarted, this, &RunModels::onRunStarted, q);
    connect(engine, &Engine::runFinished, this, &RunModels::onRunFinished, q);
    connect(engine, &Engine::datasetChanged, this, &RunModels::onDatasetChanged, q);
    connect(engine, &Engine::ownerChanged, this, &RunModels::onOwnerChanged, q);
    connect(engine, &Engine::fileChanged, this, &RunModels::onFileChanged, q);
    connect(engine, &Engine::filesLookedUp, this, &RunModels::onFilesLookedUp, q);
    connect(engine, &Engine::logLine, this, &RunModels::onLogLine, q);
    connect(engine, &Engine::runRecorded, &m_history, &RunHistoryModel::append, q);
}

void RunModels::setDataDirectory(const QString &directory)
{
    m_datasets.setDisplayRoot(directory);
    m_uploads.setDisplayRoot(directory);
    m_verifications.setDisplayRoot(directory);
}

void RunModels::onRunStarted(bool)
{
    m_clearPending = true;
}

void RunModels::clearIfNewRun()
{
    if (!m_clearPending)
        return;
    m_clearPending = false;
    m_datasets.clear();
    m_owners.clear();
    m_groups.clear();
    m_uploads.clear();
    m_verifications.clear();
}

void RunModels::onRunFinished(const SyncSummary &summary)
{
    // A run that scanned and found nothing empties the tables; one that
    // failed before it could look keeps the last run's.
    if (summary.fatalError.isEmpty())
        clearIfNewRun();
    m_clearPending = false;
    if (summary.cancelled)
        markStopped();
}

void RunModels::markStopped()
{
    m_uploads.markStopped();
    m_verifications.markStopped();
}

void RunModels::onDatasetChanged(const DatasetEvent &event)
{
    clearIfNewRun();
    m_datasets.apply(event);
    m_groups.applyDataset(event);
}
void RunModels::onOwnerChanged(const OwnerEvent &event)
{
    clearIfNewRun();
    m_owners.apply(event);
    m_groups.applyOwner(event);
}

void RunModels::onFileChanged(const FileEvent &event)
{
    clearIfNewRun();
    m_uploads.apply(event);
    m_verifications.apply(event);
}

void RunModels::onFilesLookedUp(const QVector<LookupEvent> &events)
{
    clearIfNewRun();
    m_verifications.applyLookups(events);
}

RunSnapshot RunModels::snapshot(const SyncSummary &summary) const
{
    RunSnapshot s;
    s.summary = summary;
    for (int i = 0; i < m_datasets.rowCount(); ++i)
        s.datasets << m_datasets.rowAt(i);
    for (int i = 0; i < m_owners.rowCount(); ++i)
        s.owners << m_owners.rowAt(i);
    for (int i = 0; i < m_uploads.rowCount() && i < RunSnapshot::MaxFiles; ++i)
        s.files << m_uploads.rowAt(i).event;
    s.lookups = m_verifications.lookups(RunSnapshot::MaxFiles);
    for (int row = qMax(0, m_log.rowCount() - RunSnapshot::MaxLogLines); row < m_log.rowCount(); ++row) {
        const QModelIndex i = m_log.index(row);
        s.log.append({i.data().toString(), i.data(LogModel::SeverityRole).value<LogSeverity>()});
    }
    return s;
}

void RunModels::restore(const RunSnapshot &snapshot)
{
    for (const OwnerEvent &e : snapshot.owners) {
        m_owners.apply(e);
        m_groups.applyOwner(e);
    }
    for (const DatasetEvent &e : snapshot.datasets) {
        m_datasets.apply(e);
        m_groups.applyDataset(e);
    }
    // Look-ups first, as in the run: a file's verification then lands on its row.
    m_verifications.applyLookups(snapshot.lookups);
    for (const FileEvent &e : snapshot.files) {
        m_uploads.apply(e);
        m_verifications.apply(e);
    }
    if (snapshot.summary.cancelled)
        markStopped();
    for (const LoggedLine &line : snapshot.log)
        m_log.append(line.text, line.severity);
}

void RunModels::onLogLine(const QString &line, LogSeverity severity)
{
    // The time of arrival: a log sent to support needs it.
    m_log.append(QTime::currentTime().toString(QStringLiteral("HH:mm:ss  ")) + line, severity);
}

} // namespace tardigrade::ui
