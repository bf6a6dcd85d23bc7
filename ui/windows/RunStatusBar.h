#pragma once

#include <QStatusBar>

class QLabel;
class QProgressBar;

namespace tardigrade::ui {

class RunStatus;

// The main window's status bar: stage, progress bar, bytes done of total,
// speed and ETA while a run goes, the next scheduled run while none does,
// from RunStatus. The counts keep fixed widths (nothing jumps sideways as
// they change); speed and ETA show only while bytes are moving, never
// "0 s left" while some remain.
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
    static QString bytesOf(qint64 done, qint64 total); // "1.2 GB of 8.9 GB"
    static QString etaOf(int seconds);                 // "56 s left", "" when unknown

    const RunStatus &m_status;
    QLabel *m_stage;
    QProgressBar *m_bar;
    QLabel *m_bytes;
    QLabel *m_speed;
    QLabel *m_eta;
    QLabel *m_next;
};

} // namespace tardigrade::ui
