// tardigrade-latency-relay --to HOST:PORT --delay-ms MS [--port P]
//
// A TCP relay on 127.0.0.1 that passes every byte on MS milliseconds after it
// arrived, in both directions: a slow network between an SSH client and a
// loopback sshd, for scripts/bench's `latency` row, without `tc netem` (root
// and a kernel module). Prints "listening on 127.0.0.1:PORT" once ready.
//
// What it models and what it does not: the delay is per byte, so an SSH round
// trip (key exchange, a channel window adjust, an SCP acknowledgement) costs
// 2 x MS more, as on a long link. The bandwidth is not limited: the relay
// reads eagerly and holds up to 64 MiB per direction, so only the protocol's
// own windows (SSH channel windows, requests in flight) decide how much of the
// delay a client hides. No loss, no jitter.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// Enough that the relay is never the bottleneck at loopback speed with a
// tens-of-milliseconds delay (600 MB/s x 20 ms = 12 MB in flight).
constexpr size_t MaxQueuedBytes = 64u << 20;
constexpr size_t ReadBytes = 256u << 10;

struct Chunk
{
    Clock::time_point due;
    std::vector<char> bytes; // empty: the source closed its side
};

// One direction of one connection: a reader stamps what arrives, a writer
// hands it on when due. The queue between them is the delay line.
class DelayLine
{
public:
    DelayLine(int from, int to, std::chrono::milliseconds delay) : m_from(from), m_to(to), m_delay(delay) {}

    void readLoop()
    {
        for (;;) {
            std::vector<char> buf(ReadBytes);
            const ssize_t n = ::read(m_from, buf.data(), buf.size());
            if (n < 0 && errno == EINTR)
                continue;
            buf.resize(n > 0 ? size_t(n) : 0);
            const auto due = Clock::now() + m_delay;
            std::unique_lock<std::mutex> lock(m_mutex);
            m_space.wait(lock, [this] { return m_queued < MaxQueuedBytes || m_broken; });
            if (m_broken)
                return;
            m_queued += buf.size();
            const bool end = buf.empty();
            m_queue.push_back(Chunk{due, std::move(buf)});
            m_ready.notify_one();
            if (end)
                return;
        }
    }

    void writeLoop()
    {
        for (;;) {
            Chunk c;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_ready.wait(lock, [this] { return !m_queue.empty(); });
                c = std::move(m_queue.front());
                m_queue.pop_front();
                m_queued -= c.bytes.size();
                m_space.notify_one();
            }
            std::this_thread::sleep_until(c.due);
            if (c.bytes.empty()) {
                ::shutdown(m_to, SHUT_WR); // pass the half-close on, as TCP would
                return;
            }
            if (!writeAll(c.bytes)) {
                // The far side is gone: stop reading this direction too.
                std::lock_guard<std::mutex> lock(m_mutex);
                m_broken = true;
                m_space.notify_one();
                ::shutdown(m_from, SHUT_RD);
                return;
            }
        }
    }

private:
    bool writeAll(const std::vector<char> &bytes)
    {
        size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::send(m_to, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return false;
            done += size_t(n);
        }
        return true;
    }

    int m_from, m_to;
    std::chrono::milliseconds m_delay;
    std::mutex m_mutex;
    std::condition_variable m_ready, m_space;
    std::deque<Chunk> m_queue;
    size_t m_queued = 0;
    bool m_broken = false;
};

// Both sockets of one relayed connection; closed when the last of its four
// threads lets go.
struct Connection
{
    Connection(int client, int server, std::chrono::milliseconds delay)
        : client(client), server(server), up(client, server, delay), down(server, client, delay)
    {
    }
    ~Connection()
    {
        ::close(client);
        ::close(server);
    }
    int client, server;
    DelayLine up, down;
};

void noDelay(int fd)
{
    // The relay writes what it holds at once; Nagle would add its own wait.
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

int connectTo(const sockaddr_in &to)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&to), sizeof to) != 0) {
        ::close(fd);
        return -1;
    }
    noDelay(fd);
    return fd;
}

[[noreturn]] void usage(const char *why)
{
    std::fprintf(stderr, "tardigrade-latency-relay: %s\nusage: tardigrade-latency-relay --to HOST:PORT --delay-ms MS [--port P]\n",
                 why);
    std::exit(2);
}

} // namespace

int main(int argc, char **argv)
{
    std::string to;
    long delayMs = -1;
    int port = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc)
            usage(("option " + a + " needs a value").c_str());
        const std::string v = argv[++i];
        if (a == "--to")
            to = v;
        else if (a == "--delay-ms")
            delayMs = std::strtol(v.c_str(), nullptr, 10);
        else if (a == "--port")
            port = std::atoi(v.c_str());
        else
            usage(("unknown option " + a).c_str());
    }
    const auto colon = to.rfind(':');
    if (colon == std::string::npos || delayMs < 0)
        usage("--to HOST:PORT and --delay-ms MS are required");
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = htons(uint16_t(std::atoi(to.c_str() + colon + 1)));
    if (::inet_pton(AF_INET, to.substr(0, colon).c_str(), &target.sin_addr) != 1)
        usage("HOST must be an IPv4 address such as 127.0.0.1");

    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in here{};
    here.sin_family = AF_INET;
    here.sin_port = htons(uint16_t(port));
    here.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listener, reinterpret_cast<sockaddr *>(&here), sizeof here) != 0 || ::listen(listener, 64) != 0) {
        std::fprintf(stderr, "tardigrade-latency-relay: cannot listen on 127.0.0.1:%d: %s\n", port, std::strerror(errno));
        return 1;
    }
    socklen_t len = sizeof here;
    ::getsockname(listener, reinterpret_cast<sockaddr *>(&here), &len);
    std::printf("listening on 127.0.0.1:%u\n", unsigned(ntohs(here.sin_port)));
    std::fflush(stdout);

    const std::chrono::milliseconds delay(delayMs);
    for (;;) {
        const int client = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            std::perror("tardigrade-latency-relay: accept");
            return 1;
        }
        noDelay(client);
        const int server = connectTo(target);
        if (server < 0) {
            std::fprintf(stderr, "tardigrade-latency-relay: cannot reach %s: %s\n", to.c_str(), std::strerror(errno));
            ::close(client);
            continue;
        }
        auto c = std::make_shared<Connection>(client, server, delay);
        std::thread([c] { c->up.readLoop(); }).detach();
        std::thread([c] { c->up.writeLoop(); }).detach();
        std::thread([c] { c->down.readLoop(); }).detach();
        std::thread([c] { c->down.writeLoop(); }).detach();
    }
}
