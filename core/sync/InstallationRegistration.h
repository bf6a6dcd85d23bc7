#pragma once

#include "catalogue/Records.h"
#include "StagingAccess.h"
#include "settings/Settings.h"
#include "transfer/SshIdentity.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <optional>

namespace tardigrade {

class CatalogueReader;
class CatalogueWriter;

// This installation as the server knows it: its uploader record (one per
// installation, keyed by uuid) and its staging registration request (its
// SSH public key, which an administrator approves).
struct InstallationRegistration {
    std::optional<UploaderRecord> uploader;
    std::optional<RegistrationRequest> request;
    SshIdentity identity;
    bool uploaderCreated = false;
    bool requestCreated = false;
    // The key's fingerprint as the server knows its request: MD5 hex (what
    // Tardigrade sends, and MyData on Windows), or `SHA256:...` for a key
    // taken over from MyData on macOS or Linux, whose `ssh-keygen -l` printed
    // that form. File registrations must name the request the same way.
    QString fingerprint;

    bool approved() const { return request && request->approved && !request->scpHostname.isEmpty(); }
    // One sentence for the user on where staging access stands.
    QString stateSentence() const;
    // The same as a value (state and SHA256 fingerprint).
    StagingAccess access() const;
};

// This installation's staging request for the key `publicKeyLine`: by its
// MD5 fingerprint (what Tardigrade and MyData on Windows send), else by its
// `SHA256:` form (how MyData on macOS and Linux named it). `foundBy`, when
// given, is set to the fingerprint it was found by.
Result<std::optional<RegistrationRequest>> findStagingRequest(CatalogueReader &reader, const QString &uuid,
                                                              const QByteArray &publicKeyLine,
                                                              QString *foundBy = nullptr);

// Creates or updates the uploader record and finds or creates the
// registration request (mytardis-api.md sections 5 and 6) through `writer`
// (a recording writer leaves the server as it is). A create whose answer was
// lost is looked up before it is sent again. The SSH key pair is made on
// first use.
Result<InstallationRegistration> registerInstallation(CatalogueReader &reader, CatalogueWriter &writer,
                                                      const Settings &settings, const QString &configFile,
                                                      const Instrument &instrument,
                                                      std::optional<UploaderRecord> knownUploader,
                                                      const Clock &clock = Clock::system());

} // namespace tardigrade
