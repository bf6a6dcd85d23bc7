// SignalWatcher without POSIX calls: Windows, and the portable build on
// Linux. C++ signal handlers only set a flag (all they may do); a timer in
// the event loop looks at the flags ten times a second. On Windows the
// console's close, log-off and shutdown events and the service manager's
// Stop set the same flag.
#include "SignalWatcher.h"

#include "util/Log.h"

#include <QTimer>

#include <atomic>
#include <csignal>
#include <map>
#include <vector>

#ifdef Q_OS_WIN
#include <thread>
#include <windows.h>
#endif

namespace tardigrade {

namespace {

// What asked, as a flag each handler may set: a plain lock-free int.
enum Request : int { None = 0, Terminate, Interrupt, Break, Hangup, ConsoleClosed, ServiceStop };
std::atomic<int> g_request{None};
std::atomic<bool> g_installed{false};

extern "C" void onWatchedSignal(int sig)
{
    int request = None;
    if (sig == SIGTERM)
        request = Terminate;
    else if (sig == SIGINT)
        request = Interrupt;
#ifdef SIGBREAK
    else if (sig == SIGBREAK)
        request = Break;
#endif
#ifdef SIGHUP
    else if (sig == SIGHUP)
        request = Hangup;
#endif
    g_request.store(request);
    std::signal(sig, onWatchedSignal); // some platforms reset the handler once it ran
}

QString nameOf(int request)
{
    switch (request) {
    case Terminate:
        return QStringLiteral("SIGTERM");
    case Interrupt:
        return QStringLiteral("Ctrl-C");
    case Break:
        return QStringLiteral("Ctrl-Break");
    case Hangup:
        return QStringLiteral("SIGHUP");
    case ConsoleClosed:
        return QStringLiteral("the console closing");
    case ServiceStop:
        return QStringLiteral("the service manager");
    }
    return {};
}

std::vector<int> watchedSignals()
{
    std::vector<int> s{SIGTERM, SIGINT};
#ifdef SIGBREAK
    s.push_back(SIGBREAK);
#endif
#ifdef SIGHUP
    s.push_back(SIGHUP);
#endif
    return s;
}

#ifdef Q_OS_WIN
BOOL WINAPI onConsoleEvent(DWORD event)
{
    if (event == CTRL_CLOSE_EVENT || event == CTRL_LOGOFF_EVENT || event == CTRL_SHUTDOWN_EVENT) {
        g_request.store(ConsoleClosed);
        return TRUE; // handled: Windows gives the process a few seconds to stop
    }
    return FALSE; // Ctrl-C and Ctrl-Break reach the C signal handlers
}

// `tardigrade run` started by the service manager (for example
// `sc create Tardigrade binPath= "C:\...\tardigrade.exe --config C:\...\MyData.cfg run"`):
// its Stop and the system's shutdown ask the service to stop.
SERVICE_STATUS_HANDLE g_service = nullptr;
SERVICE_STATUS g_status = {};
HANDLE g_serviceDone = nullptr;

void reportStatus(DWORD state, DWORD waitHintMs = 0)
{
    g_status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    g_status.dwCurrentState = state;
    g_status.dwControlsAccepted = state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN : 0;
    g_status.dwWaitHint = waitHintMs;
    SetServiceStatus(g_service, &g_status);
}

DWORD WINAPI onServiceControl(DWORD control, DWORD, LPVOID, LPVOID)
{
    if (control == SERVICE_CONTROL_STOP || control == SERVICE_CONTROL_SHUTDOWN) {
        reportStatus(SERVICE_STOP_PENDING, 15000);
        g_request.store(ServiceStop);
        return NO_ERROR;
    }
    return control == SERVICE_CONTROL_INTERROGATE ? NO_ERROR : ERROR_CALL_NOT_IMPLEMENTED;
}

void WINAPI serviceMain(DWORD, LPWSTR *)
{
    g_service = RegisterServiceCtrlHandlerExW(L"Tardigrade", onServiceControl, nullptr);
    if (!g_service)
        return;
    reportStatus(SERVICE_RUNNING);
    WaitForSingleObject(g_serviceDone, INFINITE); // until the watcher goes, at the program's end
    reportStatus(SERVICE_STOPPED);
}
#endif

} // namespace

struct SignalWatcher::Private {
    QTimer poll;
    std::map<int, void (*)(int)> previous;
#ifdef Q_OS_WIN
    std::thread dispatcher;
#endif
};

SignalWatcher::SignalWatcher(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    if (g_installed.exchange(true)) {
        qCWarning(lcPlatform) << "Only one SignalWatcher per process; this one does nothing.";
        return;
    }
    g_request.store(None);
    for (int sig : watchedSignals()) {
        const auto previous = std::signal(sig, onWatchedSignal);
        if (previous != SIG_ERR)
            d->previous[sig] = previous;
    }
#ifdef Q_OS_WIN
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
    g_serviceDone = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    // Connects to the service manager when it started this process; returns
    // at once (ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) when run from a console.
    d->dispatcher = std::thread([] {
        SERVICE_TABLE_ENTRYW table[] = {{const_cast<LPWSTR>(L"Tardigrade"), serviceMain}, {nullptr, nullptr}};
        StartServiceCtrlDispatcherW(table);
    });
#endif
    d->poll.setInterval(100);
    connect(&d->poll, &QTimer::timeout, this, [this] {
        const int request = g_request.exchange(None);
        if (request == None)
            return;
        qCInfo(lcPlatform) << "Received" << nameOf(request);
        if (request == Hangup)
            emit reloadRequested();
        else
            emit stopRequested(nameOf(request));
    });
    d->poll.start();
    m_active = true;
}

SignalWatcher::~SignalWatcher()
{
    if (!m_active)
        return;
    d->poll.stop();
    for (const auto &[sig, previous] : d->previous)
        std::signal(sig, previous);
#ifdef Q_OS_WIN
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
    SetEvent(g_serviceDone);
    if (d->dispatcher.joinable())
        d->dispatcher.join();
    CloseHandle(g_serviceDone);
    g_serviceDone = nullptr;
#endif
    g_installed.store(false);
}

} // namespace tardigrade
