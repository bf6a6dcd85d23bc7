#pragma once

#include "FileWorker.h"
#include "RunContext.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace tardigrade {

// Registers a worker's sent batches on a thread of its own, with a
// catalogue of its own (a client belongs to the thread that made it), so
// the worker can send its next batch meanwhile: on a slow network the round
// trips to staging and to the catalogue then overlap instead of adding up.
// One batch at a time: submit(), then take() its answers before the next.
class BatchRegistrar {
public:
    explicit BatchRegistrar(const RunContext &context);
    ~BatchRegistrar(); // waits for the batch in hand (cancel makes that short)
    BatchRegistrar(const BatchRegistrar &) = delete;
    BatchRegistrar &operator=(const BatchRegistrar &) = delete;

    // Starts registering the batch (it must outlive take()).
    void submit(const SentBatch &batch);
    // The submitted batch's registrations, once answered.
    QVector<Result<StagingRegistration>> take();

private:
    void loop();

    const RunContext &m_context;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    const SentBatch *m_job = nullptr;
    std::optional<QVector<Result<StagingRegistration>>> m_answers;
    bool m_stopping = false;
    std::thread m_thread; // started with the first batch that has anything to register
};

} // namespace tardigrade
