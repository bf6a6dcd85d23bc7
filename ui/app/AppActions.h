#pragma once

#include <QObject>
#include <QStringList>

class QAction;

namespace tardigrade::ui {

class RunStatus;

// The commands of the application, shared by the tray menu and the main
// window's toolbar so both enable, disable and relabel together. Triggering
// an action only emits; the controller decides what it does.
class AppActions : public QObject {
    Q_OBJECT
public:
    explicit AppActions(QObject *parent = nullptr);

    // Enables Stop while a run is going, relabels Pause/Resume.
    void follow(const RunStatus &status);

    // Every text pauseResume takes ("Pause", "Resume"): a button showing it
    // is made as wide as the widest, so the toolbar does not shift.
    static QStringList pauseResumeTexts();

    QAction *syncNow = nullptr;     // Ctrl+S
    QAction *testRun = nullptr;     // Ctrl+T
    QAction *stop = nullptr;        // Ctrl+.
    QAction *pauseResume = nullptr; // Ctrl+P
    QAction *openWindow = nullptr;
    QAction *settings = nullptr;     // Ctrl+,
    QAction *openMyTardis = nullptr; // Ctrl+B
    QAction *cleanup = nullptr;      // the Cleanup view
    QAction *documentation = nullptr; // F1
    QAction *reportProblem = nullptr;
    QAction *about = nullptr;
    QAction *quit = nullptr; // Ctrl+Q

private:
    void update(const RunStatus &status);
};

} // namespace tardigrade::ui
