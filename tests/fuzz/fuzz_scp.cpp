// Fuzzes what the staging upload reads from the host's `scp -t` sink
// (ScpAnswer: a status byte, then a message up to a newline) and the staging
// paths it hands to the sink (ScpSink::canCarry; the path is the server's
// answer to a registration, byte for byte). The input is everything the
// host sends: answers are read from it one after another, as ScpSink reads
// them after each protocol line; a host that never ends a message, sends a
// greeting instead of a status or stops mid-answer must give a status with
// a bounded message, never a crash or an endless read.
#include "FuzzCheck.h"
#include "transfer/ScpAnswer.h"
#include "transfer/ScpSink.h"

#include <QByteArray>
#include <cstdio>
#include <cstdlib>

using namespace tardigrade;
using tardigrade::fuzz::check;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray stream(reinterpret_cast<const char *>(data), qsizetype(size));
    qsizetype at = 0;
    while (at < stream.size()) {
        ScpAnswer answer;
        qsizetype used = 0;
        while (at < stream.size()) {
            ++used;
            if (answer.feed(stream.at(at++)))
                break;
        }
        check(used <= 2 + ScpAnswer::MaxMessage, "an answer read past its bound");
        const Status status = answer.status();
        check(status.ok() == (stream.at(at - used) == 0), "a status byte 0 is not success, or another byte is");
        if (!status.ok())
            check(status.error().message.size() <= 4 * ScpAnswer::MaxMessage, "an unbounded message");
    }

    // A staging path the sink is given: one it accepts names a file below
    // "/" in protocol lines that each end at their one newline.
    if (ScpSink::canCarry(stream))
        check(stream.startsWith('/') && !stream.contains('\n') && !stream.endsWith('/'),
              "the sink accepts a path it cannot name");
    return 0;
}
