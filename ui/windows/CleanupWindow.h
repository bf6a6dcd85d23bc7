#pragma once

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace tardigrade::ui {

class CleanupJob;
class CleanupTableModel;

// Cleanup (MyData 0.9's tool for instrument PCs whose disks fill): finds
// the local files the server holds verified with the same checksum and
// older than a chosen age, lists them with their total size, and deletes
// the ticked ones after a confirmation that names their count and size.
// Find and Delete run off the GUI thread; every file is checked again just
// before it goes (CleanupDeleter). Off, with the sentence saying how to
// turn it on, unless the settings allow it. Stop (or closing the window,
// after asking) ends Find or Delete between files and says how far it got;
// Delete waits while an upload runs.
class CleanupWindow : public QDialog {
    Q_OBJECT
public:
    explicit CleanupWindow(const QString &configFile, QWidget *parent = nullptr);
    ~CleanupWindow() override;

    // Reads allow_cleanup and the default age again (after a settings save).
    void reloadSettings();
    void find();
    void deleteSelected();
    // Asks Find or Delete to end soon; the result says how far it got.
    void stop();
    // An upload run is in progress (the engine's state, told by the
    // controller): Delete is held, with the reason shown.
    void setUploadRunning(bool running);

    bool isDeleting() const { return m_deleting; }
    // "3 files deleted so far; the rest stay." (while Delete runs)
    QString deletedSoFarText() const;

    // For tests and the demo.
    CleanupTableModel *model() const { return m_model; }
    QSpinBox *ageField() const { return m_days; }
    QPushButton *findButton() const { return m_find; }
    QPushButton *deleteButton() const { return m_delete; }
    QPushButton *stopButton() const { return m_stop; }
    QProgressBar *progressBar() const { return m_busy; }
    QLabel *runningLabel() const { return m_running; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *offLabel() const { return m_off; }
    bool isBusy() const;
    // The sentence the confirmation asks, for the ticked files.
    QString confirmationText() const;

signals:
    void findFinished();
    void deleteFinished();

protected:
    void closeEvent(QCloseEvent *event) override;
    void reject() override; // Escape and Close

private:
    // True when the window may go now; while Find or Delete runs, asks,
    // and on Stop hides and goes once the work has ended.
    bool mayClose();
    void setBusy(bool busy, const QString &what = {});
    void updateTotals();

    QString m_configFile;
    CleanupJob *m_job;
    CleanupTableModel *m_model;
    QLabel *m_off;
    QSpinBox *m_days;
    QPushButton *m_find;
    QProgressBar *m_busy;
    QPushButton *m_stop;
    QTableView *m_table;
    QLabel *m_totals;
    QPushButton *m_selectAll;
    QPushButton *m_selectNone;
    QPushButton *m_delete;
    QLabel *m_running;
    QLabel *m_status;
    bool m_allowed = false;
    bool m_uploadRunning = false;
    bool m_deleting = false;
    int m_deletedSoFar = 0;
    bool m_closeWhenIdle = false; // the user stopped the work by closing
};

} // namespace tardigrade::ui
