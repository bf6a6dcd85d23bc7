#include "TasksPage.h"

#include "ElideDelegate.h"
#include "EventTableView.h"
#include "TablePage.h"
#include "models/Formatting.h"
#include "models/RunHistoryModel.h"
#include "schedule/UpcomingRuns.h"

#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace tardigrade::ui {

TasksPage::TasksPage(RunHistoryModel *history, QWidget *parent)
    : QWidget(parent), m_schedule(new QLabel(this)), m_times(new QLabel(this)),
      m_past(new TablePage(tr("Filter runs (Ctrl+F)"), this))
{
    auto *next = new QGroupBox(tr("Next runs"), this);
    auto *nextColumn = new QVBoxLayout(next);
    m_schedule->setWordWrap(true);
    m_schedule->setText(tr("Reading the schedule..."));
    m_times->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_times->setWordWrap(true);
    nextColumn->addWidget(m_schedule);
    nextColumn->addWidget(m_times);

    auto *past = new QGroupBox(tr("Past runs"), this);
    auto *pastColumn = new QVBoxLayout(past);
    pastColumn->setContentsMargins(0, 0, 0, 0);
    m_past->view()->setPlaceholder(tr("No run has finished yet: press Sync Now, or wait for the schedule."));
    m_past->view()->setColumnChars({22, 22, 10, 16, 7, 8, 8, 7, 30});
    // The result is a sentence: cut at its end (the tool tip has all of it).
    m_past->view()->setItemDelegateForColumn(RunHistoryModel::Result, new ElideDelegate(Qt::ElideRight, this));
    m_past->setModel(history);
    pastColumn->addWidget(m_past);

    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(6, 6, 6, 6);
    column->addWidget(next);
    column->addWidget(past, 1);
}

void TasksPage::setSchedule(const ScheduleSpec &spec)
{
    m_spec = spec;
    m_specKnown = true;
    refresh();
}

void TasksPage::setNextRun(const QDateTime &next, bool paused)
{
    if (m_nextKnown && next == m_next && paused == m_paused)
        return; // called on every status change (progress included)
    m_nextKnown = true;
    m_next = next;
    m_paused = paused;
    refresh();
}

QString TasksPage::scheduleText() const
{
    return m_schedule->text();
}

void TasksPage::refresh()
{
    if (!m_specKnown)
        return;
    QString line;
    switch (m_spec.type) {
    case ScheduleType::Manually:
        line = tr("Manually: no scheduled runs. Press Sync Now to upload.");
        break;
    case ScheduleType::OnStartup:
        line = tr("On Startup: a run each time Tardigrade starts; no other scheduled runs.");
        break;
    case ScheduleType::OnSettingsSaved:
        line = tr("On Settings Saved: a run each time the settings are saved; no other scheduled runs.");
        break;
    default:
        line = m_spec.describe() + QLatin1Char('.');
        break;
    }
    m_nextTexts.clear();
    if (m_spec.isTimed()) {
        for (const QDateTime &when : upcomingRuns(m_spec, m_next, NextRunsShown))
            m_nextTexts << formatLocalTime(when);
        if (m_nextTexts.isEmpty() && m_nextKnown && !m_paused)
            line += QLatin1Char(' ') +
                    (m_spec.type == ScheduleType::Once
                         ? tr("It has run (or its time has passed): choose a new date under Settings, Schedule.")
                         : tr("No run is due under these settings: check them under Settings, Schedule."));
    }
    if (m_paused)
        line += QLatin1Char(' ') + tr("Paused: no scheduled run starts until you resume.");
    m_schedule->setText(line);
    // On one line that wraps between times, never inside one: a list of
    // five lines would leave a small screen (or 200%) two rows of past runs.
    QStringList unbroken;
    for (const QString &t : std::as_const(m_nextTexts))
        unbroken << QString(t).replace(QLatin1Char(' '), QChar::Nbsp);
    m_times->setText(unbroken.join(QStringLiteral("  \u00b7  ")));
    m_times->setVisible(!m_nextTexts.isEmpty());
}

} // namespace tardigrade::ui
