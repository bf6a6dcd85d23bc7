// `tardigrade run`: the headless service. The Engine runs on its own thread;
// this thread only waits in the event loop for signals, settings-file
// changes and the pause flag file (ConfigFolderWatcher), so an idle service
// costs no CPU.
#include "CommandContext.h"
#include "platform/SignalWatcher.h"
#include "settings/SettingsFile.h"
#include "sync/ConfigFolderWatcher.h"
#include "sync/Engine.h"
#include "sync/EngineThread.h"
#include "sync/PauseFlag.h"
#include "util/Log.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>
#include <memory>

namespace tardigrade::cli {

namespace {

bool rejectArgs(CommandContext &ctx, const char *name)
{
    if (ctx.args.isEmpty())
        return false;
    ctx.err << "tardigrade " << name << ": unknown argument '" << ctx.args.first() << "'. Usage: tardigrade " << name
            << '\n';
    return true;
}

} // namespace

int runRun(CommandContext &ctx)
{
    if (rejectArgs(ctx, "run"))
        return ExitUserError;
    // A broken settings file is the user's to fix: say so and do not start.
    const auto settings = SettingsFile::load(ctx.configFile);
    if (!settings) {
        ctx.err << settings.error().message << '\n';
        return ExitUserError;
    }

    // The engine's lines are the service's log (stderr and the log file);
    // the scheduler's own info lines would only repeat them.
    QLoggingCategory::setFilterRules(QStringLiteral("tardigrade.schedule.info=false"));

    const QString configFile = QFileInfo(ctx.configFile).absoluteFilePath();

    EngineThread host(configFile);
    Engine *engine = host.engine();
    engine->setApplyAutostart(false); // a service starts from its systemd unit
    QObject::connect(
        engine, &Engine::logLine, qApp, [](const QString &line) { qCInfo(lcSync).noquote() << line; },
        Qt::QueuedConnection);

    // A changed settings file is read again; the pause flag pauses and
    // resumes scheduled runs.
    auto folder = std::make_unique<ConfigFolderWatcher>(configFile, engine);
    folder->applyPauseFlag();

    bool stopping = false;
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::reloadRequested, qApp, [&] {
        if (stopping)
            return; // the engine is going (or gone)
        qCInfo(lcSync).noquote() << "SIGHUP: reading the settings again.";
        QMetaObject::invokeMethod(engine, &Engine::settingsFileChanged, Qt::QueuedConnection);
    });
    QObject::connect(&signalWatcher, &SignalWatcher::stopRequested, qApp, [&](const QString &why) {
        if (stopping)
            return;
        stopping = true;
        folder.reset(); // it talks to the engine, which goes now
        qCInfo(lcSync).noquote() << why << "received: stopping.";
        // A run in progress is cancelled; the journal is written after every
        // batch, so the next start continues where this one stopped.
        if (!host.shutdown(10000))
            qCWarning(lcSync).noquote() << "The run did not stop within 10 seconds; quitting anyway.";
        QCoreApplication::exit(ExitOk);
    });

    qCInfo(lcSync).noquote() << "tardigrade" << QCoreApplication::applicationVersion() << "service started with"
                             << configFile;
    host.start();
    const int code = QCoreApplication::exec();
    folder.reset();
    host.shutdown(10000);
    qCInfo(lcSync).noquote() << "Service stopped.";
    return code;
}

int runPause(CommandContext &ctx)
{
    if (rejectArgs(ctx, "pause"))
        return ExitUserError;
    const Status s = PauseFlag::set(ctx.configFile, true);
    if (!s) {
        ctx.err << "tardigrade pause: " << s.error().message << '\n';
        return ExitUserError;
    }
    ctx.err << "Paused: a running 'tardigrade run' or tray app starts no scheduled runs until 'tardigrade resume'.\n";
    return ExitOk;
}

int runResume(CommandContext &ctx)
{
    if (rejectArgs(ctx, "resume"))
        return ExitUserError;
    const Status s = PauseFlag::set(ctx.configFile, false);
    if (!s) {
        ctx.err << "tardigrade resume: " << s.error().message << '\n';
        return ExitUserError;
    }
    ctx.err << "Resumed: scheduled runs start again.\n";
    return ExitOk;
}

} // namespace tardigrade::cli
