#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <atomic>
#include <memory>

namespace tardigrade::test {

// A tiny HTTP proxy on a free loopback port, for tests that check requests
// really go through a proxy: it tunnels CONNECT (https://) and forwards
// absolute-form requests (http://, rewritten to origin-form for the server),
// counting both. With a login it answers 407 until a request carries
// `Proxy-Authorization: Basic` for it. It runs in a thread of its own, so a
// test may block waiting for a tardigrade process meanwhile.
class CountingProxy {
public:
    CountingProxy();
    ~CountingProxy(); // stops the thread

    // `login` is "user:password", or empty for none. False when it cannot listen.
    bool start(const QByteArray &login = {});
    // Requests for host `name` go to `address` (before start()). Qt never asks
    // the system's proxy for a loopback address, so a test of http_proxy
    // names the stand-in by a name only this proxy knows.
    void mapHost(const QString &name, const QString &address) { m_hosts.insert(name, address); }
    quint16 port() const { return m_port; }
    QString url() const; // http://127.0.0.1:<port>

    int forwarded() const { return m_counts->forwarded; } // http:// requests passed on
    int tunnels() const { return m_counts->tunnels; }     // CONNECTs passed on
    int refused() const { return m_counts->refused; }     // 407 answers
    int total() const { return forwarded() + tunnels(); }

    struct Counts {
        std::atomic_int forwarded{0};
        std::atomic_int tunnels{0};
        std::atomic_int refused{0};
    };

private:
    class Thread;
    std::shared_ptr<Counts> m_counts;
    std::unique_ptr<Thread> m_thread;
    quint16 m_port = 0;
    QHash<QString, QString> m_hosts;
};

} // namespace tardigrade::test
