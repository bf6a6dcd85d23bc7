#include "RunReporter.h"

#include "sync/TestRunReport.h"

#include <QDateTime>

#include <csignal>

namespace tardigrade::cli {

namespace {
std::atomic_bool *g_cancel = nullptr;
extern "C" void cancelOnSignal(int)
{
    if (g_cancel)
        g_cancel->store(true);
}
} // namespace

void installCancelOnSignals(std::atomic_bool *cancel)
{
    g_cancel = cancel;
    std::signal(SIGINT, cancelOnSignal);
    std::signal(SIGTERM, cancelOnSignal);
}

RunReporter::RunReporter(SyncRun &run, QTextStream &err, bool interactive) : m_err(err), m_interactive(interactive)
{
    // The run emits from worker threads; a direct connection prints at once
    // (QTextStream use is serialised by the run's progress throttle).
    connect(&run, &SyncRun::progress, this, &RunReporter::onProgress, Qt::DirectConnection);
    connect(
        &run, &SyncRun::message, this, [this](const QString &sentence) { m_err << sentence << '\n' << Qt::flush; },
        Qt::DirectConnection);
}

void RunReporter::onProgress(const ProgressEvent &event)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool newStage = event.stage != m_lastStage;
    if (!newStage && (!m_interactive || now - m_lastPrintMs < 1000))
        return;
    m_lastStage = event.stage;
    m_lastPrintMs = now;
    QString line = event.stage;
    if (event.filesTotal > 0)
        line += QStringLiteral(": %1 of %2 files").arg(event.filesDone).arg(event.filesTotal);
    if (event.bytesTotal > 0)
        line += QStringLiteral(", %1 of %2").arg(formatBytes(event.bytesDone), formatBytes(event.bytesTotal));
    if (event.bytesPerSecond > 0)
        line += QStringLiteral(", %1/s").arg(formatBytes(qint64(event.bytesPerSecond)));
    if (event.etaSeconds >= 0)
        line += QStringLiteral(", about %1 left")
                    .arg(event.etaSeconds >= 120 ? QStringLiteral("%1 min").arg((event.etaSeconds + 59) / 60)
                                                 : QStringLiteral("%1 s").arg(event.etaSeconds));
    m_err << line << '\n' << Qt::flush;
}

} // namespace tardigrade::cli
