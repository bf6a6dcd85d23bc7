#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>

namespace tardigrade {

class Md5;

// Feeds blocks to a digest on a thread of its own, in the order they were
// given, while the caller goes on (reading and sending the next block). MD5
// cannot be split across cores, so on a large file it is the longest chain
// of work; with it off the sending thread, a send no longer waits for the
// hash of its block, only for the hash of the block whose buffer it reuses.
// A block's memory must stay untouched until hashed(ticket) has returned.
// Where no thread can be had, blocks are hashed at once, in the caller's
// thread. Not thread-safe itself: one caller.
class HashAside {
public:
    explicit HashAside(Md5 &digest);
    ~HashAside(); // hashes what was given, then ends the thread
    HashAside(const HashAside &) = delete;
    HashAside &operator=(const HashAside &) = delete;

    // Queues a block; the ticket names it for hashed().
    std::uint64_t give(const char *data, std::size_t size);
    // Returns once the block with that ticket (and every block before it)
    // is in the digest.
    void hashed(std::uint64_t ticket);
    // Returns once every block given is in the digest.
    void drain() { hashed(m_given); }

private:
    struct Block {
        const char *data;
        std::size_t size;
    };
    void work();

    Md5 &m_digest;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Block> m_queue;
    std::uint64_t m_given = 0; // tickets are 1, 2, ...
    std::uint64_t m_done = 0;  // under m_mutex while the thread runs
    bool m_ending = false;
    std::thread m_thread;
};

} // namespace tardigrade
