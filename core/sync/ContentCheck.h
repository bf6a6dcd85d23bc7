#pragma once

#include "RunContext.h"
#include "scan/ScanTypes.h"
#include "util/Result.h"

#include <QString>

namespace tardigrade {

class RunEventSink;
struct JournalEntry;

// Whether a local file is the one the server holds under its name, when the
// server's record no longer describes it (a frame re-acquired in place keeps
// its name and size, but not its modification time): its MD5 decides. Only
// such files are read; a file whose size and modification time are what the
// server recorded is taken as it is (DataFileLookup::describesUnchanged).
class ContentCheck {
public:
    ContentCheck(const RunContext &context, RunEventSink &events);

    // The local file's MD5: the journal's when `known` has one for this size
    // and modification time, else read now. In an upload run the Uploads tab
    // shows the reading as Hashing (a Test Run only reports).
    Result<QString> localMd5(const ScannedFile &file, const QString &dataset, const JournalEntry &known) const;

private:
    const RunContext &m_context;
    RunEventSink &m_events;
};

// Two MD5s in hex name the same content (case aside); an empty one never does.
bool sameMd5(const QString &a, const QString &b);

// What a conflict says, for the run summary, the Test Run, the GUI and the
// journal: both checksums, and what to do.
QString conflictReason(const QString &serverMd5, const QString &localMd5, qint64 serverSize, qint64 localSize);

} // namespace tardigrade
