#include "Icons.h"

#include <QString>

static void initTardigradeResources()
{
    Q_INIT_RESOURCE(tardigrade); // outside any namespace, as the macro needs
}

namespace tardigrade::ui {

void initResources()
{
    static bool done = false;
    if (!done) {
        initTardigradeResources();
        done = true;
    }
}

QIcon actionIcon(const char *name)
{
    initResources();
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

QIcon severityIcon(LogSeverity severity)
{
    switch (severity) {
    case LogSeverity::Warning:
        return actionIcon("warning");
    case LogSeverity::Error:
        return actionIcon("tray-error"); // the tray's error sign: one look for "this failed"
    case LogSeverity::Info:
        break;
    }
    return {};
}

QIcon appIcon()
{
    return actionIcon("tardigrade");
}

QIcon stateIcon(RunStatus::State state)
{
    switch (state) {
    case RunStatus::State::Uploading:
        return actionIcon("tray-uploading");
    case RunStatus::State::Paused:
        return actionIcon("tray-paused");
    case RunStatus::State::Error:
        return actionIcon("tray-error");
    case RunStatus::State::Stopped:
        return actionIcon("tray-stopped");
    case RunStatus::State::NotConfigured:
        return actionIcon("tray-unconfigured");
    case RunStatus::State::NothingYet:
        return actionIcon("tray-nothing-yet");
    case RunStatus::State::Idle:
        break;
    }
    return actionIcon("tray-idle");
}

} // namespace tardigrade::ui
