#pragma once

#include "SshConnection.h"
#include "SshEndpoint.h"
#include "Uploader.h"

#include <memory>

namespace tardigrade {

// Uploads by SSH to the staging host (MyTardis "SCP" method): makes the
// file's folder (mode 2770), sends the file (mode 0660), resuming a partial
// one. Keeps its connection open across files and opens a new one after a
// failure. One per worker thread.
class StagingUploader : public Uploader {
public:
    explicit StagingUploader(SshEndpoint endpoint) : m_endpoint(std::move(endpoint)) {}

    Status upload(const UploadItem &item, const Progress &progress, const std::atomic_bool *cancel) override;

    // See SshConnection::setSftpBelow (tests force one route or the other).
    void setSftpBelow(qint64 bytes)
    {
        m_sftpBelow = bytes;
        if (m_connection)
            m_connection->setSftpBelow(bytes);
    }

    // Drops the connection (e.g. when settings changed); the next upload reconnects.
    void disconnect() { m_connection.reset(); }

private:
    Status connect();

    SshEndpoint m_endpoint;
    std::unique_ptr<SshConnection> m_connection;
    qint64 m_sftpBelow = SshConnection::DefaultSftpBelow;
};

} // namespace tardigrade
