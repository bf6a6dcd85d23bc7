#pragma once

#include "PostUploader.h"

namespace tardigrade {

// Resumable upload over HTTP (mytardis-api.md 11c), for large files when
// staging is not approved: the datafile is registered first, then its bytes
// go in checksummed chunks from wherever the server says it stands, so a
// dropped connection or a stopped run resumes instead of starting over.
// Files below `threshold` go by plain POST (one request is cheaper than a
// registration and a chunk). Only one chunk is in memory at a time. Its
// reads, and its POSTs', go into `reads` when given.
class ChunkedUploader : public Uploader {
public:
    ChunkedUploader(Catalogue &catalogue, qint64 threshold, ReadTally *reads = nullptr)
        : m_catalogue(catalogue), m_post(catalogue, reads), m_threshold(threshold), m_reads(reads)
    {
    }

    QString name() const override { return QStringLiteral("chunked"); }
    bool registersFirst(qint64 size) const override { return size >= m_threshold; }
    Result<Delivery> send(const Shipment &shipment, const Progress &progress) override;

private:
    Result<Delivery> sendChunks(const Shipment &shipment, const Progress &progress);

    Catalogue &m_catalogue;
    PostUploader m_post;
    qint64 m_threshold;
    ReadTally *m_reads;
};

} // namespace tardigrade
