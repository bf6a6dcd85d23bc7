#include "BackgroundTask.h"

#include <QThread>

namespace tardigrade::ui {

BackgroundTask::BackgroundTask(QObject *parent) : QObject(parent) {}

BackgroundTask::~BackgroundTask()
{
    cancel();
    for (const QPointer<QThread> &thread : std::as_const(m_threads))
        if (thread)
            thread->wait(3000);
}

void BackgroundTask::cancel()
{
    if (m_cancel)
        *m_cancel = true;
    m_cancel.reset();
    m_running = nullptr;
}

void BackgroundTask::start(const QString &threadName, std::function<void(const std::atomic_bool *)> work,
                           std::function<void()> done)
{
    cancel();
    auto flag = std::make_shared<std::atomic_bool>(false);
    m_cancel = flag;
    QThread *thread = QThread::create([work, flag] { work(flag.get()); });
    thread->setObjectName(threadName);
    // Queued to this object's thread; a cancelled or deleted task is not told.
    connect(thread, &QThread::finished, this, [this, flag, done] {
        if (flag != m_cancel || *flag)
            return;
        m_cancel.reset();
        m_running = nullptr; // not running any more, for whoever `done` calls
        done();
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_threads.removeAll(nullptr);
    m_threads << thread;
    m_running = thread;
    thread->start();
}

} // namespace tardigrade::ui
