#pragma once

#include "util/Result.h"

#include <QString>

#include <functional>

class QObject;

namespace tardigrade {

namespace secret_store_detail {
struct JobResult;
}

// Where an installation keeps its secrets (the API key): the system keychain
// through QtKeychain (service "tardigrade", one entry per config file and
// secret name), or, when no keychain can be reached or the environment says
// TARDIGRADE_SECRET_STORE=file (tests, headless servers), a `secrets` file
// beside the config file with mode 0600.
//
// The keychain answers asynchronously and may take seconds (a session that
// is still starting, a prompt): the GUI thread uses the *Async calls, whose
// answer comes later through the event loop; the command line and the
// engine's thread use the blocking ones, which wait in a local event loop
// (at most a few seconds). Both need a QCoreApplication when the keychain is
// used and fall back to the file without one. Secret values never reach a
// log line.
class SecretStore {
public:
    enum class Backend { Automatic, Keychain, File };

    explicit SecretStore(QString configFile, Backend backend = Backend::Automatic);

    // The stored secret, or an empty string when there is none.
    Result<QString> read(const QString &name) const;
    Status write(const QString &name, const QString &secret) const;
    // Removing a secret that is not there is not an error.
    Status remove(const QString &name) const;

    // The same without waiting: `done` is called later on `context`'s
    // thread (never before the call returns), and not at all once `context`
    // is gone.
    void readAsync(const QString &name, QObject *context, std::function<void(Result<QString>)> done) const;
    void writeAsync(const QString &name, const QString &secret, QObject *context,
                    std::function<void(Status)> done) const;
    void removeAsync(const QString &name, QObject *context, std::function<void(Status)> done) const;

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
    using JobResult = secret_store_detail::JobResult;
    bool useKeychain() const;
    // What a keychain answer (none: the keychain is not used) means for each
    // call, the file fallback included; shared by the blocking and the
    // asynchronous calls. finishWrite answers whether it went to the file.
    Result<QString> finishRead(const JobResult *keychain, const QString &name) const;
    Result<bool> finishWrite(const JobResult *keychain, const QString &name, const QString &secret) const;
    Status finishRemove(const JobResult *keychain, const QString &name) const;
    // This config file's copy of `name` out of the secrets file.
    Status removeFromFile(const QString &name) const;

    QString m_configFile; // absolute
    Backend m_backend;
    mutable bool m_lastWentToFile = false;
};

} // namespace tardigrade
