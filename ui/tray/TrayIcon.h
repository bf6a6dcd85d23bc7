#pragma once

#include <QSystemTrayIcon>

class QMenu;

namespace tardigrade {
struct SyncSummary;
}

namespace tardigrade::ui {

class AppActions;
class RunStatus;

// The tray icon: its picture says idle, uploading, paused or error; the
// tooltip says the status and the next run; the menu holds the shared
// actions; a finished run is announced with its counts, a failed one with
// the sentence that says what went wrong.
class TrayIcon : public QSystemTrayIcon {
    Q_OBJECT
public:
    TrayIcon(AppActions *actions, const RunStatus &status, QObject *parent = nullptr);
    ~TrayIcon() override;

    // Title and text of the notification for a finished run (empty title:
    // none, e.g. for a Test Run, which opens its own window).
    static QPair<QString, QString> notificationFor(const SyncSummary &summary);
    // The main window's tab that a click on that notification opens
    // (MainWindow::Tab): the failures for a failed run, else the folders.
    static int tabFor(const SyncSummary &summary);

    QMenu *menu() const { return m_menu; }
    // A notification that is not a run's (staging approved): a click on it
    // opens the window at `tab`.
    void notify(const QString &title, const QString &text, int tab);

signals:
    // A click on the last notification: show the window at this tab.
    void openTab(int tab);

private:
    void update();
    void announce(const SyncSummary &summary);

    AppActions *m_actions;
    const RunStatus &m_status;
    QMenu *m_menu;
    int m_notifiedTab = 0;
};

} // namespace tardigrade::ui
