#include "StagingUploader.h"

#include <QFileInfo>

namespace tardigrade {

Status StagingUploader::connect()
{
    if (m_connection && m_connection->isConnected())
        return {};
    m_connection.reset();
    auto opened = SshConnection::open(m_endpoint);
    if (!opened.ok())
        return opened.error();
    m_connection = std::move(opened).value();
    m_connection->setSftpBelow(m_sftpBelow);
    return {};
}

Status StagingUploader::upload(const UploadItem &item, const Progress &progress, const std::atomic_bool *cancel)
{
    if (cancel && cancel->load())
        return Error::cancelled();
    const QFileInfo local(item.localPath);
    if (item.size >= 0 && local.exists() && local.size() != item.size)
        return Error::permanent(QStringLiteral("%1 changed since it was scanned (%2 bytes then, %3 now); it will be "
                                               "uploaded in the next run.")
                                    .arg(item.localPath)
                                    .arg(item.size)
                                    .arg(local.size()));
    const Status connected = connect();
    if (!connected.ok())
        return connected;

    const int slash = item.stagingPath.lastIndexOf('/');
    if (slash > 0) {
        const Status made = m_connection->makeDirectories(item.stagingPath.left(slash));
        if (!made.ok()) {
            if (!m_connection->isConnected())
                m_connection.reset();
            return made;
        }
    }
    const Status sent = m_connection->upload(item.localPath, item.stagingPath, item.resumeOffset, progress, cancel);
    // After a dropped, stalled or cancelled transfer the session may be
    // mid-conversation: the next file gets a fresh one.
    if (!sent.ok() && (!m_connection->isConnected() || sent.error().kind == ErrorKind::Cancelled ||
                       sent.error().kind == ErrorKind::Transient))
        m_connection.reset();
    return sent;
}

} // namespace tardigrade
