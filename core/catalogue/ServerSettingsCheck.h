#pragma once

#include "Records.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace tardigrade {

class MyTardisClient;

struct ServerCheckOptions {
    QString facilityName;   // facility_name
    QString instrumentName; // instrument_name
    QString uuid;           // the installation's uuid (mydata app check); empty: a placeholder
    bool dryRun = false;    // Test Run / validate: report a missing instrument instead of creating it
    QString lockFile;       // ConfigPaths::stateFile(cfg, "catalogue.lock"): creating the
                            // instrument is find-then-create under it (empty: threads only)
};

struct ServerCheckResult {
    QStringList failures; // one sentence each: what is wrong and what to do
    QStringList notes;    // facts worth telling ("Instrument X was created in facility Y.")
    bool cancelled = false;
    std::optional<User> account;
    std::optional<Facility> facility;
    std::optional<Instrument> instrument; // also set (id 0) when it would be created
    bool instrumentCreated = false;
    bool instrumentMissing = false;   // dry run: it does not exist yet
    bool mydataApp = false;           // the server has the mydata app
    std::optional<Uploader> uploader; // this installation's record, when it exists

    bool ok() const { return failures.isEmpty() && !cancelled; }
};

// Validates the settings against the server, in the order of a normal run
// (sections 1–5): URL reachable and not redirecting, credentials accepted,
// facility managed by the account (else the managed ones are listed),
// instrument present (created, or reported in a dry run), mydata app
// installed. Every failure found is returned as a sentence; later checks
// that depend on an earlier one are left out when it fails.
class ServerSettingsCheck {
public:
    explicit ServerSettingsCheck(MyTardisClient &client) : m_client(client) {}

    ServerCheckResult run(const ServerCheckOptions &options);

private:
    MyTardisClient &m_client;
};

} // namespace tardigrade
