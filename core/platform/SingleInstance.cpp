#include "SingleInstance.h"

#include "util/Log.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QLocalServer>
#include <QLocalSocket>

namespace tardigrade {

namespace {
QString lockPathFor(const QString &stateDir)
{
    return QDir(stateDir).absoluteFilePath(QStringLiteral("tardigrade.lock"));
}

// Local socket names live in a shared namespace (/tmp on Unix, \\.\pipe on
// Windows): make the name unique per user and configuration folder.
QString serverNameFor(const QString &stateDir)
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    const QString canonical = QFileInfo(stateDir).absoluteFilePath();
    const QByteArray hash =
        QCryptographicHash::hash((user + QLatin1Char('\n') + canonical).toUtf8(), QCryptographicHash::Sha256).toHex();
    return QStringLiteral("tardigrade-") + QString::fromLatin1(hash.left(24));
}
} // namespace

SingleInstance::SingleInstance(const QString &stateDir, QObject *parent)
    : QObject(parent), m_lockPath(lockPathFor(stateDir)),
      m_identityPath(QDir(stateDir).absoluteFilePath(QStringLiteral("tardigrade.instance"))),
      m_serverName(serverNameFor(stateDir)), m_lock(m_lockPath)
{
    // Only a dead owner makes a lock stale, never its age: the tray app
    // runs for weeks.
    m_lock.setStaleLockTime(0);
}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close();
    if (m_primary)
        m_lock.unlock();
}

bool SingleInstance::claim(const QString &identity)
{
    if (m_primary)
        return true;
    QDir().mkpath(QFileInfo(m_lockPath).absolutePath());
    if (!m_lock.tryLock(0)) {
        qCInfo(lcPlatform).noquote() << "Another Tardigrade holds" << m_lockPath;
        return false;
    }
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_serverName)) {
        // We hold the lock, so a socket left there is a crashed primary's.
        QLocalServer::removeServer(m_serverName);
        if (!m_server->listen(m_serverName))
            qCWarning(lcPlatform).noquote() << "A second start cannot reach this one:" << m_server->errorString();
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    // Written under the lock, so a second start reads the holder's, not a
    // crashed one's.
    QSaveFile who(m_identityPath);
    if (who.open(QIODevice::WriteOnly)) {
        who.write(identity.toUtf8());
        if (!who.commit())
            qCWarning(lcPlatform).noquote() << "Cannot write" << m_identityPath << ":" << who.errorString();
    }
    m_primary = true;
    return true;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        // One line of JSON: the second start's arguments and identity.
        auto readLine = [this, socket]() {
            if (!socket->canReadLine())
                return;
            const QJsonObject o = QJsonDocument::fromJson(socket->readLine()).object();
            QStringList list;
            for (const QJsonValue &v : o.value(QLatin1String("arguments")).toArray())
                list << v.toString();
            qCInfo(lcPlatform) << "Activated by a second start.";
            emit activationRequested(list, o.value(QLatin1String("identity")).toString());
        };
        connect(socket, &QLocalSocket::readyRead, this, readLine);
        readLine(); // data may already be there
    }
}

QString SingleInstance::primaryIdentity() const
{
    QFile f(m_identityPath);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool SingleInstance::activatePrimary(const QStringList &arguments, const QString &identity, int timeoutMs) const
{
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    const QJsonObject message{{QStringLiteral("arguments"), QJsonArray::fromStringList(arguments)},
                              {QStringLiteral("identity"), identity}};
    const QByteArray line = QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
    socket.write(line);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    socket.disconnectFromServer();
    if (socket.state() != QLocalSocket::UnconnectedState)
        socket.waitForDisconnected(timeoutMs);
    return true;
}

} // namespace tardigrade
