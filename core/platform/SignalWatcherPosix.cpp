#include "SignalWatcher.h"

#include "util/Log.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <map>
#include <sys/socket.h>
#include <unistd.h>

namespace tardigrade {

namespace {
int g_fds[2] = {-1, -1}; // [0] written by the handler, [1] read by the notifier
std::map<int, struct sigaction> g_previous;
constexpr int kSignals[] = {SIGTERM, SIGINT, SIGHUP};

extern "C" void onUnixSignal(int sig)
{
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(sig);
    [[maybe_unused]] const ssize_t n = ::write(g_fds[0], &byte, 1);
    errno = saved;
}

QString nameOf(int sig)
{
    switch (sig) {
    case SIGTERM:
        return QStringLiteral("SIGTERM");
    case SIGINT:
        return QStringLiteral("SIGINT");
    case SIGHUP:
        return QStringLiteral("SIGHUP");
    }
    return QStringLiteral("signal %1").arg(sig);
}
} // namespace

struct SignalWatcher::Private {
    QSocketNotifier *notifier = nullptr;
};

SignalWatcher::SignalWatcher(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    if (g_fds[0] != -1) {
        qCWarning(lcPlatform) << "Only one SignalWatcher per process; this one does nothing.";
        return;
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_fds) != 0) {
        qCWarning(lcPlatform) << "Cannot watch for signals: socketpair failed.";
        g_fds[0] = g_fds[1] = -1;
        return;
    }
    for (const int fd : g_fds) {
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    d->notifier = new QSocketNotifier(g_fds[1], QSocketNotifier::Read, this);
    connect(d->notifier, &QSocketNotifier::activated, this, [this] {
        unsigned char byte = 0;
        while (::read(g_fds[1], &byte, 1) == 1) {
            qCInfo(lcPlatform) << "Received" << nameOf(byte);
            if (byte == SIGHUP)
                emit reloadRequested();
            else
                emit stopRequested(nameOf(byte));
        }
    });
    for (const int sig : kSignals) {
        struct sigaction action = {};
        action.sa_handler = onUnixSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        struct sigaction previous = {};
        if (::sigaction(sig, &action, &previous) == 0)
            g_previous[sig] = previous;
    }
    m_active = true;
}

SignalWatcher::~SignalWatcher()
{
    if (!m_active)
        return;
    for (const auto &[sig, previous] : g_previous)
        ::sigaction(sig, &previous, nullptr);
    g_previous.clear();
    delete d->notifier;
    ::close(g_fds[0]);
    ::close(g_fds[1]);
    g_fds[0] = g_fds[1] = -1;
}

} // namespace tardigrade
