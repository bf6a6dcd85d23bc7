#include "SignalWatcher.h"

#include "util/Log.h"

#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <map>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace tardigrade {

#ifdef Q_OS_UNIX
namespace {
int g_fds[2] = {-1, -1}; // [0] written by the handler, [1] read by the notifier
std::map<int, struct sigaction> g_previous;

extern "C" void onUnixSignal(int sig)
{
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(sig);
    [[maybe_unused]] const ssize_t n = ::write(g_fds[0], &byte, 1);
    errno = saved;
}
} // namespace
#endif

SignalWatcher::SignalWatcher(const QList<int> &signalNumbers, QObject *parent)
    : QObject(parent), m_signals(signalNumbers)
{
#ifdef Q_OS_UNIX
    if (g_fds[0] != -1) {
        qCWarning(lcPlatform) << "Only one SignalWatcher per process; this one does nothing.";
        m_signals.clear();
        return;
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_fds) != 0) {
        qCWarning(lcPlatform) << "Cannot watch for signals: socketpair failed.";
        g_fds[0] = g_fds[1] = -1;
        m_signals.clear();
        return;
    }
    for (const int fd : g_fds) {
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    m_notifier = new QSocketNotifier(g_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::readSignal);
    for (const int sig : std::as_const(m_signals)) {
        struct sigaction action = {};
        action.sa_handler = onUnixSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        struct sigaction previous = {};
        if (::sigaction(sig, &action, &previous) == 0)
            g_previous[sig] = previous;
    }
#endif
}

SignalWatcher::~SignalWatcher()
{
#ifdef Q_OS_UNIX
    if (!m_notifier)
        return;
    for (const auto &[sig, previous] : g_previous)
        ::sigaction(sig, &previous, nullptr);
    g_previous.clear();
    delete m_notifier;
    m_notifier = nullptr;
    ::close(g_fds[0]);
    ::close(g_fds[1]);
    g_fds[0] = g_fds[1] = -1;
#endif
}

void SignalWatcher::readSignal()
{
#ifdef Q_OS_UNIX
    unsigned char byte = 0;
    while (::read(g_fds[1], &byte, 1) == 1) {
        qCInfo(lcPlatform) << "Received signal" << int(byte);
        emit received(int(byte));
    }
#endif
}

} // namespace tardigrade
