#pragma once

#include "StagingAccess.h"
#include "catalogue/Records.h"
#include "catalogue/ServerSettingsCheck.h"
#include "settings/Settings.h"
#include "util/Result.h"

#include <QString>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <optional>

namespace tardigrade {

// What the Settings dialog's OK learns before it saves, as MyData's OK did:
// the settings checked against the server without changing anything there
// (URL, credentials, facility, instrument, mydata app, staging approval)
// and the datasets the folder structure finds in the data directory.
struct SettingsReview {
    ServerCheckResult server; // failures, facility, instrument (id 0 when missing)
    // facility_name is not among the facilities the account manages: these are.
    QVector<Facility> managedFacilities;
    bool facilityMissing = false;
    // The instrument the saved settings name is in the facility and the new
    // name is not: the user renamed it, and the server's record can follow.
    std::optional<Instrument> renameFrom;
    StagingAccess staging; // Unknown when the server was not asked
    QString stagingSentence;
    std::optional<int> datasetCount; // none when the data directory could not be scanned
    QString scanProblem;             // why not, one sentence
    bool cancelled = false;

    bool instrumentMissing() const { return server.instrumentMissing; }
    // Every problem found, one sentence each (server first, then the scan).
    QStringList problems() const;
};

// Blocks on the network and the disk: call it from a worker thread. Creates
// nothing (a recording writer stands in for the server's). The saved
// instrument name is the one the settings file holds, to tell a rename.
// `publicKeyFile` is the staging key the settings will go with when it is
// not yet the installation's own (MyData's, copied only when they are
// saved); empty: the installation's own key.
SettingsReview reviewSettings(const Settings &settings, const QString &savedInstrumentName, const QString &configFile,
                              const QString &publicKeyFile = {}, const std::atomic_bool *cancel = nullptr);

// The changes OK may make once the user agrees (blocking as above): the
// instrument created in its facility, or the saved one renamed in place.
Result<Instrument> createInstrumentFromSettings(const Settings &settings, const QString &configFile,
                                                const std::atomic_bool *cancel = nullptr);
Result<Instrument> renameInstrumentFromSettings(const Settings &settings, const Instrument &instrument,
                                                const std::atomic_bool *cancel = nullptr);

} // namespace tardigrade
