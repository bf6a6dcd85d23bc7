#pragma once

#include "sync/RunEvents.h"

// A run in full swing, the same in the demo windows (and screenshots) and
// the tests that check those windows fit a small screen.
inline tardigrade::ProgressEvent sampleProgress()
{
    tardigrade::ProgressEvent p;
    p.stage = QStringLiteral("Uploading");
    p.filesDone = 17;
    p.filesTotal = 48;
    p.bytesDone = 3'100'000'000LL;
    p.bytesTotal = 8'900'000'000LL;
    p.bytesPerSecond = 104'000'000;
    p.etaSeconds = 56;
    return p;
}
