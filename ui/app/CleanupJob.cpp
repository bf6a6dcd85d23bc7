#include "CleanupJob.h"

#include "cleanup/CleanupSession.h"

#include <QThread>

#include <utility>

namespace tardigrade::ui {

CleanupJob::CleanupJob(QString configFile, QObject *parent) : QObject(parent), m_configFile(std::move(configFile)) {}

CleanupJob::~CleanupJob()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

void CleanupJob::start(std::function<void()> work)
{
    Q_ASSERT(!m_thread);
    m_cancel = false;
    m_thread = QThread::create(std::move(work));
    m_thread->setObjectName(QStringLiteral("tardigrade-cleanup"));
    // The answer is given once the thread has ended, so the job is idle
    // (and may start again) when it arrives.
    connect(m_thread, &QThread::finished, this, [this] {
        QThread *ended = m_thread;
        m_thread = nullptr;
        ended->deleteLater();
        if (auto deliver = std::exchange(m_deliver, {}))
            deliver();
    });
    m_thread->start();
}

void CleanupJob::find(int olderThanDays, std::function<void(const Result<CleanupFindings> &)> done)
{
    start([this, olderThanDays, done = std::move(done)] {
        CleanupSession::Options options;
        options.cancel = &m_cancel;
        // The session (and its catalogue client) belongs to this thread.
        auto session = CleanupSession::open(m_configFile, options);
        Result<CleanupFindings> result =
            session ? (*session)->find(olderThanDays) : Result<CleanupFindings>(session.error());
        m_deliver = [done, result] { done(result); };
    });
}

void CleanupJob::remove(const QVector<CleanupCandidate> &files,
                        std::function<void(const Result<CleanupOutcome> &)> done)
{
    start([this, files, done = std::move(done)] {
        CleanupSession::Options options;
        options.cancel = &m_cancel;
        auto session = CleanupSession::open(m_configFile, options);
        Result<CleanupOutcome> result = session ? Result<CleanupOutcome>((*session)->remove(
                                                      files, [this](int n, int deleted, int total, const QString &) {
                                                          emit progress(n, deleted, total);
                                                      }))
                                                : Result<CleanupOutcome>(session.error());
        m_deliver = [done, result] { done(result); };
    });
}

} // namespace tardigrade::ui
