#pragma once

#include <QLockFile>
#include <QObject>
#include <QStringList>

class QLocalServer;

namespace tardigrade {

// One tray application per configuration folder. The first start holds a
// lock file in the folder and listens on a local socket; a second start
// finds the lock taken, sends its arguments over the socket (the first then
// shows its window) and exits. A crashed first start leaves a stale lock,
// which QLockFile recognises by its dead process id.
class SingleInstance : public QObject {
    Q_OBJECT
public:
    explicit SingleInstance(const QString &stateDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    // True when this process is (now) the primary: lock held, listening.
    bool claim();
    bool isPrimary() const { return m_primary; }
    // From a second process: ask the primary to show itself. False when no
    // primary answered within timeoutMs.
    bool activatePrimary(const QStringList &arguments = {}, int timeoutMs = 2000) const;

    QString lockFilePath() const { return m_lockPath; }
    QString serverName() const { return m_serverName; }

signals:
    void activationRequested(const QStringList &arguments);

private:
    void onNewConnection();

    QString m_lockPath;
    QString m_serverName;
    QLockFile m_lock;
    QLocalServer *m_server = nullptr;
    bool m_primary = false;
};

} // namespace tardigrade
