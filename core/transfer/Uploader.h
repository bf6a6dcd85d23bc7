#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <atomic>
#include <functional>

namespace tardigrade {

// One file to send. `stagingPath` is the server's answer to the datafile
// registration, used byte for byte (its %20 is part of a folder name).
// `resumeOffset`: bytes believed to be there already (0 = from scratch,
// -1 = ask the destination); an implementation may lower it, never trust it blindly.
struct UploadItem {
    QString localPath;
    qint64 size = -1; // as scanned and registered; -1 = do not check
    QByteArray stagingPath;
    qint64 resumeOffset = 0;
};

// One way of getting a file's bytes to MyTardis (staging by SSH, HTTP POST,
// chunked HTTP). Blocking; called from a worker thread; returns within about
// a second once `cancel` is set.
class Uploader {
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    virtual ~Uploader() = default;
    virtual Status upload(const UploadItem &item, const Progress &progress, const std::atomic_bool *cancel) = 0;
};

} // namespace tardigrade
