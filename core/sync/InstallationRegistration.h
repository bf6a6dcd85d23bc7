#pragma once

#include "catalogue/Records.h"
#include "settings/Settings.h"
#include "transfer/SshIdentity.h"
#include "util/Result.h"

#include <optional>

namespace tardigrade {

class MyTardisClient;

// This installation as the server knows it: its uploader record (one per
// installation, keyed by uuid) and its staging registration request (its
// SSH public key, which an administrator approves).
struct InstallationRegistration {
    std::optional<Uploader> uploader;
    std::optional<RegistrationRequest> request;
    SshIdentity identity;
    bool uploaderCreated = false;
    bool requestCreated = false;

    bool approved() const { return request && request->approved && !request->scpHostname.isEmpty(); }
    // One sentence for the user on where staging access stands.
    QString stateSentence() const;
};

// Creates or updates the uploader record and finds or creates the
// registration request (mytardis-api.md sections 5 and 6). With dryRun it
// only looks. The SSH key pair is made on first use.
Result<InstallationRegistration> registerInstallation(MyTardisClient &client, const Settings &settings,
                                                      const QString &configFile, const Instrument &instrument,
                                                      std::optional<Uploader> knownUploader, bool dryRun);

} // namespace tardigrade
