#pragma once

#include "Uploader.h"

namespace tardigrade {

class Catalogue;

// HTTP POST (mytardis-api.md 11a): registers the file and sends its bytes in
// one multipart request, streamed from disk. Several at once, one per worker.
class PostUploader : public Uploader {
public:
    explicit PostUploader(Catalogue &catalogue) : m_catalogue(catalogue) {}

    QString name() const override { return QStringLiteral("post"); }
    bool registersFirst(qint64) const override { return false; }
    Result<Delivery> send(const Shipment &shipment, const Progress &progress) override;

private:
    Catalogue &m_catalogue;
};

} // namespace tardigrade
