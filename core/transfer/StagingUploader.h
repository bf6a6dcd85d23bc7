#pragma once

#include "SshConnection.h"
#include "SshEndpoint.h"
#include "Uploader.h"

#include <QSet>
#include <atomic>
#include <memory>

namespace tardigrade {

// Staging by SSH (MyTardis's "SCP" method, mytardis-api.md 11b): the file is
// registered first, then written to the path the server named: its folder
// made once per connection (mode 2770), the file sent (mode 0660), a partial
// one resumed. Keeps its connection open across files and opens a new one
// after a failure. One per worker thread.
class StagingUploader : public Uploader {
public:
    // Its reads of local files go into `reads` when given.
    explicit StagingUploader(SshEndpoint endpoint, const std::atomic_bool *cancel = nullptr,
                             ReadTally *reads = nullptr)
        : m_endpoint(std::move(endpoint)), m_cancel(cancel), m_reads(reads)
    {
    }

    QString name() const override { return QStringLiteral("staging"); }
    bool registersFirst(qint64) const override { return true; }
    Result<Delivery> send(const Shipment &shipment, const Progress &progress) override;
    void reset() override { disconnect(); }
    bool hashesWhileSending(qint64 size) const override { return size >= m_onePassFrom; }
    Status moveStaged(const QByteArray &from, const QByteArray &to) override;
    Status removeStaged(const QByteArray &stagingPath) override;
    // Small files go together over one SFTP channel with many requests in
    // flight (SshConnection::uploadMany); larger ones one at a time.
    qint64 sendsManyBelow() const override { return m_manyBelow; }
    QVector<Result<Delivery>> sendMany(const QVector<Shipment> &shipments, const ManyProgress &progress) override;

    // Everything that one at a time goes by synchronous SFTP writes (one
    // round trip per 32 KiB). Measured through a 20 ms relay (issue 15), a
    // batch beat one at a time at every size up to 16 MiB, by 60x at 1 MiB;
    // below 1 MiB a failed file is re-sent whole anyway (ResumeThreshold),
    // and up to 4 MiB that costs little.
    static constexpr qint64 DefaultManyBelow = SshConnection::DefaultSftpBelow;
    void setSendsManyBelow(qint64 bytes) { m_manyBelow = bytes; }
    // How much a batch keeps in flight (tests: one file at a time).
    void setPipelineLimits(const SftpPipeline::Limits &limits)
    {
        m_pipelineLimits = limits;
        if (m_connection)
            m_connection->setPipelineLimits(limits);
    }

    // Files from this size are sent first and hashed on the way (one read),
    // then registered; smaller ones are hashed, registered, then sent. For
    // 4 KiB files the two orders measured alike (see the report), so all
    // but empty files take the one read.
    static constexpr qint64 DefaultOnePassFrom = 1;
    void setOnePassFrom(qint64 bytes) { m_onePassFrom = bytes; }

    // See SshConnection::setSftpBelow (tests force one route or the other).
    void setSftpBelow(qint64 bytes)
    {
        m_sftpBelow = bytes;
        if (m_connection)
            m_connection->setSftpBelow(bytes);
    }

    // Drops the connection; the next upload reconnects.
    void disconnect()
    {
        m_connection.reset();
        m_madeFolders.clear();
    }

private:
    Status connect();
    Status makeFolderOf(const QByteArray &remotePath);
    // The checks send() makes before it connects.
    static Status sendable(const Shipment &shipment);
    // Sends shipments `which` (folders, then one pipelined batch), leaving
    // each one's answer in `statuses`.
    void sendBatch(const QVector<Shipment> &shipments, const QVector<int> &which, QVector<Status> &statuses,
                   const ManyProgress &progress);

    SshEndpoint m_endpoint;
    const std::atomic_bool *m_cancel;
    ReadTally *m_reads;
    std::unique_ptr<SshConnection> m_connection;
    QSet<QByteArray> m_madeFolders; // on this connection: mkdir once per folder
    qint64 m_sftpBelow = SshConnection::DefaultSftpBelow;
    qint64 m_onePassFrom = DefaultOnePassFrom;
    qint64 m_manyBelow = DefaultManyBelow;
    SftpPipeline::Limits m_pipelineLimits;
};

} // namespace tardigrade
