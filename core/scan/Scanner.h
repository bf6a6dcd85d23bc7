#pragma once

#include "ScanOptions.h"
#include "ScanTypes.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <atomic>

namespace tardigrade {

// Finds the datasets of the data directory according to the folder
// structure, and each dataset's files, applying every filter of the
// settings. Touches only the local disk (works with no network), follows no
// symbolic link unless told to, and reports what it cannot read instead of
// failing. Dataset folders are walked in parallel.
class Scanner {
public:
    explicit Scanner(ScanOptions options, const Clock &clock = Clock::system());

    // A missing or unreadable data directory is a user error; a set cancel
    // flag ends the scan with ErrorKind::Cancelled.
    Result<ScanResult> scan(const std::atomic_bool *cancel = nullptr) const;

    const ScanOptions &options() const { return m_options; }

private:
    ScanOptions m_options;
    const Clock &m_clock;
};

} // namespace tardigrade
