#pragma once

#include <QLockFile>
#include <QObject>
#include <QStringList>

class QLocalServer;

namespace tardigrade {

// One tray application per folder given (the tray app gives the user's own
// Tardigrade folder: one per user, as MyData was). The first start holds a
// lock file in the folder, writes who it is (its settings file) beside it
// and listens on a local socket; a second start finds the lock taken, reads
// who holds it, sends its arguments and its own identity over the socket
// (the first then shows its window) and exits. A crashed first start leaves
// a stale lock, which QLockFile recognises by its dead process id.
class SingleInstance : public QObject {
    Q_OBJECT
public:
    explicit SingleInstance(const QString &stateDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    // True when this process is (now) the primary: lock held, listening,
    // `identity` (e.g. its settings file) written for a second start to read.
    bool claim(const QString &identity = {});
    bool isPrimary() const { return m_primary; }
    // The identity the primary claimed with (empty when none is known).
    QString primaryIdentity() const;
    // From a second process: ask the primary to show itself, saying who
    // asks. False when no primary answered within timeoutMs.
    bool activatePrimary(const QStringList &arguments = {}, const QString &identity = {}, int timeoutMs = 2000) const;

    QString lockFilePath() const { return m_lockPath; }
    QString serverName() const { return m_serverName; }

signals:
    void activationRequested(const QStringList &arguments, const QString &identity);

private:
    void onNewConnection();

    QString m_lockPath;
    QString m_identityPath;
    QString m_serverName;
    QLockFile m_lock;
    QLocalServer *m_server = nullptr;
    bool m_primary = false;
};

} // namespace tardigrade
