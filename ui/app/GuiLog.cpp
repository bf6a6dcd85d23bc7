#include "GuiLog.h"

#include "models/RunModels.h"
#include "settings/ConfigPaths.h"
#include "sync/Engine.h"
#include "util/LogFile.h"

#include <QLoggingCategory>
#include <QMetaObject>

Q_LOGGING_CATEGORY(lcGui, "tardigrade.gui")

namespace tardigrade::ui {

GuiLog::GuiLog(RunModels *models, QObject *parent) : QObject(parent), m_models(models)
{
    // Debug lines have no other way to the Log tab (the engine's own lines
    // come by its signal): they are taken from the message handler, on
    // whatever thread wrote them, and queued to the tab.
    QPointer<RunModels> target = m_models;
    LogFile::setSink([target](QtMsgType type, const char *, const QString &message) {
        if (type != QtDebugMsg || !target)
            return;
        QMetaObject::invokeMethod(
            target, [target, message] {
                if (target)
                    target->onLogLine(QStringLiteral("debug: ") + message, LogSeverity::Info);
            },
            Qt::QueuedConnection);
    });
}

GuiLog::~GuiLog()
{
    LogFile::setSink({});
}

void GuiLog::install(const QString &configFile, QtMsgType fileLevel)
{
    // Warnings to stderr (a terminal that started the app), `fileLevel` and
    // above (info unless --loglevel says otherwise) to the file, as
    // `tardigrade run` does.
    LogFile::install(ConfigPaths::stateFile(configFile, StateFile::Log), QtWarningMsg, fileLevel);
}

void GuiLog::attach(Engine *engine)
{
    connect(engine, &Engine::logLine, this, &GuiLog::write, Qt::QueuedConnection);
}

void GuiLog::write(const QString &line, LogSeverity severity)
{
    switch (severity) {
    case LogSeverity::Error:
        qCCritical(lcGui).noquote() << line;
        break;
    case LogSeverity::Warning:
        qCWarning(lcGui).noquote() << line;
        break;
    case LogSeverity::Info:
        qCInfo(lcGui).noquote() << line;
        break;
    }
}

} // namespace tardigrade::ui
