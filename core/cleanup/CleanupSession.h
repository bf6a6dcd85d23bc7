#pragma once

#include "CleanupDeleter.h"
#include "CleanupTypes.h"
#include "catalogue/Catalogue.h"
#include "settings/Settings.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <atomic>
#include <memory>

namespace tardigrade {

class Journal;

// Cleanup as the command line and the GUI use it: the settings file, its
// journal and a catalogue client, opened together on the calling thread
// (the client belongs to it). Opening fails with one sentence when the
// settings do not allow Cleanup (allow_cleanup), when they are locked that
// way, or when the server or data directory are not set.
class CleanupSession {
public:
    struct Options {
        CatalogueFactory makeCatalogue; // MyTardisClient::make when empty
        const Clock *clock = nullptr;   // the system clock when null
        const std::atomic_bool *cancel = nullptr;
    };

    ~CleanupSession();
    static Result<std::unique_ptr<CleanupSession>> open(const QString &configFile, Options options);
    static Result<std::unique_ptr<CleanupSession>> open(const QString &configFile)
    {
        return open(configFile, Options{});
    }

    // The sentence for settings that do not allow Cleanup; empty when they do.
    static QString notAllowedSentence(const Settings &settings);

    const Settings &settings() const { return m_settings; }
    int defaultDays() const; // cleanup_older_than_days

    Result<CleanupFindings> find(int olderThanDays);
    CleanupOutcome remove(const QVector<CleanupCandidate> &files, const CleanupDeleter::Progress &progress = {});

private:
    CleanupSession() = default;

    Settings m_settings;
    Options m_options;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<Catalogue> m_catalogue;
};

} // namespace tardigrade
