#include "HashAside.h"

#include "Md5.h"

#include <exception>

namespace tardigrade {

HashAside::HashAside(Md5 &digest) : m_digest(digest)
{
    try {
        m_thread = std::thread([this] { work(); });
    } catch (const std::exception &) { // std::system_error, or no memory for its state
        // No thread to be had: give() hashes in the caller's thread.
    }
}

HashAside::~HashAside()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_ending = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

std::uint64_t HashAside::give(const char *data, std::size_t size)
{
    const std::uint64_t ticket = ++m_given;
    if (!m_thread.joinable()) {
        m_digest.update(data, size);
        m_done = ticket;
        return ticket;
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back({data, size});
    }
    m_changed.notify_all();
    return ticket;
}

void HashAside::hashed(std::uint64_t ticket)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [&] { return m_done >= ticket; });
}

void HashAside::work()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        // The queue is worked off before ending: a block given is hashed.
        m_changed.wait(lock, [&] { return m_ending || !m_queue.empty(); });
        if (m_queue.empty())
            return;
        const Block block = m_queue.front();
        lock.unlock();
        m_digest.update(block.data, block.size);
        lock.lock();
        m_queue.pop_front();
        ++m_done;
        m_changed.notify_all();
    }
}

} // namespace tardigrade
