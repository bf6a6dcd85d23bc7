#pragma once

#include "CleanupTypes.h"
#include "scan/ScanOptions.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <atomic>

namespace tardigrade {

class CatalogueReader;
class Journal;

// Finds the files Cleanup may offer: every file of the data directory (the
// same scan as a run, with the settings' filters and folder structure)
// older than the given age whose journal entry says verified with its
// current size, mtime and an MD5, and which the server lists as verified
// with that MD5 and size (one listing per dataset). Files reached through
// a symbolic link are never offered. Reads only: nothing is deleted here.
class CleanupFinder {
public:
    CleanupFinder(ScanOptions options, const Journal &journal, CatalogueReader &reader,
                  const Clock &clock = Clock::system());

    // A server or scan failure is the error; files left out are counted in
    // the findings' notes.
    Result<CleanupFindings> find(int olderThanDays, const std::atomic_bool *cancel = nullptr);

private:
    ScanOptions m_options;
    const Journal &m_journal;
    CatalogueReader &m_reader;
    const Clock &m_clock;
};

} // namespace tardigrade
