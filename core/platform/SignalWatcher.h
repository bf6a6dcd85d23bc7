#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace tardigrade {

// Turns the platform's requests to stop, or to read the settings again,
// into Qt signals delivered by the event loop, so a `tardigrade run` that
// sits idle between scheduled runs wakes up and stops cleanly within the
// service manager's time limit:
// - POSIX: SIGTERM (systemctl stop), SIGINT (Ctrl-C) stop; SIGHUP reloads.
//   The handler only writes to a socket pair (async-signal-safe).
// - Windows: Ctrl-C, Ctrl-Break, closing the console, logging off, and the
//   service manager's Stop when `run` is started as a Windows service.
// A platform seam: SignalWatcherPosix.cpp or SignalWatcherPortable.cpp (C++
// signals polled by a timer, plus the Windows console and service hooks).
// One watcher per process; the previous handlers come back when it goes.
class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    bool isActive() const { return m_active; }

signals:
    // `why` names what asked ("SIGTERM", "Ctrl-C", "the service manager").
    void stopRequested(const QString &why);
    void reloadRequested();

private:
    struct Private;
    std::unique_ptr<Private> d;
    bool m_active = false;
};

} // namespace tardigrade
