#include "RunStatus.h"

#include "models/Formatting.h"

#include <QHash>
#include "settings/FieldLabels.h"
#include "sync/Engine.h"


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
    if (!m_configured)
        return State::NotConfigured;
    if (m_hasSummary && !failureText(m_summary).isEmpty())
        return State::Error;
    if (m_paused)
        return State::Paused;
    if (!m_hasSummary)
        return State::NothingYet;
    if (m_summary.cancelled && !m_summary.testRun && m_summary.filesLeft() > 0)
        return State::Stopped;
    return State::Idle;
}

QString RunStatus::statusLine() const
{
    if (m_running) {
        const QString what = m_testRun ? tr("Test Run") : tr("Uploading");
        QString stage = m_progress.stage.isEmpty() ? what : stageLabel(m_progress.stage);
        if (m_progress.filesTotal > 0)
            stage += tr(": %1 of %2 files").arg(m_progress.filesDone).arg(m_progress.filesTotal);
        return stage;
    }
    if (!m_configured)
        return tr("Not configured: open Settings to enter the MyTardis URL and the data directory");
    if (state() == State::Error)
        return failureText(m_summary);
    if (m_paused)
        return tr("Paused: no scheduled runs until resumed");
    if (m_hasSummary && m_restored)
        return tr("Last run %1: %2").arg(formatLocalTime(m_summary.finished), lastRunCounts(m_summary));
    if (m_hasSummary)
        return summaryText(m_summary);
    return tr("Nothing uploaded yet");
}

QString RunStatus::nextRunText() const
{
    if (m_paused)
        return tr("Next run: paused");
    if (!m_nextRunKnown) // the engine has not said yet
        return {};
    if (!m_nextRun.isValid())
        return tr("Next run: manual only");
    return tr("Next run: %1").arg(formatLocalTime(m_nextRun));
}

QString RunStatus::toolTip() const
{
    const QString next = nextRunText();
    return QStringLiteral("Tardigrade\n") + statusLine() + (next.isEmpty() ? QString() : QLatin1Char('\n') + next);
}

// The engine names its stages in English for the CLI and the log; the
// window says them in the GUI's language.
QString RunStatus::stageLabel(const QString &stage)
{
    static const QHash<QString, const char *> known{
        {QStringLiteral("Checking settings"), QT_TR_NOOP("Checking settings")},
        {QStringLiteral("Checking the server"), QT_TR_NOOP("Checking the server")},
        {QStringLiteral("Scanning"), QT_TR_NOOP("Scanning")},
        {QStringLiteral("Looking up"), QT_TR_NOOP("Looking up")},
        {QStringLiteral("Uploading"), QT_TR_NOOP("Uploading")},
        {QStringLiteral("Verifying"), QT_TR_NOOP("Verifying")},
        {QStringLiteral("Stopped"), QT_TR_NOOP("Stopped")},
        {QStringLiteral("Finished"), QT_TR_NOOP("Finished")},
    };
    const auto it = known.constFind(stage);
    return it == known.constEnd() ? stage : tr(*it);
}

namespace {
// "1 file", "3 files" (a translation gives its own forms of both).
QString files(int n)
{
    return n == 1 ? RunStatus::tr("1 file") : RunStatus::tr("%1 files").arg(n);
}
} // namespace

// "181 verified, 0 failed": what the status says of an earlier good run
// (the last session's, or the one before a run that failed).
QString RunStatus::lastRunCounts(const SyncSummary &s)
{
    QString counts = RunStatus::tr("%1 verified, %2 failed").arg(s.alreadyVerified + s.verified).arg(s.failed.size());
    if (s.cancelled)
        counts += RunStatus::tr(", stopped: %1 left").arg(files(s.filesLeft()));
    return counts;
}

QString RunStatus::summaryText(const SyncSummary &s)
{
    if (s.cancelled && s.testRun)
        return tr("Test Run stopped.");
    if (s.cancelled && s.filesLeft() == 0) // stopped before the scan had found anything
        return tr("Run stopped: %1 verified.").arg(files(s.verified));
    if (s.cancelled)
        return tr("Run stopped: %1 verified, %2 left for the next run.")
            .arg(files(s.verified), files(s.filesLeft()));
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
    // Stopped before any file (wrong key, server down): the run failed, and
    // says so rather than "0 files found".
    // Named by the settings' labels, as the dialog shows them; the log
    // keeps the engine's sentence with its keys.
    if (!s.fatalError.isEmpty())
        return (s.testRun ? tr("Test Run failed: %1") : tr("Run failed: %1"))
            .arg(FieldLabels::inSentence(s.fatalError));
    if (!s.failed.isEmpty()) {
        const FailedFile &first = s.failed.constFirst();
        if (s.failed.size() == 1)
            return tr("%1 could not be uploaded: %2").arg(first.path, first.reason);
        return tr("%1 files could not be uploaded; the first: %2").arg(s.failed.size()).arg(first.reason);
    }
    if (const int open = s.openConflicts(); open > 0) {
        QString first;
        for (const ConflictFile &c : s.conflicts)
            if (c.uploadedAs.isEmpty() && first.isEmpty())
                first = c.path;
        if (open == 1)
            return tr("%1 was not uploaded: MyTardis holds a different file under its name (the Uploads tab shows "
                      "both checksums).")
                .arg(first);
        return tr("%1 files were not uploaded: MyTardis holds different files under their names (the Uploads tab "
                  "shows both checksums).")
            .arg(open);
    }
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
    m_restored = false;
    if (summary.fatalError.isEmpty() && !summary.testRun) {
        m_lastGood = summary;
        m_hasLastGood = true;
    }
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

void RunStatus::setConfigured(bool configured)
{
    if (m_configured == configured)
        return;
    m_configured = configured;
    emit changed();
}

void RunStatus::onSettingsSaved()
{
    if (!m_hasSummary || m_summary.fatalError.isEmpty())
        return;
    // The failure was about the settings as they were; the next run shows
    // whether the new ones work. Until then the status is the last good
    // run, beside whose tables it stands.
    m_hasSummary = m_hasLastGood;
    m_summary = m_hasLastGood ? m_lastGood : SyncSummary{};
    m_restored = m_hasLastGood;
    emit changed();
}

void RunStatus::restore(const SyncSummary &summary)
{
    if (m_hasSummary || m_running)
        return; // this session has its own run already
    m_summary = summary;
    m_hasSummary = true;
    m_restored = true;
    if (summary.fatalError.isEmpty() && !summary.testRun) {
        m_lastGood = summary;
        m_hasLastGood = true;
    }
    emit changed();
}

void RunStatus::onMessage(const QString &sentence)
{
    m_lastMessage = sentence;
    emit changed();
}

} // namespace tardigrade::ui
