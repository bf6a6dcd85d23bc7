#pragma once

#include "Uploader.h"

namespace tardigrade {

class Catalogue;
class ReadTally;

// HTTP POST (mytardis-api.md 11a): registers the file and sends its bytes in
// one multipart request, streamed from disk (its reads go into `reads` when
// given). Several at once, one per worker.
class PostUploader : public Uploader {
public:
    explicit PostUploader(Catalogue &catalogue, ReadTally *reads = nullptr) : m_catalogue(catalogue), m_reads(reads) {}

    QString name() const override { return QStringLiteral("post"); }
    bool registersFirst(qint64) const override { return false; }
    Result<Delivery> send(const Shipment &shipment, const Progress &progress) override;

private:
    Catalogue &m_catalogue;
    ReadTally *m_reads;
};

} // namespace tardigrade
