#pragma once

#include <QDateTime>

namespace tardigrade {

// Time comes from an injectable clock so schedules and age filters can be
// tested without sleeping. Engine code takes a `const Clock &` and defaults
// to Clock::system().
class Clock {
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;

    static const Clock &system();
};

// A clock that stands still until told otherwise (tests).
class FakeClock : public Clock {
public:
    explicit FakeClock(QDateTime now) : m_now(std::move(now)) {}
    QDateTime now() const override { return m_now; }
    void set(QDateTime now) { m_now = std::move(now); }
    void advanceSecs(qint64 secs) { m_now = m_now.addSecs(secs); }

private:
    QDateTime m_now;
};

} // namespace tardigrade
