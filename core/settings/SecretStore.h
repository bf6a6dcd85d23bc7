#pragma once

#include "util/Result.h"

#include <QString>

namespace tardigrade {

// Where an installation keeps its secrets (the API key): the system keychain
// through QtKeychain (service "tardigrade", one entry per config file and
// secret name), or, when no keychain can be reached or the environment says
// TARDIGRADE_SECRET_STORE=file (tests, headless servers), a `secrets` file
// beside the config file with mode 0600.
//
// Calls block for at most a few seconds (a local event loop runs the
// keychain job), so the GUI makes them on a thread of its own
// (runInBackground), never on its own thread; they need a QCoreApplication
// when the keychain is used and fall back to the file without one. Secret
// values never reach a log line.
class SecretStore {
public:
    enum class Backend { Automatic, Keychain, File };

    explicit SecretStore(QString configFile, Backend backend = Backend::Automatic);

    // The stored secret, or an empty string when there is none.
    Result<QString> read(const QString &name) const;
    Status write(const QString &name, const QString &secret) const;
    // Removing a secret that is not there is not an error.
    Status remove(const QString &name) const;

    // "the system keychain" or "the secrets file <path>": where the last
    // write went (before any write: where a write would go first), for
    // messages.
    QString describe() const;

    // Keychain entry key: the absolute config file path plus the name, so two
    // config files never share a secret.
    QString keychainKey(const QString &name) const;
    QString secretsFilePath() const;

    // True when TARDIGRADE_SECRET_STORE=file.
    static bool fileOnlyByEnvironment();

private:
    bool useKeychain() const;
    // This config file's copy of `name` out of the secrets file.
    Status removeFromFile(const QString &name) const;

    QString m_configFile; // absolute
    Backend m_backend;
    mutable bool m_lastWentToFile = false;
};

} // namespace tardigrade
