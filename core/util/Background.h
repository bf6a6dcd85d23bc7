#pragma once

#include <QObject>
#include <QThread>

#include <memory>
#include <optional>

namespace tardigrade {

// Runs `work` on a short-lived thread of its own and hands its result to
// `done` on `context`'s thread through its event loop; if `context` is gone
// by then, `done` is not called. For calls that may block for seconds (the
// system keychain) asked for from the GUI thread, which must never wait.
template <typename T, typename Work, typename Done>
void runInBackground(QObject *context, Work work, Done done)
{
    auto result = std::make_shared<std::optional<T>>();
    QThread *thread = QThread::create([result, work = std::move(work)]() mutable { result->emplace(work()); });
    // finished() comes from the worker; queued to `context`, and dropped
    // with the connection if `context` is destroyed first.
    QObject::connect(thread, &QThread::finished, context,
                     [result, done = std::move(done)]() mutable { done(std::move(**result)); });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->setObjectName(QStringLiteral("tardigrade-background"));
    thread->start();
}

} // namespace tardigrade
