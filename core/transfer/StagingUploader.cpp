#include "StagingUploader.h"

#include "Md5.h"
#include "util/Log.h"

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
    m_connection->countReadsInto(m_reads);
    m_connection->setPipelineLimits(m_pipelineLimits);
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

Status StagingUploader::sendable(const Shipment &shipment)
{
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
    return {};
}

Result<Delivery> StagingUploader::send(const Shipment &shipment, const Progress &progress)
{
    if (m_cancel && m_cancel->load())
        return Error::cancelled();
    if (Status ready = sendable(shipment); !ready)
        return ready.error();
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

Status StagingUploader::removeStaged(const QByteArray &stagingPath)
{
    if (Status connected = connect(); !connected)
        return connected.error();
    const Status removed = m_connection->remove(stagingPath);
    if (!removed && !m_connection->isConnected())
        disconnect();
    return removed;
}

QVector<Result<Delivery>> StagingUploader::sendMany(const QVector<Shipment> &shipments, const ManyProgress &progress)
{
    QVector<Status> statuses(shipments.size());
    const auto answers = [&] {
        QVector<Result<Delivery>> out;
        out.reserve(shipments.size());
        for (int i = 0; i < shipments.size(); ++i)
            out.append(statuses.at(i) ? Result<Delivery>(Delivery{shipments.at(i).datafileId, false})
                                      : Result<Delivery>(statuses.at(i).error()));
        return out;
    };
    if (m_cancel && m_cancel->load()) {
        statuses.fill(Error::cancelled());
        return answers();
    }
    QVector<int> all;
    for (int i = 0; i < shipments.size(); ++i) {
        statuses[i] = sendable(shipments.at(i));
        if (statuses.at(i))
            all.append(i);
    }
    const bool reused = m_connection && m_connection->isConnected();
    sendBatch(shipments, all, statuses, progress);
    // A connection kept from an earlier file may have died while idle (the
    // host restarted, a NAT forgot it) without libssh noticing before this
    // batch: when nothing got through, it is sent again once on a new one.
    if (reused && !m_connection && !(m_cancel && m_cancel->load())) {
        QVector<int> again;
        bool anySent = false;
        for (int i : all) {
            anySent = anySent || statuses.at(i);
            if (!statuses.at(i) && statuses.at(i).error().kind == ErrorKind::Transient)
                again.append(i);
        }
        if (!anySent && !again.isEmpty()) {
            qCInfo(lcTransfer) << "The staging connection had dropped; sending" << again.size()
                               << "files again on a new one";
            sendBatch(shipments, again, statuses, progress);
        }
    }
    return answers();
}

void StagingUploader::sendBatch(const QVector<Shipment> &shipments, const QVector<int> &which,
                                QVector<Status> &statuses, const ManyProgress &progress)
{
    if (Status connected = connect(); !connected) {
        for (int i : which)
            statuses[i] = connected;
        return;
    }
    // Folders first, each once; then every file whose folder is there goes
    // in one pipelined batch.
    std::vector<std::unique_ptr<Md5>> digests(size_t(shipments.size()));
    QVector<PipelinedFile> files;
    QVector<int> indexOf;
    for (int n = 0; n < which.size(); ++n) {
        const int i = which.at(n);
        const Shipment &s = shipments.at(i);
        if (Status made = makeFolderOf(s.stagingPath); !made) {
            statuses[i] = made;
            if (!m_connection->isConnected()) { // the rest would fail the same way
                for (int k = n + 1; k < which.size(); ++k)
                    statuses[which.at(k)] = made;
                break;
            }
            continue;
        }
        if (s.md5OfSent)
            digests[size_t(i)] = std::make_unique<Md5>();
        files.append(PipelinedFile{s.localPath, s.stagingPath, digests[size_t(i)].get()});
        indexOf.append(i);
    }
    if (!files.isEmpty()) {
        const QVector<Status> sent = m_connection->uploadMany(
            files,
            [&](int k, qint64 done, qint64 total) {
                if (progress)
                    progress(indexOf.at(k), done, total);
            },
            m_cancel);
        for (int k = 0; k < files.size(); ++k) {
            const int i = indexOf.at(k);
            statuses[i] = sent.at(k);
            if (sent.at(k) && shipments.at(i).md5OfSent)
                *shipments.at(i).md5OfSent = digests[size_t(i)]->finalHex();
        }
    }
    // As send(): after a drop, stall or cancel the next file gets a fresh connection.
    bool reconnect = !m_connection->isConnected();
    for (int i : which)
        reconnect = reconnect || (!statuses.at(i) && (statuses.at(i).error().kind == ErrorKind::Cancelled ||
                                                      statuses.at(i).error().kind == ErrorKind::Transient));
    if (reconnect)
        disconnect();
}

} // namespace tardigrade
