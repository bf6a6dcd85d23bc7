// `tardigrade run`: the headless service. The Engine runs on its own thread;
// this thread only waits in the event loop for signals, settings-file
// changes and the pause flag file, so an idle service costs no CPU.
#include "CommandContext.h"
#include "platform/SignalWatcher.h"
#include "settings/SettingsFile.h"
#include "sync/Engine.h"
#include "sync/EngineThread.h"
#include "util/Log.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLoggingCategory>
#include <QTimer>
#include <csignal>

namespace tardigrade::cli {

namespace {

// While this file exists, the service starts no scheduled runs. A file, not
// a socket: `tardigrade pause` works whether or not the service is running,
// and the pause outlives a restart.
QString pauseFlagFile(const QString &configFile)
{
    return configFile + QStringLiteral(".paused");
}

bool rejectArgs(CommandContext &ctx, const char *name)
{
    if (ctx.args.isEmpty())
        return false;
    ctx.err << "tardigrade " << name << ": unknown argument '" << ctx.args.first() << "'. Usage: tardigrade " << name
            << '\n';
    return true;
}

const char *signalName(int number)
{
    switch (number) {
    case SIGTERM:
        return "SIGTERM";
    case SIGINT:
        return "SIGINT";
    case SIGHUP:
        return "SIGHUP";
    default:
        return "a signal";
    }
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
    const QString configDir = QFileInfo(configFile).absolutePath();
    const QString pauseFile = pauseFlagFile(configFile);
    QDir().mkpath(configDir);

    EngineThread host(configFile);
    Engine *engine = host.engine();
    engine->setApplyAutostart(false); // a service starts from its systemd unit
    QObject::connect(
        engine, &Engine::logLine, qApp, [](const QString &line) { qCInfo(lcSync).noquote() << line; },
        Qt::QueuedConnection);

    bool stopping = false;
    SignalWatcher signalWatcher({SIGTERM, SIGINT, SIGHUP});
    QObject::connect(&signalWatcher, &SignalWatcher::received, qApp, [&](int number) {
        if (number == SIGHUP) {
            qCInfo(lcSync).noquote() << "SIGHUP: reading the settings again.";
            QMetaObject::invokeMethod(engine, "settingsFileChanged", Qt::QueuedConnection);
            return;
        }
        if (stopping)
            return;
        stopping = true;
        qCInfo(lcSync).noquote() << signalName(number) << "received: stopping.";
        // A run in progress is cancelled; the journal is written after every
        // batch, so the next start continues where this one stopped.
        if (!host.shutdown(10000))
            qCWarning(lcSync).noquote() << "The run did not stop within 10 seconds; quitting anyway.";
        QCoreApplication::exit(ExitOk);
    });

    // The settings file is replaced on save (temporary file + rename), which
    // a watch on the file alone misses: watch its folder too. The engine
    // compares the content, so unrelated changes in the folder cost a read.
    QFileSystemWatcher watcher;
    QTimer settle; // editors and savers touch a file several times; act once
    settle.setSingleShot(true);
    settle.setInterval(300);
    auto syncPause = [&] {
        if (QFile::exists(pauseFile))
            engine->pause(); // direct: reaches the engine even while a run blocks it
        else
            engine->resume();
    };
    QObject::connect(&settle, &QTimer::timeout, qApp, [&] {
        if (QFile::exists(configFile) && !watcher.files().contains(configFile))
            watcher.addPath(configFile);
        syncPause();
        QMetaObject::invokeMethod(engine, "settingsFileChanged", Qt::QueuedConnection);
    });
    QObject::connect(&watcher, &QFileSystemWatcher::fileChanged, &settle, qOverload<>(&QTimer::start));
    QObject::connect(&watcher, &QFileSystemWatcher::directoryChanged, &settle, qOverload<>(&QTimer::start));
    watcher.addPath(configDir);
    if (QFile::exists(configFile))
        watcher.addPath(configFile);

    qCInfo(lcSync).noquote() << "tardigrade" << QCoreApplication::applicationVersion() << "service started with"
                             << configFile;
    if (QFile::exists(pauseFile))
        engine->pause();
    host.start();
    const int code = QCoreApplication::exec();
    host.shutdown(10000);
    qCInfo(lcSync).noquote() << "Service stopped.";
    return code;
}

int runPause(CommandContext &ctx)
{
    if (rejectArgs(ctx, "pause"))
        return ExitUserError;
    const QString flag = pauseFlagFile(QFileInfo(ctx.configFile).absoluteFilePath());
    QDir().mkpath(QFileInfo(flag).absolutePath());
    QFile f(flag);
    if (!f.open(QIODevice::WriteOnly)) {
        ctx.err << "tardigrade pause: could not write " << flag << " (" << f.errorString()
                << "); check the permissions of the settings folder.\n";
        return ExitUserError;
    }
    f.write("Scheduled runs paused by 'tardigrade pause'; 'tardigrade resume' removes this file.\n");
    f.close();
    ctx.err << "Paused: a running 'tardigrade run' starts no scheduled runs until 'tardigrade resume'.\n";
    return ExitOk;
}

int runResume(CommandContext &ctx)
{
    if (rejectArgs(ctx, "resume"))
        return ExitUserError;
    const QString flag = pauseFlagFile(QFileInfo(ctx.configFile).absoluteFilePath());
    if (QFile::exists(flag) && !QFile::remove(flag)) {
        ctx.err << "tardigrade resume: could not remove " << flag
                << "; check the permissions of the settings folder.\n";
        return ExitUserError;
    }
    ctx.err << "Resumed: scheduled runs start again.\n";
    return ExitOk;
}

} // namespace tardigrade::cli
