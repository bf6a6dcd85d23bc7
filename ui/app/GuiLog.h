#pragma once

#include "util/LogSeverity.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace tardigrade {
class Engine;
}

namespace tardigrade::ui {

class RunModels;

// The tray app's log file, as the CLI has one: tardigrade.log beside the
// settings gets every line the Log tab shows (what support asks for, and
// what survives the Log tab's Clear and the app's restart). With Debug
// logging on, the engine's debug lines go to the file and to the Log tab.
class GuiLog : public QObject {
    Q_OBJECT
public:
    GuiLog(RunModels *models, QObject *parent = nullptr);
    ~GuiLog() override;

    // Qt's message handler writes tardigrade.log from here on (runGui;
    // tests leave Qt's own handler in place). A `fileLevel` of debug starts
    // with Debug logging on, so the Log tab's checkbox shows it.
    static void install(const QString &configFile, QtMsgType fileLevel = QtInfoMsg);

    // The engine's lines, with their severity, into the file.
    void attach(Engine *engine);
    static void write(const QString &line, LogSeverity severity);

private:
    QPointer<RunModels> m_models;
};

} // namespace tardigrade::ui
