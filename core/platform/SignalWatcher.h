#pragma once

#include <QList>
#include <QObject>

class QSocketNotifier;

namespace tardigrade {

// Turns Unix signals (SIGTERM from `systemctl stop`, SIGINT from Ctrl-C,
// SIGHUP) into a Qt signal delivered by the event loop, so a long-running
// `tardigrade run` that sits idle in the event loop between scheduled runs
// wakes up and stops cleanly within systemd's TimeoutStopSec. The handler
// only writes the signal number to a socket pair (async-signal-safe); the
// rest happens in the event loop. One watcher per process; the previous
// handlers are restored when it is destroyed. Does nothing off Unix.
class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(const QList<int> &signalNumbers, QObject *parent = nullptr);
    ~SignalWatcher() override;

    bool isActive() const { return m_notifier != nullptr; }

signals:
    void received(int signalNumber);

private:
    void readSignal();

    QList<int> m_signals;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace tardigrade
