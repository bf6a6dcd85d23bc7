#include "BatchRegistrar.h"

#include "catalogue/Catalogue.h"

namespace tardigrade {

BatchRegistrar::BatchRegistrar(const RunContext &context) : m_context(context) {}

BatchRegistrar::~BatchRegistrar()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void BatchRegistrar::submit(const SentBatch &batch)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    Q_ASSERT(!m_job && !m_answers);
    if (batch.descriptions().isEmpty()) { // nothing to ask: no thread hop
        m_answers.emplace();
        return;
    }
    m_job = &batch;
    if (!m_thread.joinable())
        m_thread = std::thread([this] { loop(); });
    m_changed.notify_all();
}

QVector<Result<StagingRegistration>> BatchRegistrar::take()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return m_answers.has_value(); });
    QVector<Result<StagingRegistration>> answers = std::move(*m_answers);
    m_answers.reset();
    return answers;
}

void BatchRegistrar::loop()
{
    const std::unique_ptr<Catalogue> catalogue = m_context.makeCatalogue(m_context.client);
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_job || m_stopping; });
        if (!m_job)
            return;
        const SentBatch *job = std::exchange(m_job, nullptr);
        lock.unlock();
        QVector<Result<StagingRegistration>> answers = FileWorker::registerBatch(m_context, *catalogue, *job);
        lock.lock();
        m_answers = std::move(answers);
        m_changed.notify_all();
    }
}

} // namespace tardigrade
