#include "RunStatus.h"

#include "models/Formatting.h"
#include "sync/Engine.h"

#include <QLocale>

namespace tardigrade::ui {

RunStatus::RunStatus(QObject *parent) : QObject(parent) {}

void RunStatus::attach(Engine *engine)
{
    const auto q = Qt::QueuedConnection;
    connect(engine, &Engine::runStarted, this, &RunStatus::onRunStarted, q);
    connect(engine, &Engine::runFinished, this, &RunStatus::onRunFinished, q);
    connect(engine, &Engine::progress, this, &RunStatus::onProgress, q);
    connect(engine, &Engine::pausedChanged, this, &RunStatus::onPausedChanged, q);
    connect(engine, &Engine::nextRunChanged, this, &RunStatus::onNextRunChanged, q);
    connect(engine, &Engine::message, this, &RunStatus::onMessage, q);
}

RunStatus::State RunStatus::state() const
{
    if (m_running)
        return State::Uploading;
    if (m_hasSummary && !failureText(m_summary).isEmpty())
        return State::Error;
    if (m_paused)
        return State::Paused;
    return State::Idle;
}

QString RunStatus::statusLine() const
{
    if (m_running) {
        const QString what = m_testRun ? tr("Test Run") : tr("Uploading");
        QString stage = m_progress.stage.isEmpty() ? what : m_progress.stage;
        if (m_progress.filesTotal > 0)
            stage += tr(": %1 of %2 files").arg(m_progress.filesDone).arg(m_progress.filesTotal);
        return stage;
    }
    if (state() == State::Error)
        return failureText(m_summary);
    if (m_paused)
        return tr("Paused: no scheduled runs until resumed");
    if (m_hasSummary)
        return summaryText(m_summary);
    return tr("Idle");
}

QString RunStatus::nextRunText() const
{
    if (m_paused)
        return tr("Next run: paused");
    if (!m_nextRunKnown) // the engine has not said yet
        return {};
    if (!m_nextRun.isValid())
        return tr("Next run: on Sync Now");
    return tr("Next run: %1").arg(QLocale().toString(m_nextRun, QStringLiteral("ddd d MMM HH:mm")));
}

QString RunStatus::toolTip() const
{
    const QString next = nextRunText();
    return QStringLiteral("Tardigrade\n") + statusLine() + (next.isEmpty() ? QString() : QLatin1Char('\n') + next);
}

namespace {
// "1 file", "3 files": plain English until the GUI is translated.
QString files(int n)
{
    return n == 1 ? RunStatus::tr("1 file") : RunStatus::tr("%1 files").arg(n);
}
} // namespace

QString RunStatus::summaryText(const SyncSummary &s)
{
    if (s.cancelled)
        return tr("Run stopped: %1 uploaded before the stop.").arg(files(s.uploaded));
    if (s.testRun)
        return tr("Test Run finished: %1 would be uploaded, %2 already verified.")
            .arg(files(s.wouldUpload), files(s.alreadyVerified));
    if (s.found == 0 && s.uploaded == 0)
        return tr("Nothing to upload: no new files in the data directory.");
    if (s.uploaded == 0 && s.verified == 0)
        return tr("Up to date: all %1 already verified.").arg(files(s.alreadyVerified));
    return tr("Uploaded %1 (%2), %3 verified; %4 already verified.")
        .arg(files(s.uploaded), formatBytes(s.bytesUploaded))
        .arg(s.verified)
        .arg(s.alreadyVerified);
}

QString RunStatus::failureText(const SyncSummary &s)
{
    if (s.cancelled)
        return {};
    if (!s.failed.isEmpty()) {
        const FailedFile &first = s.failed.constFirst();
        if (s.failed.size() == 1)
            return tr("%1 could not be uploaded: %2").arg(first.path, first.reason);
        return tr("%1 files could not be uploaded; the first: %2").arg(s.failed.size()).arg(first.reason);
    }
    // A run that stopped before any file (wrong key, server down) says why
    // in its messages and has found nothing.
    if (s.found == 0 && !s.messages.isEmpty())
        return s.messages.constLast();
    return {};
}

void RunStatus::onRunStarted(bool testRun)
{
    m_running = true;
    m_testRun = testRun;
    m_progress = ProgressEvent{};
    emit changed();
}

void RunStatus::onRunFinished(const SyncSummary &summary)
{
    m_running = false;
    m_summary = summary;
    m_hasSummary = true;
    emit changed();
    emit runEnded(summary);
}

void RunStatus::onProgress(const ProgressEvent &event)
{
    m_progress = event;
    emit changed();
}

void RunStatus::onPausedChanged(bool paused)
{
    m_paused = paused;
    emit changed();
}

void RunStatus::onNextRunChanged(const QDateTime &when)
{
    m_nextRun = when;
    m_nextRunKnown = true;
    emit changed();
}

void RunStatus::onMessage(const QString &sentence)
{
    m_lastMessage = sentence;
    emit changed();
}

} // namespace tardigrade::ui
