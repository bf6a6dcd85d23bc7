#pragma once

#include <QStatusBar>

class QLabel;
class QProgressBar;

namespace tardigrade::ui {

class RunStatus;

// The main window's status bar: stage, progress bar, bytes done of total,
// speed, ETA and the next scheduled run, from RunStatus.
class RunStatusBar : public QStatusBar {
    Q_OBJECT
public:
    explicit RunStatusBar(const RunStatus &status, QWidget *parent = nullptr);

    QString stageText() const;
    QString bytesText() const;
    QString speedText() const;
    QString etaText() const;
    QString nextRunText() const;
    int progressValue() const;
    bool progressVisible() const;

private:
    void update();

    const RunStatus &m_status;
    QLabel *m_stage;
    QProgressBar *m_bar;
    QLabel *m_bytes;
    QLabel *m_speed;
    QLabel *m_eta;
    QLabel *m_next;
};

} // namespace tardigrade::ui
