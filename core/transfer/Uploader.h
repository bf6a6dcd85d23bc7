#pragma once

#include "catalogue/CatalogueTypes.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QVector>
#include <functional>

namespace tardigrade {

// One file's bytes on their way to MyTardis.
struct Shipment {
    QString localPath;
    qint64 size = 0;         // as hashed and registered
    NewDataFile description; // what the file is registered as (an uploader that registers with the bytes: POST)
    // Set when the datafile is registered already (uploaders that register
    // first: staging, chunked): its id, and for staging the path the server
    // named, byte for byte (its %20 is part of a folder name).
    qint64 datafileId = 0;
    QByteArray stagingPath;
    // Bytes believed to be at the destination: 0 from scratch, -1 ask the
    // destination. An uploader may lower it, never trusts it blindly.
    qint64 resumeOffset = 0;
    // Staging a file before it is registered (one read pass): when set, the
    // uploader hashes the bytes as they are sent and leaves here the MD5 of
    // every byte at the destination (lowercase hex).
    QByteArray *md5OfSent = nullptr;
};

// What an uploader achieved: every byte is at the destination, or the
// server already held the file (POST's 409, when the worker looks it up).
struct Delivery {
    qint64 datafileId = 0; // 0 when the server did not say
    bool alreadyExists = false;
};

// One way of getting a file's bytes to MyTardis, chosen once per run
// (makeUploader): HTTP POST, resumable chunked HTTP, or staging by SSH. The
// FileWorker around it hashes, registers, journals and counts bytes. Calls
// block on the worker's thread and return within about a second once the
// run is cancelled. One uploader per worker thread.
class Uploader {
public:
    // Bytes at the destination so far. The first call says where the
    // transfer starts (bytes already there, not sent now).
    using Progress = std::function<void(qint64 done, qint64 total)>;

    virtual ~Uploader() = default;

    // "post", "chunked" or "staging": the journal's method column and the logs.
    virtual QString name() const = 0;
    // Whether a file of this size must be registered before its bytes go
    // (staging, chunked); POST registers and sends in one request.
    virtual bool registersFirst(qint64 size) const = 0;
    virtual Result<Delivery> send(const Shipment &shipment, const Progress &progress) = 0;
    // Whether a file of this size is sent before it is registered, hashed
    // on the way (staging: its path follows from the dataset alone), so
    // that it is read once; false keeps hash, register, send.
    virtual bool hashesWhileSending(qint64 /*size*/) const { return false; }
    // Moves a file sent ahead of its registration to where the server said
    // it belongs (uploaders that hash while sending).
    virtual Status moveStaged(const QByteArray & /*from*/, const QByteArray & /*to*/)
    {
        return Error::internal(QStringLiteral("This upload method cannot move a file it sent."));
    }
    // Removes a copy sent ahead of its registration that will never be
    // registered (its local file went away: StagedLeftovers); a copy that
    // is not there is removed already. Uploaders that send nothing ahead of
    // a record (HTTP POST) have nothing to remove.
    virtual Status removeStaged(const QByteArray & /*stagingPath*/) { return {}; }
    // Several small files sent at once, with many requests in flight on one
    // connection, so that a slow network's round trips are shared by the
    // batch instead of paid per file (staging). Files under this size may be
    // batched; 0: one at a time only.
    virtual qint64 sendsManyBelow() const { return 0; }
    // Bytes at the destination so far of shipment `index` of the batch.
    using ManyProgress = std::function<void(int index, qint64 done, qint64 total)>;
    // One answer per shipment, in order: each file succeeds or fails on its
    // own. Every shipment has md5OfSent set and resumeOffset 0. This default
    // sends one after another.
    virtual QVector<Result<Delivery>> sendMany(const QVector<Shipment> &shipments, const ManyProgress &progress)
    {
        QVector<Result<Delivery>> answers;
        answers.reserve(shipments.size());
        for (int i = 0; i < shipments.size(); ++i)
            answers.append(send(shipments.at(i), [&](qint64 done, qint64 total) {
                if (progress)
                    progress(i, done, total);
            }));
        return answers;
    }
    // Forgets connections that may be mid-conversation after a failure.
    virtual void reset() {}
};

} // namespace tardigrade
