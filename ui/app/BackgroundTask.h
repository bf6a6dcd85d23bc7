#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVector>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace tardigrade::ui {

// One piece of blocking work (the network, the disk, the keychain) on a
// thread of its own, so the GUI thread never waits for it; its answer comes
// back on the thread that owns the task. Cancelling sets the flag the work
// checks at its next wait and drops the answer: whoever cancelled has moved
// on, and the thread finishes (and deletes itself) in the background.
class BackgroundTask : public QObject {
    Q_OBJECT
public:
    explicit BackgroundTask(QObject *parent = nullptr);
    // Cancels what is still running and waits for it briefly, so a quit does
    // not tear the app down under a thread still using the network.
    ~BackgroundTask() override;

    // `work` returns a value; `done` gets it here, unless cancelled first.
    // A task already running is cancelled.
    template <typename T>
    void run(const QString &threadName, std::function<T(const std::atomic_bool *cancel)> work,
             std::function<void(const T &)> done)
    {
        auto answer = std::make_shared<std::optional<T>>();
        start(
            threadName, [work, answer](const std::atomic_bool *cancel) { answer->emplace(work(cancel)); },
            [done, answer] {
                if (*answer)
                    done(**answer);
            });
    }

    void cancel();
    bool isRunning() const { return !m_running.isNull(); }

private:
    void start(const QString &threadName, std::function<void(const std::atomic_bool *)> work,
               std::function<void()> done);

    std::shared_ptr<std::atomic_bool> m_cancel;
    QPointer<QThread> m_running;
    QVector<QPointer<QThread>> m_threads; // cancelled ones too, for the destructor's wait
};

} // namespace tardigrade::ui
