#include "StagingUploader.h"

#include "Md5.h"

#include <QFileInfo>

namespace tardigrade {

Status StagingUploader::connect()
{
    if (m_connection && m_connection->isConnected())
        return {};
    disconnect();
    auto opened = SshConnection::open(m_endpoint);
    if (!opened.ok())
        return opened.error();
    m_connection = std::move(opened).value();
    m_connection->setSftpBelow(m_sftpBelow);
    return {};
}

Status StagingUploader::makeFolderOf(const QByteArray &remotePath)
{
    const int slash = remotePath.lastIndexOf('/');
    if (slash <= 0)
        return {};
    const QByteArray folder = remotePath.left(slash);
    if (m_madeFolders.contains(folder))
        return {};
    const Status made = m_connection->makeDirectories(folder);
    if (made)
        m_madeFolders.insert(folder);
    return made;
}

Result<Delivery> StagingUploader::send(const Shipment &shipment, const Progress &progress)
{
    if (m_cancel && m_cancel->load())
        return Error::cancelled();
    if (shipment.stagingPath.isEmpty())
        return Error::internal(QStringLiteral("No staging path for %1: it must be registered first.")
                                   .arg(shipment.localPath));
    const QFileInfo local(shipment.localPath);
    if (shipment.size >= 0 && local.exists() && local.size() != shipment.size)
        return Error::permanent(QStringLiteral("%1 changed since it was scanned (%2 bytes then, %3 now); it will be "
                                               "uploaded in the next run.")
                                    .arg(shipment.localPath)
                                    .arg(shipment.size)
                                    .arg(local.size()));
    if (Status connected = connect(); !connected)
        return connected.error();
    Status sent = makeFolderOf(shipment.stagingPath);
    Md5 digest;
    if (sent)
        sent = m_connection->upload(shipment.localPath, shipment.stagingPath, shipment.resumeOffset, progress,
                                    m_cancel, shipment.md5OfSent ? &digest : nullptr);
    // After a dropped, stalled or cancelled transfer the session may be
    // mid-conversation: the next file gets a fresh one.
    if (!sent) {
        if (!m_connection->isConnected() || sent.error().kind == ErrorKind::Cancelled ||
            sent.error().kind == ErrorKind::Transient)
            disconnect();
        return sent.error();
    }
    if (shipment.md5OfSent)
        *shipment.md5OfSent = digest.finalHex();
    return Delivery{shipment.datafileId, false};
}

Status StagingUploader::moveStaged(const QByteArray &from, const QByteArray &to)
{
    if (Status connected = connect(); !connected)
        return connected.error();
    const Status moved = m_connection->move(from, to);
    if (!moved && !m_connection->isConnected())
        disconnect();
    if (moved) {
        const int slash = to.lastIndexOf('/');
        if (slash > 0)
            m_madeFolders.insert(to.left(slash));
    }
    return moved;
}

} // namespace tardigrade
