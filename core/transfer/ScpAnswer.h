#pragma once

#include "util/Result.h"

#include <QByteArray>

namespace tardigrade {

// What an SCP sink answers to each protocol line, read byte by byte: one
// code byte (0: fine; 1: this file failed, the sink goes on; 2: the sink gave
// up), and after 1 or 2 a message up to a newline. Kept apart from the
// channel (ScpSink does the reading) so that what a host may send can be
// tested and fuzzed without one.
class ScpAnswer {
public:
    // Longer messages are cut: a host that never sends the newline must not
    // grow this without bound.
    static constexpr int MaxMessage = 1024;

    // Takes the next byte; true once the answer is complete (nothing more
    // should be fed then).
    bool feed(char byte);
    bool complete() const { return m_complete; }

    // The answer as a Status: also when the channel ended or went quiet
    // before it was complete (the message so far is all there is).
    Status status() const;

private:
    bool m_haveCode = false;
    bool m_complete = false;
    char m_code = 0;
    QByteArray m_message;
};

} // namespace tardigrade
