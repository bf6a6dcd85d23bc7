#pragma once

#include "transfer/StagingUploader.h"

namespace tardigrade::test {

// One file to a staging path, as the FileWorker hands it to the uploader.
inline Status sendTo(StagingUploader &uploader, const QString &local, qint64 size, const QByteArray &remote,
                     qint64 offset, const Uploader::Progress &progress = {})
{
    Shipment s;
    s.localPath = local;
    s.size = size;
    s.stagingPath = remote;
    s.resumeOffset = offset;
    auto sent = uploader.send(s, progress);
    if (!sent)
        return sent.error();
    return {};
}

} // namespace tardigrade::test
