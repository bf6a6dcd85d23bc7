#pragma once

#include "schedule/ScheduleSpec.h"

#include <QDateTime>
#include <QStringList>
#include <QWidget>

class QLabel;

namespace tardigrade::ui {

class RunHistoryModel;
class TablePage;

// The Tasks tab: "Next runs", the next few times the schedule starts a run
// (or what starts runs when it is not timed), and "Past runs", the run
// history as a sortable, filterable table.
class TasksPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int NextRunsShown = 5;

    explicit TasksPage(RunHistoryModel *history, QWidget *parent = nullptr);

    // The schedule from the settings (read again when they are saved).
    void setSchedule(const ScheduleSpec &spec);
    // The engine's next run (invalid: none) and whether runs are paused.
    void setNextRun(const QDateTime &next, bool paused);

    // What "Next runs" says: the schedule's line, then one line per time.
    QString scheduleText() const;
    QStringList nextRunTexts() const { return m_nextTexts; }
    TablePage *pastRuns() const { return m_past; }

private:
    void refresh();

    QLabel *m_schedule;
    QLabel *m_times;
    TablePage *m_past;
    ScheduleSpec m_spec;
    bool m_specKnown = false;
    bool m_nextKnown = false; // the engine has said when (or that none)
    QDateTime m_next;
    bool m_paused = false;
    QStringList m_nextTexts;
};

} // namespace tardigrade::ui
